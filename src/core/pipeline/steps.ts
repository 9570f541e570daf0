import { FALLBACK_ID, type FollowUpKind, followUpOf, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Limit, Topic } from '../../knowledge/types.js';
import type { StyleMention } from '../citations/style-names.js';
import type { Classification } from '../model/classifier.js';
import { type Decision, VIEW_OF } from './decision.js';
import {
  answer,
  closelyNamed,
  followedTopic,
  generalTarget,
  inConversation,
  isAskable,
  isGenericTarget,
  isSure,
  nearestTopics,
  SCOPE_FLOOR,
  subjectOf,
} from './targets.js';

/** What every step sees: the question, what the models made of it, and the conversation. */
export interface StepInput {
  readonly kb: KnowledgeBase;
  readonly length: number;
  readonly maxLength: number;
  /** Absent when the question was too long to read. */
  readonly classification?: Classification;
  /** The topic the conversation was last about. */
  readonly previous?: IntentId;
  /**
   * The question's clauses ("for a hearing prep doc", "what remedies has 1787 suggested"), each
   * classified alone, when it has two or more; computed only when a step asks.
   */
  readonly clauses?: () => readonly Classification[];
  /** The threat or solution the question names by one of its names (content/topics `names:`), among those asked for. */
  readonly named?: (among?: (topic: IntentId) => boolean) => IntentId | undefined;
  readonly limit?: Limit;
  readonly style?: StyleMention;
  readonly threshold: number;
}

/** A step's verdict: the decision it would make and why, or why it has none. */
export type StepResult =
  | { readonly decision: Decision; readonly reason: string }
  | { readonly decision?: undefined; readonly reason: string };

export interface Step {
  readonly name: StepName;
  run(input: StepInput): StepResult;
}

/**
 * The steps, in the order they take precedence: the first that decides wins, and the trace shows
 * every one's verdict. A training phrase asked word for word outranks every rule; what the sources
 * cannot hold outranks what a question seems to be about; a follow-up outranks the topic it names.
 */
export const STEP_NAMES = [
  'too-long',
  'empty',
  'exact-phrase',
  'limit',
  'mostly-unknown',
  'follow-up',
  'topic',
  'bot',
  'clause',
  'continuation',
  'out-of-scope',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/**
 * With nothing before it, a follow-up that names a topic less surely than a question must (this
 * share of the threshold) is still about that topic: the follow-up says what is asked, the name what of.
 */
const NAMED_SHARE = 0.5;
/** A bot intent this likely in the linear model is answered under the threshold (see the bot step). */
const BOT_LIKELIEST = 0.5;
/** Questions shorter than this are read whole: a clause of a short question is too little to go on. */
const CLAUSE_MIN_WORDS = 8;
/** …and a question this surely out of scope as a whole, only by a clause naming a topic of its own. */
const CLAUSE_OUT_OF_SCOPE = 0.9;
/** …and surely itself: a clause as unsure as "how do i fix the system instability" rescues nothing. */
const CLAUSE_RESCUE = 0.8;

/**
 * In a conversation, a question no topic is sure of that asks for something at least this surely
 * ("how should the US respond", after fentanyl) continues the conversation's topic, unless it is
 * out of scope at least as surely.
 */
const CONTINUATION_FLOOR = 0.15;
/** …or under that floor, when the question is out of scope less likely than this and names no topic. */
const IN_CONVERSATION_SCOPE = 0.1;
/** A follow-up this sure, in scope, is read as one whatever words of its own it carries. */
const SURE_FOLLOW_UP = 0.95;
/** A specific topic named beside a general one wins when its probability is at least this share of the general's. */
const SPECIFIC_SHARE = 0.2;
/** A follow-up that names nothing, with nothing before it, gets the whole list only when this plain. */
const GENERAL_THRESHOLD = 0.6;
/** A follow-up is read as one when its head is at least this sure. */
const FOLLOW_UP_THRESHOLD = 0.5;
/** …or half as sure, in a conversation, when the question names no topic (its topic head says so this surely). */
const LEANING_SHARE = 0.5;
const LEANING_NO_TOPIC = 0.5;

const pct = (p: number): string => p.toFixed(2);

export const STEPS: readonly Step[] = [
  {
    name: 'too-long',
    run: ({ length, maxLength }) =>
      length > maxLength
        ? {
            decision: {
              kind: 'decline',
              reason: { code: 'too-long', length, max: maxLength },
              nearest: [],
              confidence: 1,
            },
            reason: `${length} characters, over the limit of ${maxLength}: not read`,
          }
        : { reason: `${length} characters` },
  },
  {
    name: 'empty',
    run: ({ classification }) =>
      classification !== undefined && classification.normalized.words.length === 0
        ? { decision: { kind: 'clarify', reason: { code: 'empty' } }, reason: 'no words once markup is gone' }
        : { reason: 'has words' },
  },
  {
    name: 'exact-phrase',
    run: (input) => {
      const exact = input.classification?.exact;
      if (exact === undefined) return { reason: 'not a training phrase' };
      const kind = followUpOf(exact);
      if (kind !== undefined) {
        const decision: Decision =
          input.previous !== undefined
            ? answer(input, input.previous, VIEW_OF[kind], 1)
            : { kind: 'clarify', reason: { code: 'no-topic-yet', followUp: kind } };
        return { decision, reason: `a training phrase of ${exact}` };
      }
      if (exact === FALLBACK_ID)
        return {
          decision: { kind: 'decline', reason: { code: 'out-of-scope' }, nearest: [], confidence: 1 },
          reason: 'an out-of-scope training phrase',
        };
      const topic = input.kb.topics.get(exact);
      if (topic?.group === 'bot')
        return {
          decision: { kind: 'bot', intent: exact, confidence: 1 },
          reason: `a training phrase of ${exact}`,
        };
      const asked = input.classification?.exactFollowUp;
      return {
        decision:
          asked === undefined && topic !== undefined
            ? inConversation(input, topic, 1)
            : answer(input, exact, asked === undefined ? 'summary' : VIEW_OF[asked], 1),
        reason: `a training phrase of ${exact}${asked === undefined ? '' : ` (asking for ${asked})`}`,
      };
    },
  },
  {
    name: 'limit',
    run: ({ limit, classification, kb }) =>
      limit === undefined
        ? { reason: 'no rule of content/limits.yaml applies' }
        : {
            decision: {
              kind: 'decline',
              reason: { code: 'limit', limit: limit.id },
              nearest: nearestTopics(kb, classification?.candidates ?? []),
              confidence: 1,
            },
            reason: `rule "${limit.id}" of content/limits.yaml`,
          },
  },
  {
    name: 'mostly-unknown',
    run: ({ classification: c, kb, previous }) => {
      // "cite the fifa corruption scandal": one word a topic knows, more that none does. Whatever
      // it shares with the topic, it is about something else.
      if (c === undefined) return { reason: 'nothing to read' };
      // …unless, in a conversation, it surely asks for more of it and is surely in scope ("can you
      // expand on that with some of the background? I've heard there were earlier frameworks"):
      // words no topic knows are then the asker's own, not a subject.
      const act = c.acts.find((a) => a.kind !== null);
      if (
        previous !== undefined &&
        act !== undefined &&
        act.probability >= SURE_FOLLOW_UP &&
        c.outOfScope < IN_CONVERSATION_SCOPE * 2
      )
        return { reason: `in a conversation, asks for ${act.kind} surely (${pct(act.probability)})` };
      const offTopic = new Set(c.offTopic);
      const content = c.contentTerms;
      const unknown = content.filter((t) => offTopic.has(t));
      if (content.length < 2 || unknown.length * 2 <= content.length)
        return { reason: `${unknown.length} of ${content.length} content terms unknown to every topic` };
      const subject = subjectOf(c);
      return {
        decision: {
          kind: 'decline',
          reason: subject === undefined ? { code: 'out-of-scope' } : { code: 'out-of-scope', subject },
          nearest: nearestTopics(kb, c.candidates),
          confidence: 1 - c.confidence,
        },
        reason: `${unknown.length} of ${content.length} content terms unknown to every topic (${unknown.join(' ')})`,
      };
    },
  },
  {
    name: 'follow-up',
    run: (input) => {
      const c = input.classification;
      if (c === undefined) return { reason: 'nothing to read' };
      // Whether it is a follow-up at all is one question (the acts together against none); which
      // follow-up, another (the likeliest act).
      const none = c.acts.find((a) => a.kind === null)?.probability ?? 1;
      const act = c.acts.find((a) => a.kind !== null);
      const asked = 1 - none;
      // In a conversation, a question that names no topic of its own leans on the one before.
      const leaning = input.previous !== undefined && c.noTopic >= LEANING_NO_TOPIC;
      const bar = leaning ? FOLLOW_UP_THRESHOLD * LEANING_SHARE : FOLLOW_UP_THRESHOLD;
      if (act === undefined || act.kind === null || asked < bar)
        return { reason: `no follow-up asked (${pct(asked)} against ${pct(bar)})` };
      const kind: FollowUpKind = act.kind;
      const view = VIEW_OF[kind];
      // "How do we counter fraud?": the solutions in general rank first ("counter" is a solutions
      // word), but fraud is what it names. A topic the view lists in general yields to a specific
      // one named beside it.
      const first = c.candidates[0];
      const runnerUp = c.candidates[1];
      const firstTopic = first === undefined ? undefined : input.kb.topics.get(first.intent);
      const specific = runnerUp === undefined ? undefined : input.kb.topics.get(runnerUp.intent);
      const yields =
        firstTopic !== undefined &&
        isGenericTarget(firstTopic, view) &&
        isAskable(specific) &&
        !isGenericTarget(specific, view) &&
        (runnerUp?.probability ?? 0) >= SPECIFIC_SHARE * (first?.probability ?? 0);
      // The follow-up's own words blur the topic head ("how do we counter fraud": "counter" asks for
      // solutions); a name the nearest phrase matches closely, and well ahead of any other, still names.
      // Only when the head is blurred: a topic it is sure of ("cite the 1787 page") is the one named.
      const nearest =
        input.previous === undefined && c.confidence < input.threshold
          ? closelyNamed(input.kb, c.candidates, view)
          : undefined;
      const best = yields ? runnerUp : (nearest ?? first);
      const named = best === undefined ? undefined : input.kb.topics.get(best.intent);
      const confident =
        c.confidence >= input.threshold ||
        (yields && (first?.probability ?? 0) >= input.threshold) ||
        nearest !== undefined;
      // "What else can you do?": the bot's own intent, read confidently, is not a follow-up.
      if (named?.group === 'bot' && confident && c.confidence > act.probability)
        return { reason: `reads as ${named.id} (${pct(c.confidence)}) more than as ${kind}` };
      const namesTopic = confident && isAskable(named);
      if (namesTopic && !(input.previous !== undefined && isGenericTarget(named, view)))
        return {
          decision: answer(input, named.id, view, c.confidence),
          reason: `asks for ${kind} (${pct(act.probability)}) on the topic it names, ${named.id} (${pct(c.confidence)})`,
        };
      if (input.previous !== undefined) {
        const followed = followedTopic(input, input.previous);
        return {
          decision: answer(input, followed, view, act.probability),
          reason:
            followed === input.previous
              ? `asks for ${kind} (${pct(act.probability)}) on the conversation's topic, ${input.previous}`
              : `asks for ${kind} (${pct(act.probability)}) on ${followed}, which it names`,
        };
      }
      if (namesTopic || (isAskable(named) && c.confidence >= input.threshold * NAMED_SHARE))
        return {
          decision: answer(input, (named as Topic).id, view, c.confidence),
          reason: `asks for ${kind} (${pct(act.probability)}) and names ${(named as Topic).id} (${pct(c.confidence)}), with nothing before`,
        };
      // With nothing before it, a follow-up about something no topic knows ("trump's plan for the
      // border") is no follow-up: the later steps decline it.
      const offTopic = new Set(c.offTopic);
      const strange = c.contentTerms.filter((t) => offTopic.has(t));
      if (strange.length > 0)
        return { reason: `asks for ${kind}, but of ${strange.join(' ')}, which no topic knows` };
      // "Fixes?" with nothing before: the list of all the solutions (the overview the view lists),
      // when the follow-up is plain ("ok so" is not plainly asking for solutions).
      // Words that say nothing of their own ("what?", "why?") ask about what came before; with
      // nothing before, they get the question back, not a list.
      const overview = generalTarget(input.kb, view);
      if (overview !== undefined && act.probability >= GENERAL_THRESHOLD && c.normalized.terms.length > 0)
        return {
          decision: answer(input, overview.id, view, act.probability),
          reason: `asks for ${kind} (${pct(act.probability)}) of nothing named: ${overview.id}, the whole list`,
        };
      return {
        decision: { kind: 'clarify', reason: { code: 'no-topic-yet', followUp: kind } },
        reason: `asks for ${kind} (${pct(act.probability)}) with no topic named and none before`,
      };
    },
  },
  {
    name: 'topic',
    run: (input) => {
      const c = input.classification;
      const best = c?.candidates[0];
      const topic = best === undefined ? undefined : input.kb.topics.get(best.intent);
      if (c === undefined || !isAskable(topic))
        return { reason: `best candidate is not a topic (${best?.intent ?? 'none'})` };
      // In scope surely enough, and this topic the likeliest: answered, even where a second topic is
      // nearly as likely ("fentanil from mexico?": drugs or Mexico). Its confidence says how sure.
      if (!isSure(c, input.threshold))
        return {
          reason: `${topic.id} at ${pct(c.confidence)} (in scope ${pct(c.inScope)}), under the threshold ${input.threshold}`,
        };
      return {
        decision: inConversation(input, topic, c.confidence),
        reason: `${topic.id} at ${pct(c.confidence)} (in scope ${pct(c.inScope)})`,
      };
    },
  },
  {
    name: 'bot',
    run: (input) => {
      const c = input.classification;
      const best = c?.candidates[0];
      if (c === undefined || best === undefined || input.kb.topics.get(best.intent)?.group !== 'bot')
        return { reason: 'not one of the bot’s own intents' };
      // The bot's own intents cost little when wrong ("you're welcome"), and people close with them
      // in every shape ("Great, thank you. That's what I needed."): the likeliest by far is enough.
      // …unless the question is as likely out of scope ("can you explain how the filibuster works?").
      const likeliest =
        best.probability >= BOT_LIKELIEST &&
        c.confidence >= input.threshold * SCOPE_FLOOR &&
        c.outOfScope < c.confidence;
      if (c.confidence < input.threshold && !likeliest)
        return { reason: `${best.intent} at ${pct(c.confidence)}, under the threshold ${input.threshold}` };
      return {
        decision: { kind: 'bot', intent: best.intent, confidence: c.confidence },
        reason: `${best.intent} at ${pct(c.confidence)}`,
      };
    },
  },
  {
    name: 'clause',
    run: (input) => {
      const c = input.classification;
      if (c === undefined || input.clauses === undefined) return { reason: 'nothing to read' };
      if (isSure(c, input.threshold)) return { reason: 'the question as a whole is sure enough' };
      // A question surely out of scope as a whole is rescued only by a clause surely naming a topic
      // of its own ("…trip to Buffalo. What does 1787 suggest about working with Canadian
      // authorities?"), not by one that shares a general word with an overview ("how do I do a SWOT
      // analysis, what counts as a threat?") or is itself unsure ("my laptop keeps crashing, how do
      // i fix the system instability").
      const ownTopicOnly = c.outOfScope >= CLAUSE_OUT_OF_SCOPE;
      if (c.normalized.words.length < CLAUSE_MIN_WORDS) return { reason: 'too short to read by clauses' };
      // A preamble ("for a hearing prep doc on the surge at the border, …") drowns the ask in words
      // of its own; the clause that asks, read alone, says what it is about.
      const clauses = input.clauses();
      let best: { topic: Topic; confidence: number; clause: string } | undefined;
      for (const clause of clauses) {
        const topic = input.kb.topics.get(clause.candidates[0]?.intent ?? '');
        if (!isAskable(topic) || !isSure(clause, input.threshold) || clause.confidence < input.threshold)
          continue;
        if (ownTopicOnly && (topic.role === 'overview' || clause.confidence < CLAUSE_RESCUE)) continue;
        if (best === undefined || clause.confidence > best.confidence)
          best = { topic, confidence: clause.confidence, clause: clause.normalized.plain };
      }
      if (best === undefined) return { reason: 'no clause alone names a topic surely' };
      return {
        decision: answer(input, best.topic.id, 'summary', best.confidence),
        reason: `its clause “${best.clause}” names ${best.topic.id} (${pct(best.confidence)})`,
      };
    },
  },
  {
    name: 'continuation',
    run: (input) => {
      const c = input.classification;
      if (input.previous === undefined || c === undefined) return { reason: 'no conversation to continue' };
      const act = c.acts.find((a) => a.kind !== null);
      // Surely in scope, naming no topic of its own, and about nothing no topic knows ("anything
      // else on that you can share?"): it can only be about the conversation, asking what it most
      // likely asks, however faintly.
      const onlyTheConversation = c.outOfScope < IN_CONVERSATION_SCOPE && c.noTopic >= LEANING_NO_TOPIC;
      // A citation style named ("bluebook format?"), whether or not policybot writes it, asks for
      // the conversation's source: the cite act says which styles it has.
      if (input.style !== undefined) {
        const followed = followedTopic(input, input.previous);
        return {
          decision: answer(input, followed, 'sources', act?.probability ?? 0),
          reason: `names a citation style: the source of ${followed}`,
        };
      }
      if (
        act === undefined ||
        act.kind === null ||
        (act.probability < CONTINUATION_FLOOR && !onlyTheConversation)
      )
        return {
          reason: `asks for nothing (best act ${pct(act?.probability ?? 0)} against ${CONTINUATION_FLOOR})`,
        };
      if (c.outOfScope >= act.probability && !onlyTheConversation)
        return {
          reason: `out of scope (${pct(c.outOfScope)}) as surely as ${act.kind} (${pct(act.probability)})`,
        };
      // Words no topic knows say the question is about something else ("and the weather there?").
      const offTopic = new Set(c.offTopic);
      const strange = c.contentTerms.filter((t) => offTopic.has(t));
      if (strange.length > 0)
        return { reason: `asks for ${act.kind}, but of ${strange.join(' ')}, which no topic knows` };
      const followed = followedTopic(input, input.previous);
      return {
        decision: answer(input, followed, VIEW_OF[act.kind], act.probability),
        reason:
          followed === input.previous
            ? `no topic is sure of it, and it asks for ${act.kind} (${pct(act.probability)}): on the conversation's topic, ${input.previous}`
            : `no topic is sure of it, and it asks for ${act.kind} (${pct(act.probability)}) on ${followed}, which it names`,
      };
    },
  },
  {
    name: 'out-of-scope',
    run: (input) => {
      const c = input.classification;
      const subject = subjectOf(c);
      return {
        decision: {
          kind: 'decline',
          reason: subject === undefined ? { code: 'out-of-scope' } : { code: 'out-of-scope', subject },
          nearest: nearestTopics(input.kb, c?.candidates ?? []),
          confidence: 1 - (c?.confidence ?? 0),
        },
        reason:
          c === undefined
            ? 'nothing to read'
            : `no topic is sure enough (best ${c.candidates[0]?.intent ?? 'none'} at ${pct(c.confidence)}; out of scope ${pct(c.outOfScope)})`,
      };
    },
  },
];
