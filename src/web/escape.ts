/**
 * The page's one escaping discipline: every string that reaches HTML goes through `html` (text and
 * attribute values alike), so nothing a person typed, and nothing a source or a curator wrote, is
 * ever read by the browser as markup. Templates build `Html` values; a plain string is always text.
 */

/** Markup that has been escaped or built from escaped parts. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Control characters (but tab and newline) and the bidi overrides that could reorder what a page shows. */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const KEPT = new Set(['\t', '\n', '\r']);

/** Text as HTML: entities for the characters that mean something in markup, control characters dropped. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, (c) => (KEPT.has(c) ? c : '')).replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeText(String(part));
}

/** A template tag: literal markup, with every interpolated value escaped unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Several parts as one (a list's items). */
export function join(parts: readonly Part[], separator = ''): Html {
  return new Html(parts.map(render).join(separator));
}

/** A link target only when it is a web address: no `javascript:` or `data:` URL ever reaches an href. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JSON inside an HTML element (a data block or an attribute): `<`, `>`, `&` and the line separators
 * as \u escapes, so it can neither close the element nor be read as markup.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
