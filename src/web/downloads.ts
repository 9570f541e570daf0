import type { ServerResponse } from 'node:http';
import { RECORD_FILES, RECORD_FORMATS, type RecordFormat, topicRecords } from '../core/citations/records.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { MAX_BASKET } from './limits.js';
import { sendFile } from './respond.js';

/** What a download asks for, read from its query string, or why it cannot be served. */
export type BasketRequest =
  | { readonly ok: true; readonly topics: readonly string[]; readonly format: RecordFormat }
  | { readonly ok: false; readonly problem: string };

/**
 * `/download?topic=a&topic=b&format=ris`: the basket form's own query string, so it works without
 * JavaScript. Every topic must be one the knowledge base has; a format one of the three files.
 */
export function readBasket(kb: KnowledgeBase, params: URLSearchParams): BasketRequest {
  const format = params.get('format') ?? 'bibtex';
  if (!(RECORD_FORMATS as readonly string[]).includes(format)) {
    return { ok: false, problem: 'Choose BibTeX, RIS or CSL-JSON.' };
  }
  const asked = params.getAll('topic');
  if (asked.length > MAX_BASKET) return { ok: false, problem: `At most ${MAX_BASKET} topics at once.` };
  const topics = [...new Set(asked)];
  if (topics.length === 0) return { ok: false, problem: 'Tick at least one topic to download.' };
  const unknown = topics.filter((id) => {
    const t = kb.topics.get(id);
    return t === undefined || t.group === 'bot' || t.group === 'fallback';
  });
  if (unknown.length > 0) {
    return { ok: false, problem: `No topic called ${unknown.map((u) => `“${u.slice(0, 80)}”`).join(', ')}.` };
  }
  return { ok: true, topics, format: format as RecordFormat };
}

/** The ticked topics' sources as one file: `policybot-threat.drugs.bib`, `policybot-3-topics.ris`. */
export async function sendBasket(
  res: ServerResponse,
  kb: KnowledgeBase,
  basket: { readonly topics: readonly string[]; readonly format: RecordFormat },
): Promise<void> {
  const file = RECORD_FILES[basket.format];
  const body = await topicRecords(kb, basket.topics, basket.format);
  const stem = basket.topics.length === 1 ? basket.topics[0] : `${basket.topics.length}-topics`;
  sendFile(res, body, file.type, `policybot-${stem}.${file.extension}`);
}
