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
export { VERDICTS } from './types.js';
