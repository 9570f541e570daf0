import type { Source } from '../../knowledge/types.js';

/**
 * What to call a source in a list or a heading: its title, else its number ("GAO-20-388"), else
 * our description of it. References do not use this: each style sets a title, a number and a
 * description apart.
 */
export function sourceLabel(source: Source): string {
  return source.title ?? source.number ?? source.description ?? source.id;
}
