import type { Prediction, ReadingInput } from '../prediction.js';
import { isAskable, isSure, strangeTerms } from '../targets.js';

/**
 * The conversation's bibliography: words of intents/language/bibliography.yaml that ask for every
 * source cited so far ("references so far", "give me everything I cited", "export my citations"),
 * when the rest of the question, read without them, names no topic and asks about nothing else.
 * "The bibliography entry for the ransomware quote" names one: that is one topic's reference, which
 * the topic readings answer; "what do my sources say about the moon landing hoax" asks about the
 * moon, which the out-of-scope readings decline.
 * A rule, not a guess: it predicts with probability 1 when it applies.
 */
export function bibliography(input: ReadingInput): Prediction {
  const request = input.listRequest;
  if (request === undefined) return { probability: 0, reason: 'asks for no bibliography' };
  const rest = request.rest();
  const best = rest?.candidates[0];
  const topic = best === undefined ? undefined : input.kb.topics.get(best.intent);
  if (rest !== undefined && isAskable(topic) && isSure(rest, input.threshold))
    return {
      probability: 0,
      reason: `“${request.cue}” with a topic named (${topic.id} at ${rest.confidence.toFixed(2)}): its reference, not the conversation's list`,
    };
  // "What do my sources say about the moon landing hoax": the rest asks about something else.
  const strange = rest === undefined ? [] : strangeTerms(rest);
  if (strange.length > 0)
    return {
      probability: 0,
      reason: `“${request.cue}”, but the rest asks about something else (${strange.join(' ')})`,
    };
  const named = input.named?.();
  if (named !== undefined)
    return {
      probability: 0,
      reason: `“${request.cue}” with ${named} named: its reference, not the conversation's list`,
    };
  const style = input.style;
  return {
    decision: {
      kind: 'bibliography',
      ...(style?.style === undefined ? {} : { style: style.style }),
      ...(style?.unsupported === undefined ? {} : { unsupportedStyle: style.unsupported }),
      confidence: 1,
    },
    probability: 1,
    reason: `“${request.cue}” asks for the conversation's bibliography, and the rest names no topic`,
  };
}
