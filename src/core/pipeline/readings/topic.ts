import type { IntentId } from '../../../knowledge/ids.js';
import type { Topic } from '../../../knowledge/types.js';
import type { Classification } from '../../model/classifier.js';
import { VIEW_OF } from '../decision.js';
import type { Prediction, ReadingInput } from '../prediction.js';
import { answer, inConversation, isAskable, isGenericTarget, subjectTopic } from '../targets.js';

const pct = (p: number): string => p.toFixed(2);

/** A source read as the topic is a request for another topic's sources when the act head says "source" this surely (share of the threshold). */
const SOURCE_ASKED = 0.3;

/** The topic head: its likeliest topic, how sure, and how surely the question is in scope at all. */
export function topic(input: ReadingInput): Prediction {
  const c = input.classification;
  const best = c?.candidates[0];
  const named = best === undefined ? undefined : input.kb.topics.get(best.intent);
  if (c === undefined || !isAskable(named))
    return { probability: 0, reason: `best candidate is not a topic (${best?.intent ?? 'none'})` };
  // "Source for the TCO overview": a source read as the topic, asked for a source, with a subject
  // that names a topic of its own: that topic's sources. A source is about the document itself.
  const act = c.acts.find((a) => a.kind !== null);
  const of =
    named.group === 'source' && act?.kind === 'source' && act.probability >= SOURCE_ASKED * input.threshold
      ? subjectTopic(input, 'sources')
      : undefined;
  if (of !== undefined)
    return {
      decision: answer(input, of.id, 'sources', c.confidence),
      probability: c.confidence,
      scope: c.inScope,
      reason: `${named.id} at ${pct(c.confidence)}, asked for a source (${pct(act?.probability ?? 0)}) of ${of.id}, which its subject names`,
    };
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

/**
 * A question about the bot itself, in words only about it (intents/language/self.yaml): "are you an
 * AI?", "who maintains this?". Its help answers from the knowledge base's own data. A greeting or
 * thanks the models read ("how are you", "thank you") is theirs.
 */
export function self(input: ReadingInput): Prediction {
  if (input.aboutSelf?.() !== true) return { probability: 0, reason: 'not about the bot itself' };
  const best = input.classification?.candidates[0];
  const read = best === undefined ? undefined : input.kb.topics.get(best.intent);
  if (read?.group === 'bot' && read.role !== 'help')
    return { probability: 0, reason: `about the bot, but ${read.id} (the models' reading)` };
  const help = [...input.kb.topics.values()].find((t) => t.group === 'bot' && t.role === 'help');
  if (help === undefined) return { probability: 0, reason: 'the knowledge base has no help topic' };
  return {
    decision: { kind: 'bot', intent: help.id, confidence: 1 },
    probability: 1,
    reason: 'addresses the bot in words only about itself (intents/language/self.yaml)',
  };
}

/** Questions shorter than this are read whole: a clause of a short question is too little to go on. */
const CLAUSE_MIN_WORDS = 8;
/** A question this surely out of scope as a whole is rescued only by a clause naming a topic of its own… */
const CLAUSE_OUT_OF_SCOPE = 0.9;
/** …and, a clause that does not ask, surely (this share of the threshold): "how do i fix the system instability" rescues nothing. */
const CLAUSE_RESCUE = 1.6;

/** An asking clause names a topic at this share of the threshold: the topic head's gate (and the table's `askingGate`). */
const ASKING_SHARE = 0.5;

/**
 * The clauses: a preamble ("for a hearing prep doc on the surge at the border, …") drowns the ask
 * in words of its own. The clause that asks, read alone as a question of its own, says what the
 * question is about, however sure the models are of the preamble; when no clause asks (or none
 * that asks is in scope), the one surest of its topic.
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
  // …unless the ask is a sentence of its own after a paragraph that frames it ("New LA here, just
  // inherited the crime portfolio. Can you give me the full set of 1787 recommendations?"), and
  // that sentence, read alone, is surely in scope: then it names what it names, an overview too.
  const ask = input.asked?.();
  const askedTopic =
    ask !== undefined && ask.inScope >= threshold && ask.confidence >= CLAUSE_RESCUE * threshold
      ? ask.candidates[0]?.intent
      : undefined;
  const named = input.clauses().flatMap(({ classification: k, asks, frames }) => {
    const topic = input.kb.topics.get(k.candidates[0]?.intent ?? '');
    if (!isAskable(topic)) return [];
    // The clause that asks is a question of its own: sure of a specific topic at the threshold.
    const rescue = (asks ? 1 : CLAUSE_RESCUE) * threshold;
    const askedAlone = asks && topic.id === askedTopic;
    if (ownTopicOnly && !askedAlone && (topic.role === 'overview' || k.confidence < rescue))
      // A source asked of after such a paragraph may still point back at a topic it names by name.
      return asks && topic.group === 'source' ? [{ topic, k, asks, frames, pointsOnly: true }] : [];
    return [{ topic, k, asks, frames, pointsOnly: false }];
  });
  // An asking clause that names nothing surely ("illicit proceeds, how big a problem is it") leans
  // on the clause before it: that one, then, if it is sure.
  const asking = named.filter(
    (x) => x.asks && !x.pointsOnly && x.k.inScope >= threshold && x.k.confidence >= ASKING_SHARE * threshold,
  );
  const pool =
    asking.length > 0
      ? asking
      : named.filter((x) => !x.pointsOnly && x.k.inScope >= threshold && x.k.confidence >= threshold);
  const best = surest(pool);
  if (best === undefined)
    return (
      pointing(input, named, ask?.candidates[0]?.intent) ??
      viewOfNamed(input, ask) ?? {
        probability: 0,
        reason: 'no clause alone names a topic surely',
      }
    );
  const { topic, k, asks } = best;
  // What the asking clause asks for, when its act head is sure ("what does 1787 recommend on X").
  const act = k.acts.find((a) => a.kind !== null);
  const view = asks && act?.kind != null && act.probability >= threshold ? VIEW_OF[act.kind] : 'summary';
  // "… a provision touching the narcotics bureau's programs overseas. What's 1787's position?": an
  // asking clause that names only who speaks (a source) asks what it says of the subject another
  // clause (a quoted question too), not a frame ("for my memo on X"), names surely.
  const subject =
    !asks || !isGenericTarget(topic, view)
      ? undefined
      : surest(
          named.filter(
            (x) =>
              x !== best &&
              !x.frames &&
              !isGenericTarget(x.topic, view) &&
              x.k.inScope >= threshold &&
              x.k.confidence >= threshold,
          ),
        );
  if (subject !== undefined)
    return {
      decision: answer(input, subject.topic.id, view, subject.k.confidence),
      probability: Math.min(k.confidence, subject.k.confidence),
      scope: Math.min(k.inScope, subject.k.inScope),
      asks,
      reason: `its asking clause “${k.normalized.plain}” names only ${topic.id}; the clause “${subject.k.normalized.plain}” names what of, ${subject.topic.id} (${pct(subject.k.confidence)})`,
    };
  // …or, no other clause naming it surely, what the question names by one of its names.
  const pointed =
    asks && topic.group === 'source' ? pointing(input, [best], ask?.candidates[0]?.intent) : undefined;
  if (pointed !== undefined) return pointed;
  return {
    decision: answer(input, topic.id, view, k.confidence),
    probability: k.confidence,
    scope: k.inScope,
    asks,
    reason: `its ${asks ? 'asking ' : ''}clause “${k.normalized.plain}” names ${topic.id} (${pct(k.confidence)})`,
  };
}

/**
 * 'From our hearing prep: "Witnesses are expected to press on synthetic opioids crossing the southwest
 * border." what does the ATA say on this?': when no clause alone names a topic surely, an asking
 * clause that names only who speaks (a source) and points back ("this") leans on the rest of the
 * question, which need not be in scope on its own: it asks of what the question names by one of
 * its names, among what that source speaks of.
 */
function pointing(
  input: ReadingInput,
  named: readonly { readonly topic: Topic; readonly k: Classification; readonly asks: boolean }[],
  askedTopic: IntentId | undefined,
): Prediction | undefined {
  for (const { topic, k, asks } of named) {
    if (!asks || topic.group !== 'source' || k.confidence < ASKING_SHARE * input.threshold) continue;
    // "A hospital system in our district went down after a cyberattack. … What does the threat
    // assessment say?": a sentence that asks only what a source says, after a paragraph that frames
    // it, points back at the paragraph as "this" would.
    const of = pointedAt(input, topic, k.normalized.words, topic.id === askedTopic);
    if (of === undefined) continue;
    return {
      decision: answer(input, of, 'summary', k.confidence),
      probability: k.confidence,
      // In scope by the name it gives, not by the scope head's reading of the words around it.
      scope: input.threshold,
      asks,
      reason: `its asking clause “${k.normalized.plain}” names only ${topic.id} and points back; the question names ${of}`,
    };
  }
  return undefined;
}

/** What a sentence asking for a view of nothing it names may ask for: a topic's threats or solutions. */
const NAMED_VIEWS: ReadonlySet<string> = new Set(['threats', 'solutions']);

/**
 * "Boss is hosting a roundtable with NGOs on forced labor next week. … what's the threat and what's
 * 1787's fix?": the sentence that asks, after a paragraph that frames it, asks surely for a view
 * (the threat, the fix) and names nothing; the paragraph names the topic by one of its names,
 * however far out of scope its other words are ("My member chairs a panel on money laundering…").
 */
function viewOfNamed(input: ReadingInput, ask: Classification | undefined): Prediction | undefined {
  if (ask === undefined) return undefined;
  const act = ask.acts[0];
  if (act?.kind == null || !NAMED_VIEWS.has(act.kind) || act.probability < input.threshold) return undefined;
  const of = input.named?.((id) => {
    const t = input.kb.topics.get(id);
    return t !== undefined && t.role !== 'overview' && (t.group === 'threat' || t.group === 'solution');
  });
  if (of === undefined) return undefined;
  return {
    decision: answer(input, of, VIEW_OF[act.kind], act.probability),
    probability: act.probability,
    // In scope by the name it gives, not by the scope head's reading of the paragraph around it.
    scope: input.threshold,
    asks: true,
    reason: `its asking sentence “${ask.normalized.plain}” asks for ${act.kind} (${pct(act.probability)}) and names nothing; the paragraph names ${of}`,
  };
}

/** The specific topic the question names by name among those a source speaks of, when the clause's words point back. */
function pointedAt(
  input: ReadingInput,
  source: Topic,
  words: readonly string[],
  afterParagraph: boolean,
): IntentId | undefined {
  const refers = new Set(input.kb.language.clauses.refers);
  if (!afterParagraph && !words.some((w) => refers.has(w))) return undefined;
  const groups = new Set<string>(
    source.related
      .map((id) => input.kb.topics.get(id)?.group)
      .filter((g) => g !== undefined && g !== 'source'),
  );
  return input.named?.((id) => {
    const t = input.kb.topics.get(id);
    return t !== undefined && t.role !== 'overview' && groups.has(t.group);
  });
}

/** The clause surest of its topic, if any. */
function surest<T extends { readonly k: { readonly confidence: number } }>(
  pool: readonly T[],
): T | undefined {
  return pool.reduce<T | undefined>(
    (a, x) => (a === undefined || x.k.confidence > a.k.confidence ? x : a),
    undefined,
  );
}
