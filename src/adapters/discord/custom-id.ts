import { type CitationStyle, isCitationStyle } from '../../core/citations/styles.js';
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
 *   pb:share:<ref>           "Share" on a private answer: the answer kept whole under <ref> (see
 *                            state/kept-answers.ts), posted as it was for everyone
 *   pb:sharecite:apa:<key>   "Share" on a private citation: the topic or source id, cited in that style
 *   pb:bib:x                 the conversation's bibliography (the presser's conversation in the
 *                            channel: their own, whoever's answer the button is under)
 *   pb:citepick:x            "Not this one?": a select menu whose chosen value is the topic to cite
 *   pb:ask:apa:1             the /ask modal: the style chosen ("default" for the person's own) and
 *                            whether the answer is private (1) or for the channel (0)
 */
export type ComponentAction =
  | { readonly kind: 'followUp'; readonly followUp: FollowUpKind; readonly topic: IntentId }
  | { readonly kind: 'topic'; readonly topic: IntentId }
  | { readonly kind: 'pick'; readonly group: string }
  | { readonly kind: 'feedback'; readonly value: FeedbackValue; readonly ref: string }
  | { readonly kind: 'share'; readonly ref: string }
  | { readonly kind: 'shareCitation'; readonly style: CitationStyle; readonly key: string }
  | { readonly kind: 'citePick' }
  | { readonly kind: 'bibliography' }
  | { readonly kind: 'askModal'; readonly style: CitationStyle | undefined; readonly private: boolean };

/** A source id, or a topic id: what a citation's Share carries (never a person's words). */
const CITE_KEY = /^[a-z0-9][a-z0-9.-]*$/;

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
    case 'share':
      return `${PREFIX}:share:${action.ref}`;
    case 'shareCitation':
      return `${PREFIX}:sharecite:${action.style}:${action.key}`;
    case 'citePick':
      return `${PREFIX}:citepick:x`;
    case 'bibliography':
      return `${PREFIX}:bib:x`;
    case 'askModal':
      return `${PREFIX}:ask:${action.style ?? 'default'}:${action.private ? 1 : 0}`;
  }
}

/** Whether a citation's key fits a custom_id (ids do; a publisher's name in words does not). */
export function isCiteKey(key: string): boolean {
  return CITE_KEY.test(key) && key.length <= 60;
}

/** The action a custom_id names, or undefined for one this bot did not make (or an older version did). */
export function decodeAction(customId: string): ComponentAction | undefined {
  const [prefix, verb, arg, ...rest] = customId.split(':');
  if (prefix !== PREFIX || verb === undefined || arg === undefined) return undefined;
  if (rest.length === 1) return twoArgs(verb, arg, rest[0] ?? '');
  if (rest.length > 0) return undefined;
  if (verb === 'citepick') return arg === 'x' ? { kind: 'citePick' } : undefined;
  if (verb === 'bib') return arg === 'x' ? { kind: 'bibliography' } : undefined;
  if (verb === 'pick') return /^[a-z]+$/.test(arg) ? { kind: 'pick', group: arg } : undefined;
  if (verb === 'helpful' || verb === 'not-helpful')
    return FEEDBACK_REF.test(arg) ? { kind: 'feedback', value: verb, ref: arg } : undefined;
  // A Share from before answers were kept (pb:share:<view>:<topic>) has two arguments: stale.
  if (verb === 'share') return FEEDBACK_REF.test(arg) ? { kind: 'share', ref: arg } : undefined;
  // An id of the right shape; whether the knowledge base still has it is the core's to say.
  if (!TOPIC_ID_PATTERN.test(arg)) return undefined;
  if (verb === 'topic') return { kind: 'topic', topic: arg };
  if (FOLLOW_UPS.has(verb)) return { kind: 'followUp', followUp: verb as FollowUpKind, topic: arg };
  return undefined;
}

function twoArgs(verb: string, first: string, second: string): ComponentAction | undefined {
  switch (verb) {
    case 'sharecite':
      return isCitationStyle(first) && isCiteKey(second)
        ? { kind: 'shareCitation', style: first, key: second }
        : undefined;
    case 'ask':
      if (second !== '0' && second !== '1') return undefined;
      if (first !== 'default' && !isCitationStyle(first)) return undefined;
      return { kind: 'askModal', style: first === 'default' ? undefined : first, private: second === '1' };
    default:
      return undefined;
  }
}
