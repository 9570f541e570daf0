import type { IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import { ENGINE_STYLES } from '../citations/styles.js';
import type { Classification } from '../model/classifier.js';
import type { TopicCandidate } from '../model/topic-scores.js';
import { stem } from '../text/tokens.js';
import type { Decision, View } from './decision.js';
import type { ReadingInput } from './prediction.js';

/*
 * What a decision is about: which topic a question names or leans on, in which view, and what a
 * decline offers instead. The readings (readings/) decide when; these say of what.
 */

/** An answer's own confidence must be at least this share of the threshold, however surely the question is in scope. */
export const SCOPE_FLOOR = 0.5;
/** Topics this far down the linear model's ranking are not offered as "Did you mean". */
const SUGGESTION_FLOOR = 0.02;
/** …nor topics whose nearest phrase shares less than this with the question. */
const SIMILARITY_FLOOR = 0.2;

/** In scope surely enough, and its best topic at least SCOPE_FLOOR of the threshold: what the topic step answers. */
export function isSure(c: Classification, threshold: number): boolean {
  return c.inScope >= threshold && c.confidence >= threshold * SCOPE_FLOOR;
}

export function isAskable(topic: Topic | undefined): topic is Topic {
  return topic !== undefined && topic.group !== 'bot' && topic.group !== 'fallback';
}

/** The view a follow-up gets on a topic: a solution's own answer is what "what should we do" asks. */
export function resolveView(kb: KnowledgeBase, topic: IntentId, view: View): View {
  const group = kb.topics.get(topic)?.group;
  if (view === 'solutions' && group !== 'threat') return 'summary';
  // "Why does that matter?" after a threat: its longer answer says why.
  if (view === 'threats' && group !== 'solution') return group === 'threat' ? 'detail' : 'summary';
  // A source's own answer is its reference.
  if (view === 'sources' && (group === 'source' || group === 'related')) return 'summary';
  return view;
}

/**
 * What a view of a topic is about: the topic, or, for a source asked for what it proposes or warns
 * of ("who is 1787?" then "what do they propose?"), the overview of that group it relates to (its
 * `related:` in content/topics), in that overview's own view.
 */
export function resolveTarget(
  kb: KnowledgeBase,
  topic: IntentId,
  view: View,
): { readonly topic: IntentId; readonly view: View } {
  const own = kb.topics.get(topic);
  const group = view === 'solutions' ? 'solution' : view === 'threats' ? 'threat' : undefined;
  if (own?.group === 'source' && group !== undefined) {
    const overview = own.related
      .map((id) => kb.topics.get(id))
      .find((t) => t?.group === group && t.role === 'overview');
    if (overview !== undefined) return { topic: overview.id, view: 'summary' };
  }
  return { topic, view: resolveView(kb, topic, view) };
}

/**
 * Whether a topic is what a view lists in general rather than a topic of its own: the overview
 * of the solutions for "what are the solutions?", a source for "source?". After a topic, such a
 * follow-up is about that topic.
 */
export function isGenericTarget(topic: Topic, view: View): boolean {
  // "What does 1787 want done?": the source named is who proposes, not what the proposal is about.
  if (topic.group === 'source') return view !== 'detail';
  if (view === 'solutions') return topic.group === 'solution' && topic.role === 'overview';
  if (view === 'threats') return topic.group === 'threat' && topic.role === 'overview';
  return false;
}

/**
 * The specific topic the question's subject names surely, read without the words that ask for a
 * follow-up ("source for the TCO overview" is about the TCO overview); none when that is a topic
 * the view lists in general (a source, for "source?").
 */
export function subjectTopic(input: ReadingInput, view: View): Topic | undefined {
  const s = input.subject?.();
  const topic = s === undefined ? undefined : input.kb.topics.get(s.candidates[0]?.intent ?? '');
  if (s === undefined || !isAskable(topic) || isGenericTarget(topic, view)) return undefined;
  return s.confidence >= input.threshold && s.inScope >= input.threshold ? topic : undefined;
}

/** A topic whose nearest phrase the question matches this closely, and this far ahead of the next, is named. */
const CLOSE_SIMILARITY = 0.6;
const CLOSE_LEAD = 1.5;

export function closelyNamed(
  kb: KnowledgeBase,
  candidates: readonly TopicCandidate[],
  view: View,
): TopicCandidate | undefined {
  const ranked = candidates
    .filter((c) => {
      const topic = kb.topics.get(c.intent);
      return isAskable(topic) && !isGenericTarget(topic, view);
    })
    .sort((a, b) => b.similarity - a.similarity);
  const [top, next] = ranked;
  if (top === undefined || top.similarity < CLOSE_SIMILARITY) return undefined;
  return top.similarity >= CLOSE_LEAD * (next?.similarity ?? 0) ? top : undefined;
}

/**
 * In a conversation about a threat, the list of all the solutions asked for without naming another
 * topic ("solutions?", "what does 1787 recommend") means the solutions that bear on that threat.
 */
export function inConversation(
  input: ReadingInput,
  topic: Topic,
  confidence: number,
): Extract<Decision, { kind: 'answer' }> {
  const previous = input.previous === undefined ? undefined : input.kb.topics.get(input.previous);
  // After the overall threat, the list of all the solutions is what bears on it: that list's own topic.
  if (
    previous?.group === 'threat' &&
    previous.role !== 'overview' &&
    topic.group === 'solution' &&
    isGenericTarget(topic, 'solutions') &&
    // …unless it names the list by a name of its own ("the ten solutions overall").
    input.named?.((id) => id === topic.id) === undefined
  )
    return answer(input, previous.id, 'solutions', confidence);
  return answer(input, topic.id, 'summary', confidence);
}

/**
 * What a follow-up in a conversation is about: a threat or solution it names by name, other than
 * the conversation's ("and the ransomware one, how would 1787 tackle it?", after drugs), else the
 * conversation's topic.
 */
export function followedTopic(input: ReadingInput, previous: IntentId): IntentId {
  // Only a threat's or a solution's own topic: the overviews are what follow-ups' words ("the
  // solutions", "the threats") mean in general.
  return input.named?.((id) => input.kb.topics.get(id)?.role !== 'overview') ?? previous;
}

/** The overview a view lists when nothing is named: all the solutions, all the threats. */
export function generalTarget(kb: KnowledgeBase, view: View): Topic | undefined {
  const group = view === 'solutions' ? 'solution' : view === 'threats' ? 'threat' : undefined;
  return group === undefined
    ? undefined
    : [...kb.topics.values()].find((t) => t.group === group && t.role === 'overview');
}

export function answer(
  input: ReadingInput,
  topic: IntentId,
  view: View,
  confidence: number,
): Extract<Decision, { kind: 'answer' }> {
  const { style } = input;
  // A citation style named ("apa please", "the fraud warning in mla", "bluebook?") asks for the
  // sources: the style reading says what view, the others what of. Plain text and Markdown are
  // forms of an answer, not citation styles ("in plain english").
  const cites = style !== undefined && (style.style === undefined || ENGINE_STYLES.has(style.style));
  // A style named asks for the reference in that style, a source's too ("bibtex for the 1787
  // page"); asked otherwise ("when did it come out"), a source's own answer is about it.
  const target =
    cites && input.kb.topics.get(topic)?.group === 'source'
      ? { topic, view: 'sources' as const }
      : resolveTarget(input.kb, topic, cites ? 'sources' : view);
  return {
    kind: 'answer',
    topic: target.topic,
    view: target.view,
    ...(style?.style === undefined ? {} : { style: style.style }),
    ...(style?.unsupported === undefined ? {} : { unsupportedStyle: style.unsupported }),
    confidence,
  };
}

/**
 * The topics nearest to a question, for "Did you mean": askable, sharing words with it (a topic
 * the linear model merely leans to, with nothing in common, is no suggestion a person follows),
 * and not a stray word's match.
 */
export function nearestTopics(
  kb: KnowledgeBase,
  candidates: readonly TopicCandidate[],
  count = 3,
): IntentId[] {
  return candidates
    .filter((c) => isAskable(kb.topics.get(c.intent)))
    .filter(
      (c) => c.similarity > 0 && (c.probability >= SUGGESTION_FLOOR || c.similarity >= SIMILARITY_FLOOR),
    )
    .slice(0, count)
    .map((c) => c.intent);
}

/** The question's content terms that no topic's phrases have: words of something else. */
export function strangeTerms(c: Classification): string[] {
  const offTopic = new Set(c.offTopic);
  return c.contentTerms.filter((t) => offTopic.has(t));
}

/**
 * The words of something else, when they are a share of the question's content words at least
 * the threshold's: "what about bitcoin?" is about bitcoin, but one word no topic knows among
 * several that name a topic ("…working with the Mexican police, ahead of the ambassador's visit")
 * does not make the question about something else. None (empty) otherwise.
 */
export function strangeShare(c: Classification, threshold: number): string[] {
  const strange = strangeTerms(c);
  return strange.length >= threshold * Math.max(1, c.contentTerms.length) ? strange : [];
}

/**
 * What a question asks about that no topic knows, in the words typed ("sinaloa"): said back in the
 * decline, so the person sees the subject was understood and is not in the sources. The longest
 * run of such words; none when nothing in the question is the domain's.
 */
export function subjectOf(c: Classification | undefined): string | undefined {
  if (c === undefined || c.offTopic.length === 0) return undefined;
  const offTopic = new Set(c.offTopic);
  if (c.normalized.terms.every((t) => offTopic.has(t))) return undefined;
  let best: string[] = [];
  let run: string[] = [];
  for (const word of c.normalized.words) {
    if (offTopic.has(word) || offTopic.has(stem(word))) run.push(word);
    else run = [];
    if (run.length > best.length) best = [...run];
  }
  return best.length > 0 ? best.join(' ') : undefined;
}
