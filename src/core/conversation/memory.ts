import type { IntentId } from '../../knowledge/ids.js';
import type { ConversationState } from './store.js';

/**
 * How a conversation's topic fades: a question twenty turns later is not about it. Its strength is
 * 1 when a topic is answered, and each turn that answers no topic weakens it (a decline more than a
 * greeting or a question asked back); idle time halves it every HALF_LIFE_MS. Under FORGET_SHARE of
 * the threshold, the conversation is read as about nothing.
 */
export const FADE = {
  /** Strength kept through a turn that was declined ("best pizza in town"). */
  decline: 0.6,
  /** …through a turn that answered no topic otherwise (thanks, a greeting, "about what?"). */
  turn: 0.8,
  halfLifeMs: 5 * 60_000,
  /** The conversation's topic is remembered while its strength is at least this share of the threshold. */
  forgetShare: 0.4,
} as const;

/** The strength of what a conversation remembers, now. */
export function strengthOf(state: ConversationState, now: number): number {
  const idle = Math.max(0, now - (state.since ?? now));
  return (state.strength ?? 1) * 0.5 ** (idle / FADE.halfLifeMs);
}

/** The topic the conversation is about, while it is remembered strongly enough. */
export function recalledTopic(
  state: ConversationState | undefined,
  now: number,
  threshold: number,
): IntentId | undefined {
  if (state === undefined) return undefined;
  return strengthOf(state, now) >= FADE.forgetShare * threshold ? state.topic : undefined;
}

/**
 * What the conversation remembers after a turn: the topic answered, or the one before, weaker; and
 * whether the turn answered the bot's own help (`self`), which only the next turn reads.
 */
export function afterTurn(
  before: ConversationState | undefined,
  answered: { readonly topic: IntentId | null; readonly declined: boolean; readonly self?: boolean },
  now: number,
): ConversationState | undefined {
  const kept = topicAfter(before, answered, now);
  return answered.self === true ? { ...kept, self: true } : kept;
}

function topicAfter(
  before: ConversationState | undefined,
  answered: { readonly topic: IntentId | null; readonly declined: boolean },
  now: number,
): ConversationState | undefined {
  if (answered.topic !== null) return { topic: answered.topic, strength: 1, since: now };
  if (before?.topic === undefined) return undefined;
  const kept = answered.declined ? FADE.decline : FADE.turn;
  return { topic: before.topic, strength: strengthOf(before, now) * kept, since: now };
}
