import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { expect } from 'vitest';
import { type CslItem, toCslItem } from '../../src/core/citations/csl.js';
import { citedSources, type RecordFormat } from '../../src/core/citations/records.js';
import type { Assistant } from '../../src/core/port.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { HttpRoutes } from '../../src/runtime/http.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { webHandler } from '../../src/web/routes.js';

/** The page on a free 127.0.0.1 port, in this process, over the given assistant. */
export async function startWeb(assistant: Assistant): Promise<{ base: string; close(): Promise<void> }> {
  const routes = new HttpRoutes();
  routes.fallback(webHandler({ assistant }));
  const server: Server = await routes.listen(0, '127.0.0.1', silentLogger, 'web');
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a basket of topics must hold: each cited source's CSL item once, a relay after its quote's source. */
export function expectedItems(kb: KnowledgeBase, topics: readonly string[]): CslItem[] {
  const items = new Map<string, CslItem>();
  for (const id of topics) {
    const topic = kb.topics.get(id);
    if (topic === undefined) throw new Error(`no topic ${id}`);
    for (const { source, via } of citedSources(kb, topic)) {
      if (!items.has(source.id)) items.set(source.id, toCslItem(source, via));
      if (via && !items.has(via.id)) items.set(via.id, toCslItem(via));
    }
  }
  return [...items.values()];
}

type Parsed = Record<string, unknown> & {
  author?: { literal?: string; family?: string }[];
  issued?: unknown;
};

const name = (a: { literal?: string; family?: string } | undefined) => a?.literal ?? a?.family;

/**
 * A downloaded file parsed back with citation-js and compared with the items it was made from,
 * field for field, as each format carries them: CSL-JSON whole; BibTeX with its title in headline
 * case and a web page's access date in its note; RIS with its 20-character ids.
 */
export async function expectRoundTrip(text: string, format: RecordFormat, expected: readonly CslItem[]) {
  const parsed = (format === 'csl-json' ? JSON.parse(text) : (await Cite.async(text)).data) as Parsed[];
  if (format === 'csl-json') {
    expect(parsed).toEqual(expected);
    return;
  }
  expect(parsed.length).toBe(expected.length);
  expected.forEach((item, i) => {
    const back = parsed[i] as Parsed;
    const where = `${format} item ${i} (${item.id})`;
    expect(name(back.author?.[0]), where).toBe(name(item.author?.[0]));
    expect(back.publisher, where).toBe(item.publisher);
    expect(back.URL, where).toBe(item.URL);
    expect(back.issued, where).toEqual(item.issued);
    if (format === 'bibtex') {
      expect(back.type, where).toBe(item.type === 'report' ? 'report' : 'document');
      expect(String(back.title).toLowerCase(), where).toBe(item.title?.toLowerCase());
      expect(back['citation-key'], where).toBe(item.id.replace(/[^a-z0-9]/gi, ''));
      const accessed = item.accessed?.['date-parts'][0].map((n) => String(n).padStart(2, '0')).join('-');
      expect(back.note, where).toBe(item.note ?? (accessed ? `[Online; accessed ${accessed}]` : undefined));
    } else {
      expect(back.type, where).toBe(item.type);
      expect(back.title, where).toBe(item.title);
      expect(back['title-short'], where).toBe(item['title-short']);
      // RIS carries no ID (render.ts: citation-js read a record with the old spec's ID tag and no
      // newer tag by the old spec, losing its access date), and the access date comes back.
      expect(back.accessed, where).toEqual(item.accessed);
      expect(back.note, where).toBe(item.note);
    }
  });
}
