import { FALLBACK_ID, type FollowUpKind, followUpOf, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { stableHash } from './hash.js';
import { mulberry32 } from './softmax.js';

/** The topic head's class for a question that names no topic of its own ("tell me more", "source?"). */
export const NO_TOPIC = '(no topic)';

/** What one training text teaches both heads: the topic it names, and the follow-up it asks for. */
export interface TrainingText {
  readonly text: string;
  /** A topic id, `fallback`, or NO_TOPIC. */
  readonly topic: string;
  /** The follow-up asked for, or null for a question of its own. */
  readonly act: FollowUpKind | null;
  /** Written phrases count fully; texts made from them (names, expansions, openers) less. */
  readonly weight: number;
  /**
   * The written phrase it comes from (a hash of it), so cross-validation holds out a phrase with
   * its offspring, and a phrase added elsewhere leaves the folds of the others as they were.
   */
  readonly origin: number;
  /** This text's own place in training (see LabelledVector.key). */
  readonly key: number;
  /** Written by a curator (not made from a phrase): what cross-validation scores. */
  readonly written: boolean;
  /** For the follow-up head only: extra fills, so that no topic's words come to mean a follow-up. */
  readonly actOnly?: boolean;
}

/** A follow-up phrase's slot for a topic's name: "tell me more about {topic}". */
export const TOPIC_SLOT = '{topic}';

/**
 * A slot filled with a name, as a person would say it: "read the {topic} passage" with "the
 * overall crime threat" is "read the overall crime threat passage", not "the the".
 */
export function fillSlot(text: string, name: string): string {
  return text.replaceAll(TOPIC_SLOT, name).replace(/\b(the|a|an)\s+(the|a|an)\b/giu, '$2');
}

/**
 * How many names each follow-up phrase with a slot is filled in with: for both heads, and more for
 * the follow-up head alone (it is cheap to train, and must learn that names do not ask for anything).
 */
const FILLS_PER_SLOT = 4;
const ACT_FILLS_PER_SLOT = 12;
/** How many written phrases get a greeting or thanks put in front of them, as people type. */
const OPENER_SHARE = 0.2;
/** How many get a staff frame around them ("for a memo: …", "…, thanks"): topics' and out-of-scope alike. */
const FRAME_SHARE = 0.3;

/**
 * Everything the classifier learns from, all of it from the knowledge base's files: the training
 * phrases; each topic's title and names; follow-up phrases with a slot, filled in with names of
 * topics (so "tell me more about fentanyl" teaches both heads); and phrases with a greeting or
 * thanks from the bot's own phrases in front (so "morning! the INL one?" is about INL).
 */
export function trainingTexts(kb: KnowledgeBase): TrainingText[] {
  const out: TrainingText[] = [];
  const askable = [...kb.topics.values()].filter((t) => t.group !== 'bot' && t.group !== 'fallback');
  const names = askable.flatMap((t) => t.names.map((name) => ({ topic: t.id, name })));
  const threatNames = names.filter((n) => kb.topics.get(n.topic)?.group === 'threat');
  const { threatNouns } = kb.language.framing;
  const openers = kb.examples
    .filter((e) => {
      const role = kb.topics.get(e.intent)?.role;
      return role === 'greeting' || role === 'thanks';
    })
    .map((e) => e.text.replace(/[.!?\s]+$/u, ''));

  kb.examples.forEach((example) => {
    const act = followUpOf(example.intent) ?? example.followUp ?? null;
    const origin = stableHash(`${example.intent}\n${example.text}`);
    // Each phrase's own draws (fills, openers, frames): adding a phrase changes none of the others'.
    const random = mulberry32(origin ^ 20240205);
    const push = (text: string, topic: string, weight: number, written = false, actOnly = false): void => {
      const key = stableHash(`${topic}\n${act ?? ''}\n${text}`);
      out.push({ text, topic, act, weight, origin, key, written, ...(actOnly ? { actOnly } : {}) });
    };
    if (followUpOf(example.intent) !== undefined && example.text.includes(TOPIC_SLOT)) {
      for (let i = 0; i < ACT_FILLS_PER_SLOT && names.length > 0; i++) {
        const pick = names[Math.floor(random() * names.length)] as { topic: IntentId; name: string };
        push(fillSlot(example.text, pick.name), pick.topic, 0.7, false, i >= FILLS_PER_SLOT);
      }
      // …and once with a threat's name and a noun people put after it ("the fraud problem"),
      // drawn after the fills above so that they stay as they were.
      if (threatNames.length > 0 && threatNouns.length > 0) {
        const pick = threatNames[Math.floor(random() * threatNames.length)] as { topic: IntentId; name: string };
        const noun = threatNouns[Math.floor(random() * threatNouns.length)] as string;
        push(fillSlot(example.text, `${pick.name} ${noun}`), pick.topic, 0.7, false, true);
      }
      return;
    }
    // A follow-up's own phrase names no topic; a topic's phrase asking for its detail names its topic.
    const topic = followUpOf(example.intent) !== undefined ? NO_TOPIC : example.intent;
    push(example.text, topic, 1, true);
    const role = kb.topics.get(example.intent)?.role;
    const social = role === 'greeting' || role === 'thanks';
    if (!social && openers.length > 0 && random() < OPENER_SHARE) {
      const opener = openers[Math.floor(random() * openers.length)] as string;
      push(`${opener}, ${example.text}`, topic, 0.5);
    }
    if (!social && random() < FRAME_SHARE) {
      const framed = frame(example.text, kb.language.framing, random);
      if (framed !== undefined) push(framed, topic, 0.5);
    }
  });

  // A topic's own words: its title and the names people give it, standing alone.
  for (const topic of askable) {
    const origin = stableHash(`${topic.id}\n`);
    for (const text of [topic.title, ...topic.names]) {
      const key = stableHash(`${topic.id}\n\n${text}`);
      out.push({ text, topic: topic.id, act: null, weight: 0.5, origin, key, written: false });
    }
  }
  return out;
}

/** A phrase inside a frame staff put around questions: before it, after it, or both. */
function frame(
  text: string,
  framing: KnowledgeBase['language']['framing'],
  random: () => number,
): string | undefined {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const roll = random();
  const before = roll < 0.7 ? pick(framing.before) : undefined;
  const after = roll >= 0.4 ? pick(framing.after) : undefined;
  if (before === undefined && after === undefined) return undefined;
  const core = text.replace(/[.!?\s]+$/u, '');
  return `${before === undefined ? '' : `${before}${pick(framing.beforeJoin) ?? ' '}`}${core}${after === undefined ? '' : `${pick(framing.afterJoin) ?? ' '}${after}`}`;
}

/** The topic head's classes: every topic, `fallback`, and NO_TOPIC. */
export function topicClasses(kb: KnowledgeBase): string[] {
  const ids = [...kb.topics.keys()].filter((id) => id !== FALLBACK_ID).sort();
  return [...ids, FALLBACK_ID, NO_TOPIC];
}
