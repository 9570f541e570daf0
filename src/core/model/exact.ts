import { FOLLOW_UP_KINDS, type FollowUpKind, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { NormalizedText, Normalizer } from '../text/normalize.js';
import { TOPIC_SLOT, type TrainingText } from './examples.js';
import { StringTable, type StringTableState } from './strings.js';

/*
 * Precedence that cannot surprise: a question that is, word for word, a curator's phrase gets that
 * phrase's intent, before any model reads it.
 */

/** A training phrase asked word for word: its intent, and what of its topic it asks for. */
export interface ExactPhrase {
  readonly intent: IntentId;
  readonly followUp?: FollowUpKind;
}

/** The written phrases by their words, as the start-up cache keeps them. */
export interface ExactPhrasesState {
  /** Each phrase's words, space-joined (a table with lookup). */
  readonly keys: StringTableState;
  /** The phrases' intents, each once; `intent` indexes this list. */
  readonly intents: readonly IntentId[];
  readonly intent: Int32Array;
  /** An index into FOLLOW_UP_KINDS, or -1 for none. */
  readonly followUp: Int8Array;
}

export class ExactPhrases {
  private readonly keys: StringTable;

  static of(phrases: ReadonlyMap<string, ExactPhrase>): ExactPhrases {
    const intents = [...new Set([...phrases.values()].map((p) => p.intent))];
    return new ExactPhrases({
      keys: StringTable.of([...phrases.keys()], { lookup: true }).toState(),
      intents,
      intent: Int32Array.from(phrases.values(), (p) => intents.indexOf(p.intent)),
      followUp: Int8Array.from(phrases.values(), (p) =>
        p.followUp === undefined ? -1 : FOLLOW_UP_KINDS.indexOf(p.followUp),
      ),
    });
  }

  constructor(private readonly state: ExactPhrasesState) {
    this.keys = new StringTable(state.keys);
  }

  get(key: string): ExactPhrase | undefined {
    const i = this.keys.indexOf(key);
    if (i < 0) return undefined;
    const intent = this.state.intents[this.state.intent[i] as number] as IntentId;
    const followUp = FOLLOW_UP_KINDS[this.state.followUp[i] as number];
    return followUp === undefined ? { intent } : { intent, followUp };
  }

  /** The words of each phrase of an intent, in the order the knowledge base lists them. */
  wordsOf(intent: IntentId): string[][] {
    const id = this.state.intents.indexOf(intent);
    const out: string[][] = [];
    if (id < 0) return out;
    const { intent: intents } = this.state;
    for (let i = 0; i < intents.length; i++) if (intents[i] === id) out.push(this.keys.at(i).split(' '));
    return out;
  }

  toState(): ExactPhrasesState {
    return this.state;
  }
}

/** Each written phrase's words, for answering a phrase asked word for word with its own intent. */
export function exactPhrases(
  kb: KnowledgeBase,
  normalizer: Normalizer,
  texts: readonly TrainingText[],
  normalized: readonly NormalizedText[],
): Map<string, ExactPhrase> {
  // A written phrase was normalized for training without correction: its words are normalizer.words's.
  const wordsOf = new Map<string, readonly string[]>();
  texts.forEach((t, i) => {
    if (t.written) wordsOf.set(t.text, (normalized[i] as NormalizedText).words);
  });
  const map = new Map<string, ExactPhrase>();
  for (const example of kb.examples) {
    if (example.text.includes(TOPIC_SLOT)) continue;
    const key = (wordsOf.get(example.text) ?? normalizer.words(example.text)).join(' ');
    if (key !== '' && !map.has(key))
      map.set(key, {
        intent: example.intent,
        ...(example.followUp === undefined ? {} : { followUp: example.followUp }),
      });
  }
  return map;
}
