import type { AskContext } from './answer.js';

/**
 * Feedback on an answer, as every surface offers it: two buttons under an answer (Slack, Discord)
 * or /good and /bad (the terminal). The click carries only the answer's `ref`; the serving layer
 * (ops/service.ts) records what that answer was. Platform-neutral like Action: adapters render it.
 */

/** What a person says of an answer with its buttons (or /good and /bad in the terminal). */
export type FeedbackValue = 'helpful' | 'not-helpful';

/** Recorded; already recorded (this person's second click); or the answer is no longer remembered. */
export type FeedbackResult = 'recorded' | 'again' | 'unknown';

export const FEEDBACK_VALUES: readonly FeedbackValue[] = ['helpful', 'not-helpful'];

export const FEEDBACK_LABELS: Readonly<Record<FeedbackValue, string>> = {
  helpful: 'Helpful',
  'not-helpful': 'Not helpful',
};

/** The acknowledgement every surface shows, privately, to the person who clicked. */
export function feedbackReply(value: FeedbackValue, result: FeedbackResult): string {
  if (result === 'unknown')
    return 'Thanks. That answer is too old to mark now (answers are remembered for a day): ask again to mark the new one.';
  if (result === 'again') return 'Already noted, thanks.';
  return value === 'helpful'
    ? 'Thanks, noted.'
    : 'Thanks, noted: the curators will see this question and the answer it got.';
}

/** The kinds of answer worth a mark: a topic answered, or a decline that perhaps should not have been. */
export function takesFeedback(answer: { readonly kind: string; readonly ref?: string }): boolean {
  return answer.ref !== undefined && (answer.kind === 'answer' || answer.kind === 'decline');
}

/** What adapters call with a click; the serving layer implements it. */
export interface FeedbackPort {
  feedback(ref: string, value: FeedbackValue, context: AskContext): Promise<FeedbackResult>;
}

/** An answer's reference as buttons carry it back: the serving layer's request id (a UUID). */
export const FEEDBACK_REF = /^[0-9a-f-]{8,64}$/;
