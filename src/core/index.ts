export type {
  Action,
  Answer,
  AnswerFact,
  AnswerFile,
  AnswerKind,
  AnswerNote,
  AnswerQuote,
  AskContext,
  Block,
  Citation,
  CitationForm,
  ExportFormat,
  FollowUpKind,
  Inline,
  NoteCode,
  Reference,
  ReferenceKind,
  RelatedTopic,
  Trace,
} from './answer.js';
export { EXPORT_FORMATS } from './answer.js';
export { LABELS } from './document/wording.js';
export { composeRateLimited } from './pipeline/compose.js';
export {
  createAssistant,
  DEFAULT_MAX_QUESTION_LENGTH,
  DEFAULT_THRESHOLD,
  type AssistantOptions,
  type PolicyAssistant,
} from './assistant.js';
export type { CiteResult } from './citations/cite.js';
export type { FormattedReference } from './citations/reference.js';
export type { CitationStyle } from './citations/styles.js';
export type { ConversationState, ConversationStore } from './conversation/store.js';
export type { Assistant } from './port.js';
export type { TopicMatch, TopicSummary } from './topics.js';
export {
  FEEDBACK_LABELS,
  FEEDBACK_REF,
  FEEDBACK_VALUES,
  type FeedbackPort,
  type FeedbackResult,
  type FeedbackValue,
  feedbackReply,
  takesFeedback,
} from './feedback.js';
export type { Finding, Verdict, VerifyResult } from './verify/types.js';
export { VERDICT_LABELS } from './verify/types.js';
export { asksToVerify } from './verify/request.js';
