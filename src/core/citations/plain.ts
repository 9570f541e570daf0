import type { Source } from '../../knowledge/types.js';
import { longDate } from './dates.js';

/** One line a person can paste: publisher, title, date, URL, and the page that relays it. */
export function plainReference(source: Source, via?: Source): string {
  const parts = [source.publisher, `“${source.title}”`];
  if (source.date) parts.push(longDate(source.date));
  if (source.url) parts.push(source.url);
  const own = parts.join(', ');
  if (!via) return `${own}.`;
  const relay = [via.publisher, `“${via.title}”`, ...(via.date ? [longDate(via.date)] : []), ...(via.url ? [via.url] : [])];
  return `${own}; quoted in ${relay.join(', ')}.`;
}
