import type { Prediction, ReadingInput } from '../prediction.js';
import { answer, isAskable, isSure, strangeTerms } from '../targets.js';

/**
 * The conversation's bibliography: words of intents/language/bibliography.yaml that ask for every
 * source cited so far ("references so far", "give me everything I cited", "export my citations"),
 * when the rest of the question, read without them, names no topic and asks about nothing else.
 * When the rest names a topic surely ("references so far on fentanyl"), it asks for that topic's
 * references: its sources view. "What do my sources say about the moon landing hoax" asks about
 * the moon, which the out-of-scope readings decline.
 * A rule, not a guess: it predicts with probability 1 when it applies.
 */
export function bibliography(input: ReadingInput): Prediction {
  const request = input.listRequest;
  if (request === undefined) return { probability: 0, reason: 'asks for no bibliography' };
  const rest = request.rest();
  const best = rest?.candidates[0];
  const topic = best === undefined ? undefined : input.kb.topics.get(best.intent);
  // "References so far on fentanyl", "bibliography for the ATA": the references of the topic the
  // rest names surely, its sources view (the list words are no subject of their own to decline).
  if (rest !== undefined && isAskable(topic) && isSure(rest, input.threshold))
    return {
      decision: answer(input, topic.id, 'sources', rest.confidence),
      probability: rest.confidence,
      reason: `“${request.cue}” with a topic named (${topic.id} at ${rest.confidence.toFixed(2)}): its references, not the conversation's list`,
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
      decision: answer(input, named, 'sources', 1),
      probability: 1,
      reason: `“${request.cue}” with ${named} named by one of its names: its references, not the conversation's list`,
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
