/**
 * The arbiter's precedence table, as data: the readings in the order they take precedence, each
 * with the gate its prediction must pass and the predictions it stands aside for. The first
 * reading whose prediction passes its gate decides; the trace shows every reading's prediction.
 *
 * Every gate is a share of the threshold (POLICYBOT_THRESHOLD, 0.5 unless set), so that raising the
 * threshold raises every gate that says how sure a reading must be. A `null` gate: the reading's
 * prediction decides whenever it makes one (a rule, not a guess: too long, a training phrase word
 * for word, a limit of content/limits.yaml).
 */

export const READING_NAMES = [
  'too-long',
  'empty',
  'exact-phrase',
  'bibliography',
  'limit',
  'fact',
  'self',
  'mostly-unknown',
  'follow-up',
  'topic',
  'bot',
  'clause',
  'continuation',
  'out-of-scope',
] as const;
export type ReadingName = (typeof READING_NAMES)[number];

/** Another reading's prediction that a reading stands aside for. */
export interface Yield {
  readonly to: ReadingName;
  /**
   * Its probability must reach this share of the threshold, or (`self`) exceed the yielding
   * prediction's and pass its own rule's gates, or (`gated`) only pass its own rule's gates.
   */
  readonly atLeast: number | 'self' | 'gated';
  /** Only in a conversation (a topic before it). */
  readonly inConversation?: boolean;
  /** Only when the yielding prediction asks back ("about what?") rather than answers. */
  readonly whenAskingBack?: boolean;
}

export interface Rule {
  readonly reading: ReadingName;
  /** Its prediction's probability must reach this share of the threshold; null: any prediction. */
  readonly gate: number | null;
  /** …and the probability that the question is in scope at all, this share of it (the topic head's two numbers). */
  readonly scopeGate?: number;
  /**
   * …or, when the model's own (uncalibrated) probability for its choice, its lead, reaches this share
   * of the threshold, the prediction need only reach `leadGate.floor` of it.
   */
  readonly leadGate?: { readonly lead: number; readonly floor: number };
  /** …or this share of it, in a conversation, when the prediction leans on it (names no topic of its own). */
  readonly conversationGate?: number;
  /** …or this share of it when the prediction is read from the clause that asks (a question of its own). */
  readonly askingGate?: number;
  readonly yieldsTo?: readonly Yield[];
  /** It decides only in place of an earlier reading that yielded to it. */
  readonly standIn?: boolean;
  /** Why it sits where it does. */
  readonly why: string;
}

export const PRECEDENCE: readonly Rule[] = [
  { reading: 'too-long', gate: null, why: 'nobody types a memo into a chat box: declined unread' },
  { reading: 'empty', gate: null, why: 'nothing is left once markup is gone' },
  { reading: 'exact-phrase', gate: null, why: "a curator's phrase, word for word, outranks every rule" },
  {
    reading: 'bibliography',
    gate: null,
    why: 'the words that ask for every source cited so far, with no topic named: the conversation, not a topic',
  },
  {
    reading: 'limit',
    gate: null,
    // "how much money went to the merida initiative": a figure the knowledge base holds is no limit.
    yieldsTo: [{ to: 'fact', atLeast: 1 }],
    why: 'what the sources cannot hold outranks what a question seems to be about',
  },
  {
    reading: 'fact',
    gate: null,
    standIn: true,
    why: 'a background fact the knowledge base holds, asked about: that fact, with its source',
  },
  {
    reading: 'self',
    gate: null,
    // "can you give me the citations?" in a conversation: the follow-up, on its topic.
    yieldsTo: [{ to: 'follow-up', atLeast: 1, inConversation: true }],
    why: 'addressed to the bot in words only about itself ("are you an AI?"): its help, before its words count as unknown; a limit ("do u think it\'ll work") first',
  },
  {
    reading: 'mostly-unknown',
    gate: null,
    // "can you expand on that with some of the background? I heard about earlier frameworks": in a
    // conversation, a follow-up this sure carries words of the asker's own, not a subject.
    yieldsTo: [{ to: 'follow-up', atLeast: 1.9, inConversation: true }],
    why: 'most of its words are unknown to every topic: about something else',
  },
  {
    reading: 'follow-up',
    gate: 1,
    conversationGate: 0.5,
    // "What else can you do?": the bot's own intent, read more surely, is not a follow-up.
    // "Summarize 1787's enforcement recommendation in one sentence": a follow-up that finds no topic
    // asks "about what?" only when the topic head, gated as always, has none either.
    yieldsTo: [
      { to: 'bot', atLeast: 'self' },
      { to: 'topic', atLeast: 'gated', whenAskingBack: true },
    ],
    why: 'a follow-up outranks the topic it names: "tell me more about fentanyl" is more, of fentanyl',
  },
  {
    reading: 'topic',
    gate: 0.5,
    scopeGate: 1,
    why: 'in scope surely enough, and its topic the likeliest, even when a second is nearly as likely',
  },
  {
    reading: 'bot',
    gate: 1,
    // The bot's own intents cost little when wrong ("you're welcome") and come in every shape.
    leadGate: { lead: 1, floor: 0.5 },
    why: 'help, a greeting or thanks',
  },
  {
    reading: 'clause',
    gate: 1,
    scopeGate: 1,
    // The clause that asks is a question of its own: the topic head's gates. A preamble decides
    // only when no clause asks, and then only surely.
    askingGate: 0.5,
    why: 'a preamble drowns the ask in words of its own: the clause that asks, alone, not the surest',
  },
  { reading: 'continuation', gate: null, why: 'in a conversation, what asks for something continues it' },
  { reading: 'out-of-scope', gate: null, why: 'otherwise: declined, with the nearest topics offered' },
];
