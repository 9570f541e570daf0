import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../../src/knowledge/load.js';
import type { KnowledgeBase, Source } from '../../src/knowledge/types.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let kb: KnowledgeBase | undefined;

/** The project's own knowledge base, validated once per test file. */
export function knowledgeBase(): KnowledgeBase {
  kb ??= loadKnowledgeBase({ root: ROOT });
  return kb;
}

export function source(id: string): Source {
  const found = knowledgeBase().sources.get(id);
  if (!found) throw new Error(`no source ${id}`);
  return found;
}

export const ATA_PDF =
  'https://www.dni.gov/files/ODNI/documents/assessments/ATA-2024-Unclassified-Report.pdf';
export const PAGE_URL = 'https://1787securityplatform.com/transnationalcrime';
