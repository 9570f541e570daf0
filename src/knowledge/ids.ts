/**
 * The few ids the code itself relies on. Every topic id comes from the knowledge base's files
 * (`content/topics/<id>.yaml`) and is checked against them, so a curator adds a topic without a
 * code change; tests pin the ids of the public contract.
 */

/** An intent: a topic's id, `fallback`, or a follow-up act (`followup.more`). */
export type IntentId = string;

/** The negatives' intent and the topic that says what the bot declines and why. */
export const FALLBACK_ID = 'fallback';

/**
 * The intent of the conversation's bibliography ("references so far"): asked for by the words of
 * intents/language/bibliography.yaml (a reading, not a trained intent) or a button.
 */
export const BIBLIOGRAPHY_ID = 'bibliography';

export const TOPIC_GROUPS = ['threat', 'solution', 'source', 'related', 'bot', 'fallback'] as const;
export type TopicGroup = (typeof TOPIC_GROUPS)[number];

/** The groups a person can ask about and cite, in the order lists show them. */
export const CONTENT_GROUPS: readonly TopicGroup[] = ['threat', 'solution', 'source', 'related'];

/**
 * What a topic is for, beyond its group: an `overview` stands for its whole group (the list of
 * every solution); `help`, `greeting` and `thanks` are the bot's own answers.
 */
export const TOPIC_ROLES = ['overview', 'help', 'greeting', 'thanks'] as const;
export type TopicRole = (typeof TOPIC_ROLES)[number];

/**
 * The follow-ups a person can ask after an answer. Each is a view of a topic (its longer answer,
 * its sources, the solutions or threats it is linked to) and an intent whose phrases are in
 * `intents/`, named `followup.<kind>`. `short` asks for the topic's answer in one line ("tl;dr").
 */
export const FOLLOW_UP_KINDS = ['more', 'source', 'solutions', 'threats', 'short'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const FOLLOW_UP_PREFIX = 'followup.';

export function followUpIntent(kind: FollowUpKind): IntentId {
  return `${FOLLOW_UP_PREFIX}${kind}`;
}

/** The follow-up an intent id stands for, or undefined for a topic or `fallback`. */
export function followUpOf(intent: IntentId): FollowUpKind | undefined {
  if (!intent.startsWith(FOLLOW_UP_PREFIX)) return undefined;
  const kind = intent.slice(FOLLOW_UP_PREFIX.length);
  return (FOLLOW_UP_KINDS as readonly string[]).includes(kind) ? (kind as FollowUpKind) : undefined;
}

export function isFollowUpKind(value: string): value is FollowUpKind {
  return (FOLLOW_UP_KINDS as readonly string[]).includes(value);
}

/** Lower-case words joined by dots: `threat.drugs`, `solution.ilea`, `source.ata`. */
export const TOPIC_ID_PATTERN = /^[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$|^fallback$/;
