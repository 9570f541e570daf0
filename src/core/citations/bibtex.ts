import type { Source } from '../../knowledge/types.js';

/**
 * BibTeX keeps a title as its publisher spells it, in headline case, and braces what must keep its
 * capitals: styles that set titles in sentence case (plain.bst, many biblatex styles) lower-case
 * every letter outside braces but the first. The words to brace are those the sentence-case title
 * keeps capitalized (proper nouns), and acronyms wherever they stand.
 */
export function bibtexTitle(source: Source): string | undefined {
  const { title } = source;
  if (title === undefined) return undefined;
  const sentence = source.titleSentenceCase ?? title;
  const words = title.split(/\s+/);
  const lowered = sentence.split(/\s+/);
  const separators = title.match(/\s+/g) ?? [];
  const aligned =
    words.length === lowered.length && words.every((w, i) => w.toLowerCase() === lowered[i]?.toLowerCase());
  // Spelled differently: protect the whole title rather than guess which words are names.
  if (!aligned) return `{${latex(title)}}`;

  let out = '';
  let open = false;
  words.forEach((word, i) => {
    const [, lead = '', core = '', trail = ''] = /^([("“‘[]*)(.*?)([)"”’\],:;!?]*)$/u.exec(word) ?? [];
    const capitals = core.match(/\p{Lu}/gu)?.length ?? 0;
    const proper = /\p{Lu}/u.test(lowered[i] ?? '') && (i > 0 || capitals >= 2);
    if (open && (!proper || lead !== '')) {
      out += '}';
      open = false;
    }
    out += (i === 0 ? '' : (separators[i - 1] ?? ' ')) + latex(lead);
    if (!proper) {
      out += latex(core + trail);
      return;
    }
    if (!open) out += '{';
    open = true;
    out += latex(core);
    if (trail !== '') {
      out += `}${latex(trail)}`;
      open = false;
    }
  });
  return open ? `${out}}` : out;
}

const ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030c': 'v',
  '\u0327': 'c',
};

const PUNCTUATION: Readonly<Record<string, string>> = {
  '“': '``',
  '”': "''",
  '‘': '`',
  '’': "'",
  '–': '--',
  '—': '---',
};

/** TeX's special characters escaped, accented letters as accent commands ({\'e}); other text as is. */
export function latex(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\\{}&%$#_~^]/g, (c) =>
      c === '\\' ? '\\textbackslash{}' : c === '~' || c === '^' ? `\\${c}{}` : `\\${c}`,
    )
    .replace(/([A-Za-z])([\u0300-\u036f])/g, (match, letter: string, mark: string) => {
      const command = ACCENTS[mark];
      if (command === undefined) return match;
      return /[a-z]/i.test(command) ? `{\\${command}{${letter}}}` : `{\\${command}${letter}}`;
    })
    .replace(/[“”‘’–—]/g, (c) => PUNCTUATION[c] ?? c)
    .normalize('NFC');
}
