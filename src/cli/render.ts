import type { Answer } from '../core/index.js';

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

/** The answers' Markdown subset, for a terminal. */
export function renderMarkdown(text: string, style: Style): string {
  return text
    .split('\n')
    .map((line) => {
      const inline = (s: string): string =>
        s
          .replace(/\*\*(.+?)\*\*/g, (_, b: string) => style.bold(b))
          .replace(
            /(^|[\s(])_(.+?)_(?=$|[\s).,;:!?])/g,
            (_, pre: string, i: string) => `${pre}${style.italic(i)}`,
          )
          .replace(
            /\[([^\]]+)\]\((https?:[^)\s]+)\)/g,
            (_, label: string, url: string) => `${label} (${style.dim(url)})`,
          );
      if (line.startsWith('> ')) return style.dim('│ ') + style.italic(inline(line.slice(2)));
      if (line.startsWith('- ')) return `  • ${inline(line.slice(2))}`;
      return inline(line);
    })
    .join('\n');
}

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

/** A whole answer: heading, text, quotes with their references, and what to ask next. */
export function renderAnswer(answer: Answer, style: Style): string {
  const out: string[] = [style.accent(style.bold(answer.title)), renderMarkdown(answer.text, style)];
  if (answer.followUp !== 'source') {
    const quoted = answer.citations.filter((c) => c.quote);
    for (const c of quoted) {
      if (answer.followUp === null && !answer.text.includes(c.quote ?? '')) {
        out.push(`${style.dim('│ ')}${style.italic(`“${c.quote}”`)}`);
      }
    }
    const refs = [...new Set(answer.citations.map((c) => c.reference))].map((r) => `  ${r}`);
    if (refs.length > 0) out.push(`${style.bold('Source')}\n${refs.join('\n')}`);
  }
  // A decline already names its nearest topics ("Did you mean"); say them once.
  if (answer.related.length > 0 && !answer.text.includes('Did you mean')) {
    out.push(`${style.bold('Related:')} ${answer.related.map((r) => r.title).join(' · ')}`);
  }
  if (answer.suggestions.length > 0) out.push(style.dim(`Try: ${answer.suggestions.join(' · ')}`));
  return out.join('\n\n');
}
