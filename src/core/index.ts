export type { Answer, AskContext, Assistant, Citation, FollowUpKind, RelatedTopic } from './answer.js';
export type { FormattedReference } from './citations/reference.js';
export type { CitationStyle } from './citations/styles.js';
export {
  createAssistant,
  DEFAULT_MAX_QUESTION_LENGTH,
  DEFAULT_THRESHOLD,
  type AssistantOptions,
  type Explanation,
  type PolicyAssistant,
} from './assistant.js';
