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
