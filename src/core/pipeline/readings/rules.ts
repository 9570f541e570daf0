import { FALLBACK_ID, followUpOf } from '../../../knowledge/ids.js';
import type { Decision } from '../decision.js';
import { VIEW_OF } from '../decision.js';
import type { Prediction, ReadingInput } from '../prediction.js';
import { answer, inConversation, nearestTopics, strangeTerms, subjectOf } from '../targets.js';

/*
 * The readings that are rules rather than guesses: each predicts with probability 1 when it applies.
 */

export function tooLong({ length, maxLength }: ReadingInput): Prediction {
  return length > maxLength
    ? {
        decision: {
          kind: 'decline',
          reason: { code: 'too-long', length, max: maxLength },
          nearest: [],
          confidence: 1,
        },
        probability: 1,
        reason: `${length} characters, over the limit of ${maxLength}: not read`,
      }
    : { probability: 0, reason: `${length} characters` };
}

export function empty({ classification }: ReadingInput): Prediction {
  return classification !== undefined && classification.normalized.words.length === 0
    ? {
        decision: { kind: 'clarify', reason: { code: 'empty' } },
        probability: 1,
        reason: 'no words once markup is gone',
      }
    : { probability: 0, reason: 'has words' };
}

export function exactPhrase(input: ReadingInput): Prediction {
  const exact = input.classification?.exact;
  if (exact === undefined) return { probability: 0, reason: 'not a training phrase' };
  const kind = followUpOf(exact);
  const why = `a training phrase of ${exact}`;
  if (kind !== undefined) {
    const decision: Decision =
      input.previous !== undefined
        ? answer(input, input.previous, VIEW_OF[kind], 1)
        : { kind: 'clarify', reason: { code: 'no-topic-yet', followUp: kind } };
    return { decision, probability: 1, reason: why };
  }
  if (exact === FALLBACK_ID)
    return {
      decision: { kind: 'decline', reason: { code: 'out-of-scope' }, nearest: [], confidence: 1 },
      probability: 1,
      reason: 'an out-of-scope training phrase',
    };
  const topic = input.kb.topics.get(exact);
  if (topic?.group === 'bot')
    return { decision: { kind: 'bot', intent: exact, confidence: 1 }, probability: 1, reason: why };
  const asked = input.classification?.exactFollowUp;
  return {
    decision:
      asked === undefined && topic !== undefined
        ? inConversation(input, topic, 1)
        : answer(input, exact, asked === undefined ? 'summary' : VIEW_OF[asked], 1),
    probability: 1,
    reason: `${why}${asked === undefined ? '' : ` (asking for ${asked})`}`,
  };
}

export function limit({ limit, limitNamed, classification, kb }: ReadingInput): Prediction {
  if (limit !== undefined && limitNamed !== undefined)
    return { probability: 0, reason: `rule "${limit.id}" read words that name ${limitNamed}: not a limit` };
  return limit === undefined
    ? { probability: 0, reason: 'no rule of content/limits.yaml applies' }
    : {
        decision: {
          kind: 'decline',
          reason: { code: 'limit', limit: limit.id },
          nearest: nearestTopics(kb, classification?.candidates ?? []),
          confidence: 1,
        },
        probability: 1,
        reason: `rule "${limit.id}" of content/limits.yaml`,
      };
}

/** "cite the fifa corruption scandal": one word a topic knows, more that none does. Whatever it shares, it is about something else. */
export function mostlyUnknown({ classification: c, kb, asked }: ReadingInput): Prediction {
  if (c === undefined) return { probability: 0, reason: 'nothing to read' };
  const content = c.contentTerms;
  const unknown = strangeTerms(c);
  const why = `${unknown.length} of ${content.length} content terms unknown to every topic`;
  if (content.length < 2 || unknown.length * 2 <= content.length) return { probability: 0, reason: why };
  // A pasted paragraph of the asker's own ("New LA here, just inherited the crime portfolio…")
  // framing a plain ask: the share is the ask's, when it has words enough of its own to count.
  const ask = asked?.();
  if (ask !== undefined && ask.contentTerms.length >= 2) {
    const strange = strangeTerms(ask);
    if (strange.length * 2 <= ask.contentTerms.length)
      return {
        probability: 0,
        reason: `${why}, but ${strange.length} of ${ask.contentTerms.length} in the sentences that ask (“${ask.normalized.plain}”)`,
      };
  }
  const subject = subjectOf(c);
  return {
    decision: {
      kind: 'decline',
      reason: subject === undefined ? { code: 'out-of-scope' } : { code: 'out-of-scope', subject },
      nearest: nearestTopics(kb, c.candidates),
      confidence: 1 - c.confidence,
    },
    probability: 1,
    reason: `${why} (${unknown.join(' ')})`,
  };
}

export function outOfScope(input: ReadingInput): Prediction {
  const c = input.classification;
  const subject = subjectOf(c);
  return {
    decision: {
      kind: 'decline',
      reason: subject === undefined ? { code: 'out-of-scope' } : { code: 'out-of-scope', subject },
      nearest: nearestTopics(input.kb, c?.candidates ?? []),
      confidence: 1 - (c?.confidence ?? 0),
    },
    probability: 1,
    reason:
      c === undefined
        ? 'nothing to read'
        : `no topic is sure enough (best ${c.candidates[0]?.intent ?? 'none'} at ${c.confidence.toFixed(2)}; out of scope ${c.outOfScope.toFixed(2)})`,
  };
}

/** A background fact the question asks about: the topic's longer answer states it, with its source. */
export function fact(input: ReadingInput): Prediction {
  const found = input.fact?.();
  if (found === undefined) return { probability: 0, reason: 'asks about no background fact' };
  return {
    decision: answer(input, found.topic, 'detail', found.coverage),
    probability: found.coverage,
    reason: `asks about a background fact of ${found.topic} (${found.shared.join(' ')}; covers ${found.coverage.toFixed(2)})`,
  };
}
