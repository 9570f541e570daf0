import { FEEDBACK_REF, type FeedbackValue, type FollowUpKind } from '../../core/index.js';
import { type IntentId, TOPIC_ID_PATTERN } from '../../knowledge/index.js';

/**
 * What a button or select menu does, carried in its custom_id (at most 100 characters) so that a
 * press on an older message continues that message's topic, whatever the conversation did since.
 *
 *   pb:more:threat.drugs     a follow-up ("more", "source", "solutions", "threats") on a topic
 *   pb:topic:solution.inl    a topic's own answer ("Did you mean" buttons)
 *   pb:pick:threat           a select menu whose chosen value is the topic (/topics)
 *   pb:helpful:<ref>         "Helpful" / "Not helpful" (pb:not-helpful:<ref>) on the answer <ref>
 */
export type ComponentAction =
  | { readonly kind: 'followUp'; readonly followUp: FollowUpKind; readonly topic: IntentId }
  | { readonly kind: 'topic'; readonly topic: IntentId }
  | { readonly kind: 'pick'; readonly group: string }
  | { readonly kind: 'feedback'; readonly value: FeedbackValue; readonly ref: string };

const PREFIX = 'pb';
const FOLLOW_UPS: ReadonlySet<string> = new Set<FollowUpKind>(['more', 'source', 'solutions', 'threats']);

export function encodeAction(action: ComponentAction): string {
  switch (action.kind) {
    case 'followUp':
      return `${PREFIX}:${action.followUp}:${action.topic}`;
    case 'topic':
      return `${PREFIX}:topic:${action.topic}`;
    case 'pick':
      return `${PREFIX}:pick:${action.group}`;
    case 'feedback':
      return `${PREFIX}:${action.value}:${action.ref}`;
  }
}

/** The action a custom_id names, or undefined for one this bot did not make (or an older version did). */
export function decodeAction(customId: string): ComponentAction | undefined {
  const [prefix, verb, arg, ...rest] = customId.split(':');
  if (prefix !== PREFIX || verb === undefined || arg === undefined || rest.length > 0) return undefined;
  if (verb === 'pick') return /^[a-z]+$/.test(arg) ? { kind: 'pick', group: arg } : undefined;
  if (verb === 'helpful' || verb === 'not-helpful')
    return FEEDBACK_REF.test(arg) ? { kind: 'feedback', value: verb, ref: arg } : undefined;
  // An id of the right shape; whether the knowledge base still has it is the core's to say.
  if (!TOPIC_ID_PATTERN.test(arg)) return undefined;
  if (verb === 'topic') return { kind: 'topic', topic: arg };
  if (FOLLOW_UPS.has(verb)) return { kind: 'followUp', followUp: verb as FollowUpKind, topic: arg };
  return undefined;
}
