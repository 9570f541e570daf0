import type { KnowledgeBase } from '../../knowledge/types.js';

/**
 * Words the surfaces put around an answer's structure (headings, button labels): kept in the core
 * with the rest of its wording, so every surface says the same thing and none composes English.
 */
export const LABELS = {
  source: 'Source',
  sources: 'Sources',
  related: 'Related',
  didYouMean: 'Did you mean',
  quote: 'Quote',
  alsoCited: 'Also cited',
  inText: 'In text',
  note: 'Note',
  fullNote: 'Note (first citation)',
  shortNote: 'Note (later citations)',
  nameInText: 'Name in the sentence',
  bibliography: 'Bibliography',
  try: 'Try',
  inSources: 'under Sources',
  /** "3 more quotes in the attached file", when a platform cap leaves no room. */
  moreQuotes: (n: number, where: string): string => `${n} more ${n === 1 ? 'quote' : 'quotes'} ${where}`,
  moreSections: (n: number): string =>
    `${n} more ${n === 1 ? 'part' : 'parts'} did not fit in this message; ask for the sources to see them.`,
  attached: (file: string): string => `The full record is in the attached file ${file}.`,
  /** An answer's files (a bibliography's .bib, .ris, .json, .txt) sent with the message. */
  filesAttached: (names: readonly string[]): string =>
    `${names.length === 1 ? 'File' : 'Files'} attached, for a reference manager or a memo: ${names.join(', ')}.`,
  /** Where a platform cannot attach files to a private message: sent in a direct message instead. */
  filesInDirectMessage: (names: readonly string[]): string =>
    `${names.length === 1 ? 'The file' : 'The files'} (${names.join(', ')}) ${names.length === 1 ? 'is' : 'are'} in your direct messages with me: a private reply cannot carry files here.`,
  /** An answer posted for everyone where the bot cannot upload: its files went to the poster alone. */
  filesToPoster: (names: readonly string[]): string =>
    `${names.length === 1 ? 'Its file' : 'Its files'} (${names.join(', ')}) ${names.length === 1 ? 'is' : 'are'} in your direct messages with me, for a reference manager or a memo: I cannot upload where the answer was posted.`,
  /** References a platform's message has no room for, sent whole in a file instead of cut. */
  referencesAttached: (n: number, file: string): string =>
    `${n} more ${n === 1 ? 'reference' : 'references'} did not fit in this message: ${n === 1 ? 'it is' : 'they are'} whole in the attached file ${file}.`,
} as const;

const WORDS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** "ten"; figures past twenty (CMOS 9.2). */
export function numberWord(n: number): string {
  return WORDS[n] ?? String(n);
}

/** Counts the answers state, from the knowledge base, so that an eleventh solution is never "ten". */
export function counts(kb: KnowledgeBase): { readonly solutions: number; readonly sources: number } {
  let found = counted.get(kb);
  if (found === undefined) {
    const topics = [...kb.topics.values()];
    found = {
      solutions: topics.filter((t) => t.group === 'solution' && t.role !== 'overview').length,
      // The primary sources: those whose words the answers quote (the assessment, 1787's page).
      sources: new Set(topics.flatMap((t) => t.quotes.map((q) => q.source))).size,
    };
    counted.set(kb, found);
  }
  return found;
}

/** Counted once per knowledge base (a reload makes a new one): answers ask on every turn. */
const counted = new WeakMap<KnowledgeBase, { readonly solutions: number; readonly sources: number }>();
