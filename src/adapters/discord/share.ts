import { randomUUID } from 'node:crypto';
import type { Answer } from '../../core/index.js';
import type { KeptAnswers } from '../../state/kept-answers.js';
import { answerMessage, noticeMessage, type ReplyMessage } from './render.js';

/**
 * A private answer can be shared: it is kept whole under its reference (the serving layer's, or
 * one of its own where there is none), which its Share button carries. A public answer, or a
 * refusal of the rate limit, has nothing to share.
 */
export async function answerReply(
  answer: Answer,
  ephemeral: boolean,
  kept: KeptAnswers,
): Promise<ReplyMessage> {
  if (!ephemeral || answer.kind === 'rate-limited') return answerMessage(answer, ephemeral);
  const ref = answer.ref ?? randomUUID();
  await kept.keep(ref, answer);
  return answerMessage(answer, true, { shareRef: ref });
}

/** Said, to the person alone, when the answer a Share names is no longer kept. */
export const EXPIRED_SHARE =
  'That answer is no longer kept (answers can be shared for a day after they are given), so I cannot share it as it was. Ask again with /ask and share the new answer.';

/**
 * "Share": the answer kept under `ref`, exactly as it was given (its style, every quote, a decline
 * as a decline; nothing is asked again), for everyone. Gone (kept a day): said privately instead.
 */
export async function sharedAnswer(ref: string, kept: KeptAnswers): Promise<ReplyMessage> {
  const answer = await kept.find(ref);
  return answer === undefined ? noticeMessage(EXPIRED_SHARE, true) : answerMessage(answer, false);
}
