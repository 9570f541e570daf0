import type { IntentId, TopicGroup } from './ids.js';
import type { SourceEntry } from './schema.js';

export type Source = SourceEntry & {
  /** The stored text we quote from, when the source has one (its own, or the page that quotes it). */
  readonly storedText?: string;
};

export interface Quote {
  readonly text: string;
  readonly source: string;
}

export interface Topic {
  readonly id: IntentId;
  readonly group: TopicGroup;
  readonly title: string;
  readonly summary: string;
  readonly detail: string | undefined;
  readonly quotes: readonly Quote[];
  readonly background: readonly Quote[];
  readonly related: readonly IntentId[];
  readonly followUps: readonly string[];
}

export interface TrainingExample {
  readonly intent: IntentId;
  readonly text: string;
  /** Where it came from, for error messages: `intents/threats.yaml`. */
  readonly file: string;
}

/** The validated knowledge base: everything the core answers from. */
export interface KnowledgeBase {
  readonly topics: ReadonlyMap<IntentId, Topic>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly examples: readonly TrainingExample[];
}
