import { type AskContext, type FeedbackPort, feedbackReply, type PolicyAssistant } from '../../core/index.js';
import type { KeptAnswers } from '../../state/kept-answers.js';
import { citeKey } from '../cite-this.js';
import { citeThisMessage } from './cite-this.js';
import { decodeAction } from './custom-id.js';
import { isContentTopic } from './knowledge.js';
import { noticeMessage, type ReplyMessage } from './render.js';
import { answerReply, sharedAnswer } from './share.js';

export interface ComponentPress {
  readonly customId: string;
  /** A select menu's chosen values; empty for a button. */
  readonly values: readonly string[];
  /** Whether the message pressed on was ephemeral: the answer stays as private as its question. */
  readonly ephemeral: boolean;
}

const STALE = 'That control is from an older version of me. Please ask again with /ask.';

/**
 * Whether the reply to a press is private: pressed on a private message, a mark only its author
 * sees, or the presser's own bibliography; but never a Share, whose point is that everyone sees it.
 */
export function privatePress(press: ComponentPress): boolean {
  const kind = decodeAction(press.customId)?.kind;
  if (kind === 'share' || kind === 'shareCitation') return false;
  return press.ephemeral || kind === 'feedback' || kind === 'bibliography';
}

export interface ComponentContext {
  readonly assistant: PolicyAssistant;
  readonly ask: AskContext;
  readonly feedback?: FeedbackPort;
  /** Private answers, whole, under their reference: what "Share" posts. */
  readonly kept: KeptAnswers;
}

/**
 * A button or menu press: a new message continuing the topic the custom_id names, or for
 * "Helpful" / "Not helpful" a private acknowledgement (the answer itself is left as it was).
 */
export async function handleComponent(
  press: ComponentPress,
  { assistant, ask, feedback, kept }: ComponentContext,
): Promise<ReplyMessage> {
  const action = decodeAction(press.customId);
  if (action === undefined || action.kind === 'askModal') return noticeMessage(STALE);
  switch (action.kind) {
    // "Share" on a private answer: that answer as it was given, for everyone.
    case 'share':
      return sharedAnswer(action.ref, kept);
    // The presser's conversation here (the channel and them): every source it cited, with its files.
    case 'bibliography':
      // Privately: it is the presser's own list, whoever's answer the button is under (Share posts it).
      return answerReply(await assistant.showBibliography(ask), true, kept);
    case 'feedback': {
      const result =
        feedback === undefined ? 'unknown' : await feedback.feedback(action.ref, action.value, ask);
      return noticeMessage(feedbackReply(action.value, result), true);
    }
    // "Share" on a private citation: cited again from the key and style it carries, for everyone.
    case 'shareCitation': {
      const outcome = await citeKey(assistant, action.key, action.style, ask);
      if (outcome.kind !== 'cited') return noticeMessage(STALE);
      return citeThisMessage(outcome, assistant, { ephemeral: false });
    }
    // "Not this one?": the topic picked, cited in the person's style, privately again.
    case 'citePick': {
      const topic = press.values[0];
      if (topic === undefined || !isContentTopic(assistant, topic)) return noticeMessage(STALE);
      return citeThisMessage(await citeKey(assistant, topic, undefined, ask), assistant, { ephemeral: true });
    }
    default:
      break;
  }
  const topic = action.kind === 'pick' ? press.values[0] : action.topic;
  // A topic a reload removed, or a forged id: the control is stale.
  if (topic === undefined || !isContentTopic(assistant, topic)) return noticeMessage(STALE);
  const answer =
    action.kind === 'followUp'
      ? await assistant.followUp(action.followUp, topic, ask)
      : await assistant.showTopic(topic, ask);
  return answerReply(answer, press.ephemeral, kept);
}
