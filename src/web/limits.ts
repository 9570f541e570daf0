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
