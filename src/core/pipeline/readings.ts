import type { ReadingName } from './precedence.js';
import type { Prediction, ReadingInput } from './prediction.js';
import { bibliography } from './readings/bibliography.js';
import { continuation, followUp } from './readings/follow-up.js';
import { empty, exactPhrase, fact, limit, mostlyUnknown, outOfScope, tooLong } from './readings/rules.js';
import { bot, clause, self, topic } from './readings/topic.js';

/** Every reading by name: each a pure function of the question's reading and the conversation. */
export const READINGS: Readonly<Record<ReadingName, (input: ReadingInput) => Prediction>> = {
  'too-long': tooLong,
  empty,
  'exact-phrase': exactPhrase,
  bibliography,
  limit,
  fact,
  self,
  'mostly-unknown': mostlyUnknown,
  'follow-up': followUp,
  topic,
  bot,
  clause,
  continuation,
  'out-of-scope': outOfScope,
};
