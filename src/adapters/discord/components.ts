import { type AskContext, type FeedbackPort, feedbackReply, type PolicyAssistant } from '../../core/index.js';
import { decodeAction } from './custom-id.js';
import { isContentTopic } from './knowledge.js';
import { answerMessage, noticeMessage, type ReplyMessage } from './render.js';

export interface ComponentPress {
  readonly customId: string;
  /** A select menu's chosen values; empty for a button. */
  readonly values: readonly string[];
  /** Whether the message pressed on was ephemeral: the answer stays as private as its question. */
  readonly ephemeral: boolean;
}

const STALE = 'That control is from an older version of me. Please ask again with /ask.';

/** Whether the reply to a press is private: pressed on a private message, or a mark only its author sees. */
export function privatePress(press: ComponentPress): boolean {
  return press.ephemeral || decodeAction(press.customId)?.kind === 'feedback';
}

/**
 * A button or menu press: a new message continuing the topic the custom_id names, or for
 * "Helpful" / "Not helpful" a private acknowledgement (the answer itself is left as it was).
 */
export async function handleComponent(
  press: ComponentPress,
  assistant: PolicyAssistant,
  ask: AskContext,
  feedback?: FeedbackPort,
): Promise<ReplyMessage> {
  const action = decodeAction(press.customId);
  if (action === undefined) return noticeMessage(STALE);
  if (action.kind === 'feedback') {
    const result =
      feedback === undefined ? 'unknown' : await feedback.feedback(action.ref, action.value, ask);
    return noticeMessage(feedbackReply(action.value, result), true);
  }
  const topic = action.kind === 'pick' ? press.values[0] : action.topic;
  // A topic a reload removed, or a forged id: the control is stale.
  if (topic === undefined || !isContentTopic(assistant, topic)) return noticeMessage(STALE);
  const answer =
    action.kind === 'followUp'
      ? await assistant.followUp(action.followUp, topic, ask)
      : await assistant.showTopic(topic, ask);
  return answerMessage(answer, press.ephemeral);
}
