import type { KnowledgeBase, Source } from './types.js';

/**
 * The source a link points at, from the addresses content/sources.yaml gives each source (its `url`
 * and `alsoAt`): the same page written another way (http or https, with or without "www.", a
 * trailing slash, a fragment, upper-case host) is the same link; any other page, even on the same
 * site, is not. Undefined for a link to nothing the knowledge base holds.
 */
export function sourceAt(kb: KnowledgeBase, link: string): Source | undefined {
  const key = linkKey(link);
  if (key === undefined) return undefined;
  for (const source of kb.sources.values()) {
    if (addressesOf(source).some((address) => linkKey(address) === key)) return source;
  }
  return undefined;
}

/** Every host (without "www.") a source of the knowledge base is served from. */
export function sourceHosts(kb: KnowledgeBase): Set<string> {
  const hosts = new Set<string>();
  for (const source of kb.sources.values()) {
    for (const address of addressesOf(source)) {
      const host = hostOf(address);
      if (host !== undefined) hosts.add(host);
    }
  }
  return hosts;
}

function addressesOf(source: Source): string[] {
  return [...(source.url === undefined ? [] : [source.url]), ...(source.alsoAt ?? [])];
}

function hostOf(link: string): string | undefined {
  try {
    return new URL(link).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function linkKey(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${path}${url.search}`;
}
