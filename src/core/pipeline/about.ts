import type { KnowledgeBase } from '../../knowledge/types.js';
import { longDate } from '../citations/dates.js';

/**
 * What the bot says of itself (who it is, what it rests on, how current it is, when its sources
 * were last read), from the knowledge base's own data: the sources its source topics stand for,
 * their dates, and the latest date a curator read any source on (`accessed` in content/sources.yaml).
 */
export function aboutTheKnowledgeBase(kb: KnowledgeBase): string {
  const primary = [...kb.topics.values()]
    .filter((t) => t.group === 'source' && t.source !== undefined)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .flatMap((t) => {
      const s = kb.sources.get(t.source as string);
      return s === undefined ? [] : [s];
    });
  const lines = primary.map((s) => {
    const name = s.title ?? s.description ?? s.id;
    const when =
      s.date !== undefined
        ? `dated ${longDate(s.date)}`
        : s.accessed !== undefined
          ? `as read on ${longDate(s.accessed)}`
          : '';
    return `- ${s.publisher === name ? name : `${s.publisher}, ${name}`}${when === '' ? '' : `, ${when}`}`;
  });
  const read = [...kb.sources.values()].flatMap((s) => (s.accessed === undefined ? [] : [s.accessed])).sort();
  const background = kb.sources.size - primary.length;
  const out = [
    '**About me:** I am policybot, an assistant that answers only from a knowledge base its curators keep: no web search, no general model.',
    '',
    `**What I rest on** (and ${background} background source${background === 1 ? '' : 's'} for dates and programs):`,
    ...lines,
  ];
  const last = read.at(-1);
  if (last !== undefined)
    out.push(
      '',
      `**How current:** my sources were last read on ${longDate(last)}; nothing after that is in them.`,
    );
  return out.join('\n');
}
