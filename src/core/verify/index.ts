export { ALTERED_AT, MAX_VERIFY_LENGTH, MIN_WORDS, QuoteChecker, type ReferenceFor } from './check.js';
export type {
  AttributionCheck,
  Author,
  DiffPart,
  Finding,
  QuotationForm,
  SkippedQuote,
  Verdict,
  VerifyNote,
  VerifyResult,
} from './types.js';
export { VERDICT_LABELS, VERDICTS } from './types.js';
export { asksToVerify } from './request.js';
export { creditLine, notFoundLine, shownNotes, summaryLine } from './summary.js';
