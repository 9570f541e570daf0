import { type Dialect, quoted, writeBlock, writeInline } from '../core/document/dialect.js';
import { quotesToList, referenceParts, referencesHeading } from '../core/document/forms.js';
import { type Answer, type Block, type Inline, LABELS } from '../core/index.js';

export interface Style {
  bold(s: string): string;
  italic(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOUR: Style = {
  bold: ansi(1, 22),
  italic: ansi(3, 23),
  dim: ansi(2, 22),
  accent: ansi(36, 39),
};
export const PLAIN: Style = { bold: (s) => s, italic: (s) => s, dim: (s) => s, accent: (s) => s };

/** An ANSI colour or style sequence: it takes no room on the screen. */
const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Word-wraps plain or styled text to a width, keeping indentation of bullets and quotes. */
export function wrap(text: string, width: number): string {
  if (!Number.isFinite(width) || width < 20) return text;
  const visible = (s: string): number => s.replace(ANSI_STYLE, '').length;
  return text
    .split('\n')
    .flatMap((line) => {
      if (visible(line) <= width) return [line];
      const indent = /^(\s*(?:•\s|\S*│\S*\s)?)/.exec(line)?.[1] ?? '';
      const hanging = ' '.repeat(visible(indent));
      const out: string[] = [];
      let current = '';
      for (const word of line.slice(indent.length).split(' ')) {
        const prefix = out.length === 0 ? indent : hanging;
        if (current !== '' && visible(prefix + current) + 1 + visible(word) > width) {
          out.push(prefix + current);
          current = word;
        } else {
          current = current === '' ? word : `${current} ${word}`;
        }
      }
      out.push((out.length === 0 ? indent : hanging) + current);
      return out;
    })
    .join('\n');
}

/** A terminal's marks, in a style (colour or plain): no escaping, a terminal shows words as they are. */
function terminal(style: Style): Dialect {
  return {
    text: (words) => words,
    strong: style.bold,
    emphasis: style.italic,
    link: (words, url) => `${words} (${style.dim(url)})`,
    listItem: (item) => `  • ${item}`,
    quote: (words) => style.dim('│ ') + style.italic(quoted(words)),
  };
}

/** Inline runs for a terminal: styles applied to each run, never by re-reading marked-up text. */
export function renderInline(content: readonly Inline[], style: Style): string {
  return writeInline(content, terminal(style));
}

const renderBlock = (block: Block, style: Style): string => writeBlock(block, terminal(style));

/**
 * A whole answer: heading, notes, body, the quotes the body does not show, "Did you mean", the
 * references and what to ask next. Prose is word-wrapped to `width`; a reference is never
 * wrapped, prefixed or cut: each form stands on its own lines, for the terminal to wrap as it
 * pleases and a person to copy whole.
 */
export function renderAnswer(answer: Answer, style: Style, width = Number.POSITIVE_INFINITY): string {
  const prose: string[] = [
    style.accent(style.bold(answer.title)),
    ...answer.notes.map((n) => renderInline(n.content, style)),
    ...answer.blocks.map((b) => renderBlock(b, style)),
    ...quotesToList(answer).map((q) => `${style.dim('│ ')}${style.italic(quoted(q.text))}`),
  ];
  if (answer.didYouMean.length > 0)
    prose.push(`${LABELS.didYouMean}: ${answer.didYouMean.map((r) => style.bold(r.title)).join(' · ')}?`);
  const out = [wrap(prose.join('\n\n'), width)];
  if (answer.references.length > 0) {
    const refs = answer.references.map((r) =>
      referenceParts(r, answer.form)
        .map((p) => (p.label === undefined ? p.text : `${style.dim(`${p.label}:`)}\n${p.text}`))
        .join('\n'),
    );
    out.push(`${style.bold(referencesHeading(answer))}\n${refs.join('\n')}`);
  }
  const tail: string[] = [];
  if (answer.related.length > 0 && answer.didYouMean.length === 0)
    tail.push(`${style.bold(`${LABELS.related}:`)} ${answer.related.map((r) => r.title).join(' · ')}`);
  if (answer.suggestions.length > 0) tail.push(style.dim(`${LABELS.try}: ${answer.suggestions.join(' · ')}`));
  if (tail.length > 0) out.push(wrap(tail.join('\n\n'), width));
  return out.join('\n\n');
}
