import type { Source } from '../../knowledge/types.js';
import { longDate } from './dates.js';

/**
 * The title in quotation marks; a work whose title we do not know gets our description in its
 * place, unquoted, so it never passes for a title; else its number stands alone.
 */
export function plainTitlePart(source: Source, linked?: (text: string) => string): string | undefined {
  const link = linked ?? ((text: string) => text);
  if (source.title !== undefined) return `“${link(source.title)}”`;
  if (source.description !== undefined) return link(source.description);
  return undefined;
}

/** The parts of one source in reading order: publisher, title, number, date, URL, accessed date. */
function parts(source: Source, title: string | undefined, withUrl: boolean): string[] {
  const out = [source.publisher];
  if (title !== undefined) out.push(title);
  if (source.number !== undefined) out.push(source.number);
  if (source.date) out.push(longDate(source.date));
  if (withUrl && source.url) out.push(source.url);
  if (source.accessed) out.push(`accessed ${longDate(source.accessed)}`);
  return out;
}

/**
 * One line a person can paste: publisher, title, number, date, URL (and the day a web page was
 * read), then the page that relays it. No citation engine: this is the fast path.
 */
export function plainReference(source: Source, via?: Source): string {
  const line = (s: Source): string => parts(s, plainTitlePart(s), true).join(', ');
  return americanPunctuation(via ? `${line(source)}; quoted in ${line(via)}.` : `${line(source)}.`);
}

/** The plain line with each title linked to its URL instead of the bare URL. */
export function markdownReference(source: Source, via?: Source): string {
  const linked = (s: Source): string => {
    const url = s.url;
    const title = plainTitlePart(s, (text) =>
      url === undefined ? escapeMarkdown(text) : markdownLink(text, url),
    );
    // A source with neither title nor description keeps its URL: there is nothing to link.
    return parts(s, title, title === undefined).join(', ');
  };
  return americanPunctuation(via ? `${linked(source)}; quoted in ${linked(via)}.` : `${linked(source)}.`);
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\[\]*_`])/g, '\\$1');
}

function markdownLink(text: string, url: string): string {
  return `[${escapeMarkdown(text)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/**
 * American style puts a comma or period that follows a closing quotation mark inside it, and drops
 * it after a title that ends in its own question or exclamation mark, linked or not (CMOS 17 6.9,
 * 6.119).
 */
export function americanPunctuation(text: string): string {
  return text.replace(/([?!](?:\]\([^)\s]*\))?)”[,.]/g, '$1”').replace(/”([,.])/g, '$1”');
}
