/** A character one of stripChatMarkup's patterns needs to match at all. */
const MARKUP_CHARACTER = /[<@:`*_~|>#[\](){}\\]/;

/**
 * Turns what a chat platform delivers into the words a person typed: mentions, channel links,
 * emoji codes, URLs and markdown punctuation carry no meaning for matching.
 */
export function stripChatMarkup(input: string): string {
  // Linear by construction: no pattern scans past the next "<" or ">" once it has started at one,
  // and none has two unbounded runs of the same characters in a row (":" followed by 32,000
  // letters took seconds when one did).
  // Every pattern below needs one of these characters ("<", "@", a link's or an emoji code's
  // ":", or markdown punctuation): most questions have none, and one scan replaces eleven.
  if (!MARKUP_CHARACTER.test(input)) return input;
  return (
    input
      // Slack links keep their label: <https://x|label> -> label; a bare <https://x> its words.
      .replace(/<(?:https?|mailto):[^|<>\s]*\|([^<>]*)>/gi, ' $1 ')
      .replace(/<((?:https?|mailto):[^<>\s]*)>/gi, (_, url: string) => ` ${urlWords(url)} `)
      // Slack mentions, channels, special mentions; Discord users, roles, channels, emoji, timestamps.
      .replace(/<[@#!][^<>\s]*>/g, ' ')
      .replace(/<a?:\w+:\d+>/g, ' ')
      .replace(/<t:\d+(?::\w)?>/g, ' ')
      // Discord's command mentions (</ask:123…>, </policy check:123…>).
      .replace(/<\/[\w -]{1,64}:\d+>/g, ' ')
      // What is left of a mention cut short ("<@U1", "</ask:1") opens none when shown back.
      .replace(/<(?=[@#!/])/g, ' ')
      .replace(/@(?:everyone|here|channel)\b/gi, ' ')
      .replace(/https?:\/\/\S+/gi, (url) => ` ${urlWords(url)} `)
      // :emoji_codes: (letters, digits, _ + -), but not times such as 10:30 (a code of digits alone).
      .replace(/:(?![0-9]+:)[a-z0-9_+-]+:/gi, ' ')
      .replace(/[`*_~|>#[\](){}\\]+/g, ' ')
  );
}

/**
 * A pasted link says what it is about in its host and path ("dni.gov/…/ATA-2024-…-Report.pdf"):
 * its words, without the scheme, the "www" and the top-level domain, and never the link itself.
 */
function urlWords(url: string): string {
  const withoutScheme = url.replace(/^(?:https?|mailto):(?:\/\/)?/i, '');
  return withoutScheme
    .split(/[/?#=&._~:%+-]+/)
    .filter((part) => part !== '' && !/^(?:www|com|org|gov|net|edu|html?|php|aspx?|pdf|index)$/i.test(part))
    .join(' ');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Unicode clean-up shared by every entry point: compatibility forms folded (NFKC turns full-width
 * letters and ligatures into plain ones), control and zero-width characters removed.
 */
export function cleanText(input: string): string {
  // Printable ASCII is its own NFKC form and has no control, zero-width or unassigned character:
  // only its spaces need folding (most questions, and every reading of one, take this path).
  if (PRINTABLE_ASCII.test(input)) return input.replace(/ +/g, ' ').trim();
  return input
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g, '')
    .replace(/[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
