import type { Topic } from '../../../knowledge/types.js';
import type { Prediction, ReadingInput } from '../prediction.js';
import { answer, inConversation, isAskable } from '../targets.js';

const pct = (p: number): string => p.toFixed(2);

/** The topic head: its likeliest topic, how sure, and how surely the question is in scope at all. */
export function topic(input: ReadingInput): Prediction {
  const c = input.classification;
  const best = c?.candidates[0];
  const named = best === undefined ? undefined : input.kb.topics.get(best.intent);
  if (c === undefined || !isAskable(named))
    return { probability: 0, reason: `best candidate is not a topic (${best?.intent ?? 'none'})` };
  // Even where a second topic is nearly as likely ("fentanil from mexico?": drugs or Mexico): the
  // likeliest, its confidence saying how sure.
  return {
    decision: inConversation(input, named, c.confidence),
    probability: c.confidence,
    scope: c.inScope,
    reason: `${named.id} at ${pct(c.confidence)} (in scope ${pct(c.inScope)})`,
  };
}

/** The bot's own intents: help, a greeting, thanks. */
export function bot(input: ReadingInput): Prediction {
  const c = input.classification;
  const best = c?.candidates[0];
  if (c === undefined || best === undefined || input.kb.topics.get(best.intent)?.group !== 'bot')
    return { probability: 0, reason: 'not one of the bot’s own intents' };
  return {
    decision: { kind: 'bot', intent: best.intent, confidence: c.confidence },
    probability: c.confidence,
    // The linear model's lead counts only when the question is not as likely out of scope ("can you
    // explain how the filibuster works?").
    lead: c.outOfScope < c.confidence ? best.probability : 0,
    reason: `${best.intent} at ${pct(c.confidence)} (linear ${pct(best.probability)})`,
  };
}

/** Questions shorter than this are read whole: a clause of a short question is too little to go on. */
const CLAUSE_MIN_WORDS = 8;
/** A question this surely out of scope as a whole is rescued only by a clause naming a topic of its own… */
const CLAUSE_OUT_OF_SCOPE = 0.9;
/** …and surely (this share of the threshold): "how do i fix the system instability" rescues nothing. */
const CLAUSE_RESCUE = 1.6;

/**
 * The clauses: a preamble ("for a hearing prep doc on the surge at the border, …") drowns the ask
 * in words of its own. The clause that asks, read alone, says what the question is about; when no
 * clause asks, the one surest of its topic.
 */
export function clause(input: ReadingInput): Prediction {
  const c = input.classification;
  if (c === undefined || input.clauses === undefined) return { probability: 0, reason: 'nothing to read' };
  if (c.normalized.words.length < CLAUSE_MIN_WORDS)
    return { probability: 0, reason: 'too short to read by clauses' };
  const { threshold } = input;
  // Surely out of scope as a whole: rescued only by a clause surely naming a specific topic ("…trip
  // to Buffalo. What does 1787 suggest about working with Canadian authorities?"), not one sharing a
  // general word with an overview ("how do I do a SWOT analysis, what counts as a threat?").
  const ownTopicOnly = c.outOfScope >= CLAUSE_OUT_OF_SCOPE;
  const clauses = input.clauses();
  const asking = clauses.some((x) => x.asks);
  let best: { topic: Topic; confidence: number; scope: number; clause: string; asks: boolean } | undefined;
  for (const { classification: k, asks } of clauses) {
    const named = input.kb.topics.get(k.candidates[0]?.intent ?? '');
    if (!isAskable(named) || k.inScope < threshold || k.confidence < threshold) continue;
    if (ownTopicOnly && (named.role === 'overview' || k.confidence < CLAUSE_RESCUE * threshold)) continue;
    // The clause that asks outranks a surer preamble; among equals, the surer.
    const better =
      best === undefined || (asks && !best.asks) || (asks === best.asks && k.confidence > best.confidence);
    if (better)
      best = { topic: named, confidence: k.confidence, scope: k.inScope, clause: k.normalized.plain, asks };
  }
  if (best === undefined) return { probability: 0, reason: 'no clause alone names a topic surely' };
  return {
    decision: answer(input, best.topic.id, 'summary', best.confidence),
    probability: best.confidence,
    scope: best.scope,
    reason: `its ${asking && best.asks ? 'asking ' : ''}clause “${best.clause}” names ${best.topic.id} (${pct(best.confidence)})`,
  };
}
