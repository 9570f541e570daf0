/**
 * Turns what a chat platform delivers into the words a person typed: mentions, channel links,
 * emoji codes, URLs and markdown punctuation carry no meaning for matching.
 */
export function stripChatMarkup(input: string): string {
  return (
    input
      // Slack links keep their label: <https://x|label> -> label; bare <https://x> -> nothing.
      .replace(/<(?:https?|mailto):[^|>\s]*\|([^>]*)>/gi, ' $1 ')
      .replace(/<(?:https?|mailto):[^>\s]*>/gi, ' ')
      // Slack mentions, channels, special mentions; Discord users, roles, channels, emoji, timestamps.
      .replace(/<[@#!][^>\s]*>/g, ' ')
      .replace(/<a?:\w+:\d+>/g, ' ')
      .replace(/<t:\d+(?::\w)?>/g, ' ')
      .replace(/@(?:everyone|here|channel)\b/gi, ' ')
      .replace(/https?:\/\/\S+/gi, ' ')
      // :emoji_codes: (letters, digits, _ + -), but not times such as 10:30.
      .replace(/:[a-z0-9_+-]*[a-z_+-][a-z0-9_+-]*:/gi, ' ')
      .replace(/[`*_~|>#[\](){}\\]+/g, ' ')
  );
}

/**
 * Unicode clean-up shared by every entry point: compatibility forms folded (NFKC turns full-width
 * letters and ligatures into plain ones), control and zero-width characters removed.
 */
export function cleanText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g, '')
    .replace(/[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
