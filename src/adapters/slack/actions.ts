import type { FollowUpKind } from '../../core/index.js';
import { type IntentId, isIntentId } from '../../knowledge/ids.js';

/** Button action ids. Topic buttons get a numeric suffix: action ids must be unique within a block. */
export const ACTION_IDS = {
  more: 'policybot_more',
  source: 'policybot_source',
  solutions: 'policybot_solutions',
  threats: 'policybot_threats',
  topic: 'policybot_topic',
  share: 'policybot_share',
} as const;

export const FOLLOW_UP_ACTION = /^policybot_(more|source|solutions|threats)$/;
export const TOPIC_ACTION = /^policybot_topic_\d+$/;

/**
 * What a follow-up button asks the core, with the button's topic as `context.topic`: the words
 * the core recognises as that follow-up, so an older message's button continues its own topic.
 */
export const FOLLOW_UP_QUESTIONS: Readonly<Record<FollowUpKind, string>> = {
  more: 'tell me more',
  source: 'source?',
  solutions: 'what should we do about it?',
  threats: 'why does that matter?',
};

/**
 * A "Did you mean" button asks for the topic it names: an empty question with the topic in the
 * context is the core's way of answering exactly that topic (a title may rank elsewhere).
 */
export const TOPIC_QUESTION = '';

export function followUpKindOf(actionId: string): FollowUpKind | undefined {
  const kind = FOLLOW_UP_ACTION.exec(actionId)?.[1];
  return kind === 'more' || kind === 'source' || kind === 'solutions' || kind === 'threats'
    ? kind
    : undefined;
}

/** A button's value: its topic, and for "Share in channel" the question that produced the answer. */
export interface ButtonValue {
  readonly topic: IntentId | null;
  readonly question?: string;
}

/** Slack allows 2000 characters in a button value. */
export const BUTTON_VALUE_MAX = 2000;

export function encodeValue(value: ButtonValue): string {
  return JSON.stringify(
    value.question === undefined ? { t: value.topic } : { t: value.topic, q: value.question },
  );
}

/** Reads a button value back; anything malformed (or forged: values come from clients) is undefined. */
export function decodeValue(raw: unknown): ButtonValue | undefined {
  if (typeof raw !== 'string' || raw.length > BUTTON_VALUE_MAX) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { t, q } = parsed as { t?: unknown; q?: unknown };
  const topic = t === null ? null : typeof t === 'string' && isIntentId(t) ? t : undefined;
  if (topic === undefined) return undefined;
  if (q !== undefined && typeof q !== 'string') return undefined;
  return q === undefined ? { topic } : { topic, question: q };
}
