import type { AskContext, PolicyAssistant } from '../../core/index.js';
import { decodeAction } from './custom-id.js';
import { followUpAnswer, isContentTopic, topicAnswer } from './knowledge.js';
import { answerMessage, noticeMessage, type ReplyMessage } from './render.js';

export interface ComponentPress {
  readonly customId: string;
  /** A select menu's chosen values; empty for a button. */
  readonly values: readonly string[];
  /** Whether the message pressed on was ephemeral: the answer stays as private as its question. */
  readonly ephemeral: boolean;
}

const STALE = 'That control is from an older version of me. Please ask again with /ask.';

/** A button or menu press: a new message continuing the topic the custom_id names. */
export function handleComponent(
  press: ComponentPress,
  assistant: PolicyAssistant,
  ask: AskContext,
): ReplyMessage {
  const action = decodeAction(press.customId);
  if (action === undefined) return noticeMessage(STALE);
  switch (action.kind) {
    case 'followUp':
      return answerMessage(followUpAnswer(assistant, action.followUp, action.topic, ask), press.ephemeral);
    case 'topic':
      return answerMessage(topicAnswer(assistant, action.topic, ask), press.ephemeral);
    case 'pick': {
      const picked = press.values[0];
      if (picked === undefined || !isContentTopic(assistant.knowledgeBase, picked))
        return noticeMessage(STALE);
      return answerMessage(topicAnswer(assistant, picked, ask), press.ephemeral);
    }
  }
}
