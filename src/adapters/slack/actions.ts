import { type CitationStyle, isCitationStyle } from '../../core/citations/styles.js';
import { type Action, FEEDBACK_REF, type FeedbackValue, type FollowUpKind } from '../../core/index.js';
import { type IntentId, isFollowUpKind, TOPIC_ID_PATTERN } from '../../knowledge/ids.js';

/** Button action ids. Topic buttons get a numeric suffix: action ids must be unique within a block. */
export const ACTION_IDS = {
  more: 'policybot_more',
  source: 'policybot_source',
  solutions: 'policybot_solutions',
  threats: 'policybot_threats',
  short: 'policybot_short',
  topic: 'policybot_topic',
  share: 'policybot_share',
  /** The conversation's bibliography, with its files. */
  bibliography: 'policybot_bibliography',
  helpful: 'policybot_helpful',
  notHelpful: 'policybot_not_helpful',
  /** "Share in channel" under a "Cite this" reply: the citation, posted for everyone. */
  shareCitation: 'policybot_share_cite',
  /** "Not this one?": another topic, cited instead. */
  citePick: 'policybot_cite_pick',
  /** The Home tab's style picker. */
  homeStyle: 'policybot_home_style',
} as const;

/** A topic button on the Home tab (numbered: action ids are unique within a block). */
export const HOME_TOPIC_ACTION = /^policybot_home_topic_\d+$/;
export const homeTopicActionId = (position: number): string => `policybot_home_topic_${position}`;

/**
 * What "Share in channel" under a citation carries: the key the resolver cites exactly (a topic or
 * source id, or a publisher's name) and the style it was shown in.
 */
export interface CitationValue {
  readonly key: string;
  readonly style: CitationStyle;
}

export function encodeCitationValue(value: CitationValue): string {
  return JSON.stringify({ k: [...value.key].slice(0, SHARED_QUESTION_MAX).join(''), s: value.style });
}

/** Reads a citation value back; anything malformed or forged is undefined. */
export function decodeCitationValue(raw: unknown): CitationValue | undefined {
  if (typeof raw !== 'string' || raw.length > BUTTON_VALUE_MAX) return undefined;
  try {
    const { k, s } = JSON.parse(raw) as { k?: unknown; s?: unknown };
    if (typeof k !== 'string' || k.trim() === '' || typeof s !== 'string' || !isCitationStyle(s))
      return undefined;
    return { key: k, style: s };
  } catch {
    return undefined;
  }
}

export const FOLLOW_UP_ACTION = /^policybot_(more|source|solutions|threats)$/;
export const TOPIC_ACTION = /^policybot_topic_\d+$/;
export const FEEDBACK_ACTION = /^policybot_(helpful|not_helpful)$/;

export const FEEDBACK_ACTION_IDS: Readonly<Record<FeedbackValue, string>> = {
  helpful: ACTION_IDS.helpful,
  'not-helpful': ACTION_IDS.notHelpful,
};

/** A feedback button's value and the answer's reference it carries, or undefined when malformed. */
export function feedbackOf(
  actionId: string,
  value: unknown,
): { value: FeedbackValue; ref: string } | undefined {
  const kind = FEEDBACK_ACTION.exec(actionId)?.[1];
  if (kind === undefined || typeof value !== 'string' || !FEEDBACK_REF.test(value)) return undefined;
  return { value: kind === 'helpful' ? 'helpful' : 'not-helpful', ref: value };
}

export function followUpKindOf(actionId: string): FollowUpKind | undefined {
  const kind = FOLLOW_UP_ACTION.exec(actionId)?.[1];
  return kind !== undefined && isFollowUpKind(kind) ? kind : undefined;
}

/**
 * A button's value: the topic it continues and, for "Share in channel", which view of it was shown
 * and the question asked (cut short: the value carries a reference to the answer, not the answer).
 */
export interface ButtonValue {
  readonly topic: IntentId | null;
  readonly followUp?: FollowUpKind | null;
  readonly question?: string;
  /** "Share in channel": the reference the private answer is kept under (see state/kept-answers.ts). */
  readonly ref?: string;
}

/** Slack allows 2000 characters in a button value. */
export const BUTTON_VALUE_MAX = 2000;
/** The most of a question a share button carries: enough to show "Asked: …", always under the limit. */
export const SHARED_QUESTION_MAX = 300;

export function encodeValue(value: ButtonValue): string {
  return JSON.stringify({
    t: value.topic,
    ...(value.followUp === undefined ? {} : { v: value.followUp }),
    ...(value.question === undefined
      ? {}
      : { q: [...value.question].slice(0, SHARED_QUESTION_MAX).join('') }),
    ...(value.ref === undefined ? {} : { r: value.ref }),
  });
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
  const { t, q, v, r } = parsed as { t?: unknown; q?: unknown; v?: unknown; r?: unknown };
  const topic = t === null ? null : typeof t === 'string' && TOPIC_ID_PATTERN.test(t) ? t : undefined;
  if (topic === undefined) return undefined;
  if (q !== undefined && typeof q !== 'string') return undefined;
  if (r !== undefined && (typeof r !== 'string' || !FEEDBACK_REF.test(r))) return undefined;
  const followUp =
    v === undefined ? undefined : v === null ? null : typeof v === 'string' && isFollowUpKind(v) ? v : false;
  if (followUp === false) return undefined;
  return {
    topic,
    ...(followUp === undefined ? {} : { followUp }),
    ...(q === undefined ? {} : { question: q }),
    ...(r === undefined ? {} : { ref: r }),
  };
}

/** The action id of an Action's button (topics numbered by position). */
export function actionIdOf(action: Action, position: number): string {
  if (action.kind === 'follow-up') return ACTION_IDS[action.followUp];
  if (action.kind === 'bibliography') return ACTION_IDS.bibliography;
  return `${ACTION_IDS.topic}_${position}`;
}
