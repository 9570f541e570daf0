import type { Source } from '../../knowledge/types.js';
import { longDate } from './dates.js';

/** The parts of one source in reading order: publisher, “title”, date, URL, accessed date. */
function parts(source: Source, title: string, withUrl: boolean): string[] {
  const out = [source.publisher, `“${title}”`];
  if (source.date) out.push(longDate(source.date));
  if (withUrl && source.url) out.push(source.url);
  if (source.accessed) out.push(`accessed ${longDate(source.accessed)}`);
  return out;
}

/**
 * One line a person can paste: publisher, title, date, URL (and the day a web page was read), then
 * the page that relays it. No citation engine: this is the fast path.
 */
export function plainReference(source: Source, via?: Source): string {
  const own = parts(source, source.title, true).join(', ');
  return via ? `${own}; quoted in ${parts(via, via.title, true).join(', ')}.` : `${own}.`;
}

/** The plain line with each title linked to its URL instead of the bare URL. */
export function markdownReference(source: Source, via?: Source): string {
  const linked = (s: Source): string =>
    parts(s, s.url ? markdownLink(s.title, s.url) : escapeMarkdown(s.title), false).join(', ');
  return via ? `${linked(source)}; quoted in ${linked(via)}.` : `${linked(source)}.`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\[\]*_`])/g, '\\$1');
}

function markdownLink(text: string, url: string): string {
  return `[${escapeMarkdown(text)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}
