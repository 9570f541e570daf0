export { KnowledgeBaseError, type KnowledgeBaseProblem, formatProblem } from './errors.js';
export * from './ids.js';
export { containsVerbatim, loadKnowledgeBase } from './load.js';
export type { KnowledgeBase, Language, Limit, Quote, Source, Topic, TrainingExample } from './types.js';
