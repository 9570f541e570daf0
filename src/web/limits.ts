/**
 * Caps on what a request may carry. A search is a few words (autocomplete sends each keystroke);
 * a question is capped by the core (POLICYBOT_MAX_QUESTION_LENGTH) and its form body here; a
 * basket holds at most every topic there is, and a few more ids are refused rather than read.
 */
export const MAX_SEARCH_LENGTH = 200;
export const MAX_FORM_BYTES = 16 * 1024;
export const MAX_BASKET = 100;
export const MAX_SUGGESTIONS = 8;
/** A conversation's cookie: a random UUID, nothing else is read from it. */
export const CONVERSATION_COOKIE = 'policybot_conversation';
/**
 * The quote checker reads a memo; the page shows it back with every finding, and must stay under
 * 100 KB: a few pages of text at a time (the CLI's `verify` takes longer files).
 */
export const MAX_CHECK_LENGTH = 8_000;
/** Its form body: the text URL-encoded, up to three bytes a character and then some. */
export const MAX_CHECK_BYTES = 128 * 1024;
