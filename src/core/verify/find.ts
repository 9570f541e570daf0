import type { QuotationForm } from './types.js';

/** A quotation found in a text: its words (without the marks around them) and where they are. */
export interface Found {
  readonly quote: string;
  /** [start, end) of the words themselves, in the text. */
  readonly start: number;
  readonly end: number;
  readonly form: QuotationForm;
  /**
   * A block quote: where the line that credits it is, to read who it is credited to: the line that
   * introduces it, else a dash line under it ("— 1787").
   */
  readonly intro?: { readonly start: number; readonly end: number };
}

const OPEN_DOUBLE = new Set(['“', '„', '«', '"']);
const CLOSE_OF: Readonly<Record<string, readonly string[]>> = {
  '“': ['”', '"', '“'],
  '„': ['“', '”', '"'],
  '«': ['»'],
  '"': ['"', '”'],
  '‘': ['’', "'"],
  "'": ["'", '’'],
};

const LETTER = /[\p{L}\p{N}]/u;
/** What may stand before an opening mark: the start, a space, an opening bracket or a dash. */
const BEFORE_OPEN = /[\s([{\u2014\u2013\-/:]/u;
/** What may follow a closing mark: the end, a space, punctuation. */
const AFTER_CLOSE = /[\s)\]}.,;:!?\u2014\u2013\-…'"’”]/u;

/**
 * Quotations by their marks, structurally: straight and curly double quotes, single quotes used as
 * quotation marks (not the apostrophes inside and after words), then block quotes. What sits
 * inside a quotation (a quote within the quote) is part of it.
 */
export function findQuotations(text: string): Found[] {
  const found: Found[] = [];
  const taken: [number, number][] = [];
  const free = (at: number): boolean => !taken.some(([s, e]) => at >= s && at < e);

  const scan = (opens: ReadonlySet<string>): void => {
    let i = 0;
    while (i < text.length) {
      const ch = text[i] as string;
      if (!opens.has(ch) || !free(i) || !opensHere(text, i)) {
        i++;
        continue;
      }
      const close = closingFor(text, i, ch);
      if (close < 0) {
        i++;
        continue;
      }
      const inner = text.slice(i + 1, close);
      const lead = inner.length - inner.trimStart().length;
      const trail = inner.length - inner.trimEnd().length;
      found.push({ quote: inner.trim(), start: i + 1 + lead, end: close - trail, form: 'quoted' });
      taken.push([i, close + 1]);
      i = close + 1;
    }
  };
  scan(OPEN_DOUBLE);
  scan(new Set(['‘', "'"]));
  // A block holding a quotation is text around quotations, not a block quote.
  for (const block of findBlocks(text)) {
    if (!taken.some(([s, e]) => s < block.end && e > block.start)) found.push(block);
  }
  return found.sort((a, b) => a.start - b.start);
}

function opensHere(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : (text[i - 1] as string);
  const after = text[i + 1] ?? '';
  // An apostrophe inside or after a word ("1787's", "TCOs' ") is not a quotation mark.
  if ((text[i] === "'" || text[i] === '‘') && LETTER.test(before)) return false;
  return (BEFORE_OPEN.test(before) || OPEN_DOUBLE.has(before) || before === '‘') && after.trim() !== '';
}

function closingFor(text: string, open: number, mark: string): number {
  const closes = CLOSE_OF[mark] ?? [];
  const single = mark === "'" || mark === '‘';
  for (let j = open + 1; j < text.length; j++) {
    const ch = text[j] as string;
    // A quotation does not run over a blank line (a new paragraph).
    if (ch === '\n' && /^\n[ \t]*\n/.test(text.slice(j))) return -1;
    if (!closes.includes(ch)) continue;
    const before = text[j - 1] ?? '';
    const after = text[j + 1] ?? ' ';
    if (before.trim() === '') continue;
    // Inside single quotes, ’ between letters is an apostrophe ("agency’s").
    if (single && LETTER.test(before) && LETTER.test(after)) continue;
    if (!AFTER_CLOSE.test(after) && after !== '') continue;
    return j;
  }
  return -1;
}

/**
 * Block quotes: Markdown "> " lines; lines indented under a line of ordinary text; and the
 * paragraph after a line that ends with a colon. The line before is the one that credits it.
 */
function findBlocks(text: string): Found[] {
  const lines: { start: number; end: number; body: string }[] = [];
  let at = 0;
  for (const body of text.split('\n')) {
    lines.push({ start: at, end: at + body.length, body });
    at += body.length + 1;
  }
  const out: Found[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as { start: number; end: number; body: string };
    const kind = blockKind(lines, i);
    if (kind === undefined) {
      i++;
      continue;
    }
    // The block runs over the following lines of the same kind.
    let j = i;
    while (j + 1 < lines.length && blockKind(lines, j + 1, kind) === kind) j++;
    const last = lines[j] as { start: number; end: number; body: string };
    const strip = kind === 'markdown' ? /^[ \t]*>[ \t]?/ : /^[ \t]+/;
    const first = line.body.match(strip)?.[0].length ?? 0;
    const inner = text.slice(line.start + first, last.end);
    const quote = inner
      .split('\n')
      .map((l) => l.replace(strip, ''))
      .join(' ')
      .trim();
    const intro = signatureOf(lines, j) ?? introOf(lines, i);
    if (quote !== '' && !/^["“„«'‘]/.test(quote)) {
      const lead = inner.length - inner.trimStart().length;
      out.push({
        quote,
        start: line.start + first + lead,
        end: last.end - (inner.length - inner.trimEnd().length),
        form: 'block',
        ...(intro === undefined ? {} : { intro }),
      });
    }
    i = j + 1;
  }
  return out;
}

type BlockKind = 'markdown' | 'indented' | 'after-colon';

function blockKind(
  lines: readonly { body: string }[],
  i: number,
  continuing?: BlockKind,
): BlockKind | undefined {
  const body = lines[i]?.body ?? '';
  if (body.trim() === '') return undefined;
  if (/^[ \t]*>/.test(body)) return 'markdown';
  if (/^(?:\t| {2,})\S/.test(body) && !/^\s*(?:[-*•]|\d+[.)])\s/.test(body)) {
    return continuing === 'indented' || hasTextBefore(lines, i) ? 'indented' : undefined;
  }
  // The paragraph after a colon runs on to the next blank line; a list after one is a list.
  if (/^\s*(?:[-*•]|\d+[.)])\s/.test(body)) return undefined;
  if (continuing === 'after-colon') return 'after-colon';
  if (continuing !== undefined) return undefined;
  // The paragraph after a line ending in a colon (with or without a blank line between).
  const previous = previousText(lines, i);
  return previous !== undefined && /:\s*$/.test(previous.body) && previous.index === i - 1 - previous.blank
    ? 'after-colon'
    : undefined;
}

function hasTextBefore(lines: readonly { body: string }[], i: number): boolean {
  return previousText(lines, i) !== undefined;
}

/** The nearest earlier line with text, at most one blank line up. */
function previousText(lines: readonly { body: string }[], i: number) {
  for (let k = i - 1, blank = 0; k >= 0 && blank <= 1; k--) {
    const body = lines[k]?.body ?? '';
    if (body.trim() !== '') return { body, index: k, blank };
    blank++;
  }
  return undefined;
}

/** A line right under a block (one blank line at most) that signs it: "— 1787", "-- the ATA". */
function signatureOf(
  lines: readonly { start: number; end: number; body: string }[],
  last: number,
): { start: number; end: number } | undefined {
  for (let k = last + 1; k <= last + 2 && k < lines.length; k++) {
    const line = lines[k] as { start: number; end: number; body: string };
    if (line.body.trim() === '') continue;
    return /^\s*(?:[\u2014\u2013]|--?)\s*\S/u.test(line.body)
      ? { start: line.start, end: line.end }
      : undefined;
  }
  return undefined;
}

function introOf(
  lines: readonly { start: number; end: number; body: string }[],
  i: number,
): { start: number; end: number } | undefined {
  const previous = previousText(lines, i);
  const line = previous === undefined ? undefined : lines[previous.index];
  return line === undefined ? undefined : { start: line.start, end: line.end };
}
