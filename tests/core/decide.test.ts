import { describe, expect, it } from 'vitest';
import { assistant } from '../support/assistant.js';

const bot = assistant();

/** Each step of the decision, by a question it decides: the step, the kind, the intent and the follow-up. */
const TABLE: readonly [
  question: string,
  previous: string | undefined,
  step: string,
  kind: string,
  intent: string,
  followUp: string | null,
][] = [
  ['x'.repeat(600), undefined, 'too-long', 'decline', 'fallback', null],
  ['<@U123> :wave:', undefined, 'empty', 'clarify', 'fallback', null],
  // A training phrase word for word outranks every rule (this one says "funding").
  ['what can you do', 'threat.drugs', 'exact-phrase', 'bot', 'bot.help', null],
  ['tell me more', 'threat.drugs', 'exact-phrase', 'answer', 'threat.drugs', 'more'],
  ['tell me more', undefined, 'exact-phrase', 'clarify', 'fallback', null],
  ['how many overdose deaths did fentanyl cause in 2023', undefined, 'limit', 'decline', 'fallback', null],
  ['which page of the ata has the ransomware line', undefined, 'limit', 'decline', 'fallback', null],
  ['cite the fifa corruption scandal', 'threat.drugs', 'mostly-unknown', 'decline', 'fallback', null],
  ['tell me more about the canada one', 'threat.drugs', 'follow-up', 'answer', 'solution.canada', 'more'],
  [
    'so what should we do about that',
    'threat.ransomware',
    'follow-up',
    'answer',
    'threat.ransomware',
    'solutions',
  ],
  ['whats on the fix list', undefined, 'follow-up', 'answer', 'solution.overview', null],
  // Words that say nothing of their own, with nothing before: the question back, not a list.
  ['what?', undefined, 'follow-up', 'clarify', 'fallback', null],
  ['cite that in mla', 'threat.fraud', 'follow-up', 'answer', 'threat.fraud', 'source'],
  // A source named outright is the one cited, not the list whose words are nearest.
  // …in the style named: its reference (a source's own answer otherwise).
  ['chicago cite for the 1787 page', undefined, 'topic', 'answer', 'source.1787', 'source'],
  // The style is read from the words typed, every other reading from the rest: one version of the question.
  ['is the ata in apa format', undefined, 'topic', 'answer', 'source.ata', 'source'],
  ['fentanly coming across the southern border', undefined, 'topic', 'answer', 'threat.drugs', null],
  ['good morning bot, you there?', undefined, 'bot', 'bot', 'bot.greeting', null],
  // A preamble drowns the ask in words of its own; the clause that asks, read alone, names the topic.
  [
    "I'm prepping the senator for a visit to Buffalo and Niagara Falls next week. What does 1787 suggest about working with Canadian authorities?",
    undefined,
    'clause',
    'answer',
    'solution.canada',
    null,
  ],
  // No topic is sure of it, but it asks for something: the conversation's topic, continued.
  [
    'and how should washington handle it',
    'threat.ransomware',
    'continuation',
    'answer',
    'threat.ransomware',
    'solutions',
  ],
  ['best ski resorts in vermont', undefined, 'mostly-unknown', 'decline', 'fallback', null],
  // Surely out of scope as a whole: no clause that shares a word with a topic rescues it.
  [
    'how do i set up a swot analysis, what counts as a threat?',
    undefined,
    'out-of-scope',
    'decline',
    'fallback',
    null,
  ],
  ['penalty kicks in the canada mexico match', undefined, 'out-of-scope', 'decline', 'fallback', null],
];

describe('the decision, step by step', () => {
  it.each(TABLE)('%s (after %s) is decided by %s', (question, previous, step, kind, intent, followUp) => {
    const answer = bot.answerNow(question, previous);
    expect({
      step: answer.trace.decidedBy,
      kind: answer.kind,
      intent: answer.intent,
      followUp: answer.followUp,
    }).toEqual({ step, kind, intent, followUp });
    // The steps before the one that decided passed; it alone decided.
    const verdicts = answer.trace.steps;
    const at = verdicts.findIndex((v) => v.step === step);
    expect(verdicts.slice(0, at).every((v) => v.outcome === 'passed')).toBe(true);
    expect(verdicts[at]?.outcome).toBe('decided');
    expect(verdicts.every((v) => v.reason.length > 0)).toBe(true);
  });

  it('declines a limit with its reason from content/limits.yaml, and offers the nearest topics', () => {
    const answer = bot.answerNow('what is INL’s budget this year');
    expect(answer.text).toContain("I don't hold figures, budgets or statistics");
    expect(answer.actions.map((a) => a.kind === 'topic' && a.topic)).toContain('solution.inl');
  });
});
