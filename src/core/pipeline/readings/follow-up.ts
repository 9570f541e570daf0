import { type FollowUpKind, followUpOf, type IntentId } from '../../../knowledge/ids.js';
import type { Topic } from '../../../knowledge/types.js';
import type { TopicCandidate } from '../../model/topic-scores.js';
import { VIEW_OF } from '../decision.js';
import type { Prediction, ReadingInput } from '../prediction.js';
import {
  answer,
  closelyNamed,
  followedTopic,
  generalTarget,
  isAskable,
  isGenericTarget,
  strangeShare,
  subjectTopic,
} from '../targets.js';

const pct = (p: number): string => p.toFixed(2);

/**
 * With nothing before it, a follow-up that names a topic less surely than a question must (this
 * share of the threshold) is still about that topic: the follow-up says what is asked, the name what of.
 */
const NAMED_SHARE = 0.5;
/** A specific topic named beside a general one wins when its probability is at least this share of the general's. */
const SPECIFIC_SHARE = 0.2;
/** A follow-up that names nothing, with nothing before it, gets the whole list only when this plain (share of the threshold). */
const GENERAL_SHARE = 1.2;
/** The topic head says the question names no topic this surely: it leans on the conversation. */
const LEANING_NO_TOPIC = 0.5;

/**
 * The follow-up head: more, source, solutions or threats, and of what: the topic named (by the
 * topic head, or in a conversation by one of its `names`), else the conversation's, else (for
 * solutions or threats) the whole list, else "about what?". Its probability is that it is a
 * follow-up at all (the acts together against none); which follow-up is the likeliest act.
 */
export function followUp(input: ReadingInput): Prediction {
  const c = input.classification;
  if (c === undefined) return { probability: 0, reason: 'nothing to read' };
  // A clause that asks for a follow-up alone, naming nothing ("— tl;dr?", ", in one line?"), says
  // what is asked however the rest of the question, naming a topic, blurs the act head.
  const form = input.formAsked?.();
  const act =
    askedAlone(input) ??
    (form === undefined ? undefined : { kind: form, probability: 1 }) ??
    c.acts.find((a) => a.kind !== null);
  // How sure the head is of the follow-up it picks, not of some follow-up: acts split between
  // "short" and "more" ("what's an MLAT") are no follow-up the head can name.
  const asked = act?.probability ?? 0;
  const leans = c.noTopic >= LEANING_NO_TOPIC;
  if (act === undefined || act.kind === null) return { probability: 0, reason: 'no follow-up asked' };
  const kind: FollowUpKind = act.kind;
  const view = VIEW_OF[kind];
  const predict = (p: Omit<Prediction, 'probability' | 'leans'>): Prediction => ({
    ...p,
    probability: asked,
    leans,
  });
  // "How do we counter fraud?": the solutions in general rank first ("counter" is a solutions
  // word), but fraud is what it names. A topic the view lists in general yields to a specific one
  // named beside it.
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
  // The follow-up's own words blur the topic head; a name the nearest phrase matches closely, and
  // well ahead of any other, still names. Only when the head is blurred: a topic it is sure of
  // ("cite the 1787 page") is the one named.
  // A name, not a word shared with a phrase: "when was 1787 founded" is no question about ILEA for
  // its closeness to "who founded ILEA".
  const close =
    input.previous === undefined && c.confidence < input.threshold
      ? closelyNamed(input.kb, c.candidates, view)
      : undefined;
  const nearest =
    close !== undefined && input.named?.((id) => id === close.intent) === close.intent ? close : undefined;
  // "ok. source for the trafficking bit", after the trafficking threat: words a topic shares with
  // one it is linked to (a threat and the solution that answers it) are the conversation's, when
  // the model holds the conversation's topic at least SPECIFIC_SHARE as likely as the other.
  const recalled = linkedRecall(input, first);
  const best = recalled ?? (yields ? runnerUp : (nearest ?? first));
  const read = best === undefined ? undefined : input.kb.topics.get(best.intent);
  // "What's the source for the instability threat": the source named is what the view lists in
  // general; the subject, read without the follow-up's words, is what it is asked of.
  const named =
    read !== undefined && isGenericTarget(read, view) ? (subjectTopic(input, view) ?? read) : read;
  const confident =
    c.confidence >= input.threshold ||
    (yields && (first?.probability ?? 0) >= input.threshold) ||
    nearest !== undefined;
  const namesTopic = confident && isAskable(named);
  // A topic the view lists in general ("the solutions", "the report") is the conversation's topic's
  // own, unless the conversation is about one of the same group: after 1787's page, "and the
  // threat report they quote?" is that report, not 1787's page again.
  const previousGroup = input.previous === undefined ? undefined : input.kb.topics.get(input.previous)?.group;
  // A source named surely is the document asked about, after any topic: "when was that report
  // released", "ok, for the 2024 one — where can i read it" (a follow-up that names no source,
  // "source?", is the conversation's topic's).
  const standsFor = (t: Topic): boolean =>
    previousGroup !== undefined &&
    previousGroup !== t.group &&
    !(view === 'sources' && namesDocument(input, t)) &&
    isGenericTarget(t, view);
  // "ok, and ILEA, what's that about", after penalties: "more" asked in a clause that points at
  // the topic the question itself names, new to the conversation, asks what it is: its own answer.
  if (namesTopic && kind === 'more' && named.id !== input.previous && pointsWithin(input))
    return {
      probability: 0,
      reason: `asks what ${named.id}, which it names, is about, in a clause that points to it: no follow-up`,
    };
  if (namesTopic && !standsFor(named))
    return predict({
      decision: answer(input, named.id, view, c.confidence),
      reason: `asks for ${kind} (${pct(asked)}) on the topic it names, ${named.id} (${pct(c.confidence)})`,
    });
  if (input.previous !== undefined) {
    // "btw any good book on the history of the mafia", after fraud: the topic head reads it as
    // about something out of scope, not as naming nothing; "history" is a follow-up's word, but the
    // question asks it of something else.
    if (ofSomethingElse(input))
      return {
        probability: 0,
        reason: `asks for ${kind}, but of something out of scope (${pct(c.outOfScope)}, naming no topic ${pct(c.noTopic)})`,
      };
    const followed = followedTopic(input, input.previous);
    return predict({
      decision: answer(input, followed, view, act.probability),
      reason:
        followed === input.previous
          ? `asks for ${kind} (${pct(asked)}) on the conversation's topic, ${input.previous}`
          : `asks for ${kind} (${pct(asked)}) on ${followed}, which it names`,
    });
  }
  if (namesTopic || (isAskable(named) && c.confidence >= input.threshold * NAMED_SHARE))
    return predict({
      decision: answer(input, (named as Topic).id, view, c.confidence),
      reason: `asks for ${kind} (${pct(asked)}) and names ${(named as Topic).id} (${pct(c.confidence)}), with nothing before`,
    });
  // With nothing before it, a follow-up about something no topic knows ("trump's plan for the
  // border") is no follow-up: the later readings decline it.
  const strange = strangeShare(c, input.threshold);
  if (strange.length > 0)
    return { probability: 0, reason: `asks for ${kind}, but of ${strange.join(' ')}, which no topic knows` };
  // "Fixes?" with nothing before: the list of all the solutions, when the follow-up is plain ("ok
  // so" is not plainly asking for solutions). Words that say nothing of their own ("what?") ask
  // about what came before; with nothing before, they get the question back, not a list.
  const overview = generalTarget(input.kb, view);
  if (
    overview !== undefined &&
    act.probability >= GENERAL_SHARE * input.threshold &&
    c.normalized.terms.length > 0
  )
    return predict({
      decision: answer(input, overview.id, view, act.probability),
      reason: `asks for ${kind} (${pct(act.probability)}) of nothing named: ${overview.id}, the whole list`,
    });
  // "and what's it drawing on", after "who built this bot?": with no topic before, what the
  // conversation was about is the bot itself; its help says what it rests on.
  const help = input.afterSelf === true ? helpTopic(input) : undefined;
  if (help !== undefined)
    return predict({
      decision: { kind: 'bot', intent: help, confidence: asked },
      reason: `asks for ${kind} (${pct(asked)}) with no topic before but the bot's own help: the bot`,
    });
  return predict({
    decision: { kind: 'clarify', reason: { code: 'no-topic-yet', followUp: kind } },
    reason: `asks for ${kind} (${pct(asked)}) with no topic named and none before`,
  });
}

/** The bot's own help intent. */
function helpTopic(input: ReadingInput): IntentId | undefined {
  return [...input.kb.topics.values()].find((t) => t.group === 'bot' && t.role === 'help')?.id;
}

/**
 * Whether a clause of the question points at something (a word of clauses.yaml's `refers`) and
 * names nothing itself ("what's that about", "what is it"): it asks of what another clause names.
 */
function pointsWithin(input: ReadingInput): boolean {
  const refers = new Set(input.kb.language.clauses.refers);
  return (input.parts?.() ?? []).some(({ read }) => {
    const k = read();
    return k.contentTerms.length === 0 && k.normalized.words.some((w) => refers.has(w));
  });
}

/**
 * In a conversation, whether the topic head reads the question as about something out of scope, surely, rather than
 * as naming nothing: a follow-up's words in it ("history", "fix") ask of that, not of the conversation.
 */
function ofSomethingElse(input: ReadingInput): boolean {
  const c = input.classification;
  if (c === undefined || c.outOfScope < input.threshold || c.outOfScope <= c.noTopic) return false;
  // A topic named by one of its names ("whats the mexico one's rationale, threat-wise") is no
  // something else, however the models read the rest.
  return input.previous !== undefined && followedTopic(input, input.previous) === input.previous;
}

/**
 * Whether a source asked of is the document itself: the question read without the words that ask
 * for a source still names it surely ("when was that report released", "for the 2024 one — where
 * can i read it"), where "source for the threat part" names the report only by asking for a source.
 */
function namesDocument(input: ReadingInput, source: Topic): boolean {
  if (source.group !== 'source') return false;
  const s = input.subject?.() ?? input.classification;
  return (
    s !== undefined &&
    s.candidates[0]?.intent === source.id &&
    s.confidence >= input.threshold &&
    s.inScope >= input.threshold
  );
}

/** The conversation's topic among the candidates, when it is linked to the first and nearly as likely. */
function linkedRecall(input: ReadingInput, first: TopicCandidate | undefined): TopicCandidate | undefined {
  const { previous, kb } = input;
  if (previous === undefined || first === undefined || first.intent === previous) return undefined;
  const held = input.classification?.candidates.find((x) => x.intent === previous);
  const linked =
    kb.topics.get(first.intent)?.related.includes(previous) === true &&
    kb.topics.get(previous)?.related.includes(first.intent) === true;
  return held !== undefined && linked && held.probability >= SPECIFIC_SHARE * first.probability
    ? held
    : undefined;
}

/**
 * The follow-up a clause of the question asks for alone: a clause that is a follow-up's training
 * phrase word for word ("tl;dr?", "in one line?", "source?"), as the exact-phrase reading reads a
 * whole question. Only word for word: a clause that asks of something ("ILEA — what is it") refers
 * to the rest of the question, which the act head, reading it alone, cannot know.
 */
function askedAlone(input: ReadingInput): { kind: FollowUpKind; probability: number } | undefined {
  const parts = input.parts?.() ?? [];
  for (const { exact } of parts) {
    const kind = exact === undefined ? undefined : followUpOf(exact);
    if (kind !== undefined) return { kind, probability: 1 };
  }
  // A clause of nothing but a follow-up's words ("back to TCOs — solutions?"), no follow-up's
  // phrase word for word: the act head, reading that clause alone, says which follow-up, when it
  // is sure and the clause names no topic but what that follow-up lists in general (the solutions).
  // Only where the whole question's act head hears no follow-up (the topic's words blur it) and
  // the question is in scope: "my word doc says the file is corrupted, how do i fix it" asks for
  // no solution, and "thanks - whats the response" is heard whole.
  const c = input.classification;
  if (c === undefined || c.acts[0]?.kind !== null || c.outOfScope >= input.threshold) return undefined;
  for (const { read, typedWords } of parts) {
    // Longer as typed, it is longer read (corrections never make fewer words): no bare follow-up,
    // and not worth classifying (most clauses of a long question).
    if (typedWords > BARE_WORDS) continue;
    const k = read();
    const act = k.acts[0];
    if (act?.kind == null || act.probability < input.threshold * ALONE_SHARE) continue;
    const best = k.candidates[0];
    const named = best === undefined ? undefined : input.kb.topics.get(best.intent);
    // A bare follow-up ("solutions?", "fixes pls", "recs?"), naming nothing or only what the
    // follow-up lists in general, not a clause that asks of the rest ("cartels and drugs - what's
    // the threat?", "… - is that from the ATA?", "How should we respond, per 1787?").
    if (k.normalized.words.length > BARE_WORDS) continue;
    const namesNothing = k.contentTerms.length === 0 && k.normalized.terms.length > 0;
    if (namesNothing || (named !== undefined && isGenericTarget(named, VIEW_OF[act.kind])))
      return { kind: act.kind, probability: act.probability };
  }
  return undefined;
}

/** A clause of follow-up words alone asks for a follow-up when its act head is this sure (share of the threshold). */
const ALONE_SHARE = 1.4;
/** A clause of at most this many words is a bare follow-up. */
const BARE_WORDS = 2;

/**
 * Whether a question points back to what the conversation is about (a word of `refers` in
 * clauses.yaml: "it", "they", "that") and says nothing the conversation's topic does not: out of
 * scope less surely than the threshold, and each of its content words one that topic's nearest
 * phrase shares ("what replaced it" after Mérida, not "can you send it to my boss").
 */
function refersBack(input: ReadingInput): boolean {
  const c = input.classification;
  if (c === undefined || c.outOfScope >= input.threshold) return false;
  const refers = new Set(input.kb.language.clauses.refers);
  if (!c.normalized.words.some((w) => refers.has(w.toLowerCase()))) return false;
  const shared = new Set(
    c.candidates.find((x) => x.intent === input.previous)?.evidence.map((e) => e.term) ?? [],
  );
  return c.contentTerms.every((t) => shared.has(t));
}

/** In a conversation, no topic is sure of it, but it asks for something at least this surely (share of the threshold)… */
const CONTINUATION_SHARE = 0.3;
/** …or under that, when the question is out of scope less likely than this and names no topic. */
const IN_CONVERSATION_SCOPE = 0.1;

/**
 * The conversation, continued: a question that asks for something ("how should Washington handle
 * it", after ransomware), names a citation style ("bluebook format?"), or is surely in scope and
 * names nothing, is about the conversation's topic (or one it names by name), unless it is as surely
 * out of scope or names what no topic knows.
 */
export function continuation(input: ReadingInput): Prediction {
  const c = input.classification;
  if (input.previous === undefined || c === undefined)
    return { probability: 0, reason: 'no conversation to continue' };
  const act = c.acts.find((a) => a.kind !== null);
  const onlyTheConversation = c.outOfScope < IN_CONVERSATION_SCOPE && c.noTopic >= LEANING_NO_TOPIC;
  if (input.style !== undefined) {
    const followed = followedTopic(input, input.previous);
    return {
      decision: answer(input, followed, 'sources', act?.probability ?? 0),
      probability: act?.probability ?? 0,
      reason: `names a citation style: the source of ${followed}`,
    };
  }
  const floor = CONTINUATION_SHARE * input.threshold;
  const weak = act === undefined || act.kind === null || (act.probability < floor && !onlyTheConversation);
  if (weak && refersBack(input)) {
    // "What replaced it", after Mérida: it asks for no follow-up the act head knows, but points
    // back to what the conversation is about: its topic's own answer.
    const followed = followedTopic(input, input.previous);
    return {
      decision: answer(input, followed, 'summary', 1 - c.outOfScope),
      probability: 1 - c.outOfScope,
      reason: `points back to the conversation (out of scope only ${pct(c.outOfScope)}): ${followed}`,
    };
  }
  if (act === undefined || act.kind === null || weak)
    return {
      probability: 0,
      reason: `asks for nothing (best act ${pct(act?.probability ?? 0)} against ${pct(floor)})`,
    };
  if ((c.outOfScope >= act.probability || ofSomethingElse(input)) && !onlyTheConversation)
    return {
      probability: 0,
      reason: `out of scope (${pct(c.outOfScope)}) as surely as ${act.kind} (${pct(act.probability)})`,
    };
  const strange = strangeShare(c, input.threshold);
  if (strange.length > 0)
    return {
      probability: 0,
      reason: `asks for ${act.kind}, but of ${strange.join(' ')}, which no topic knows`,
    };
  const followed = followedTopic(input, input.previous);
  return {
    decision: answer(input, followed, VIEW_OF[act.kind], act.probability),
    probability: act.probability,
    reason:
      followed === input.previous
        ? `no topic is sure of it, and it asks for ${act.kind} (${pct(act.probability)}): on the conversation's topic, ${input.previous}`
        : `no topic is sure of it, and it asks for ${act.kind} (${pct(act.probability)}) on ${followed}, which it names`,
  };
}
