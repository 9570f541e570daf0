import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/core/pipeline/decision.js';
import { arbitrate } from '../../src/core/pipeline/decide.js';
import { PRECEDENCE, READING_NAMES, type ReadingName } from '../../src/core/pipeline/precedence.js';
import type { Prediction } from '../../src/core/pipeline/prediction.js';

/** The arbiter alone, on predictions made up for the purpose: no model, no question. */
const on = (topic: string, view: 'summary' | 'detail' = 'summary'): Decision => ({
  kind: 'answer',
  topic,
  view,
  confidence: 0.9,
});
const decline: Decision = { kind: 'decline', reason: { code: 'out-of-scope' }, nearest: [], confidence: 1 };

function run(
  made: Partial<Record<ReadingName, Prediction>>,
  options: { threshold?: number; inConversation?: boolean } = {},
) {
  const read: ReadingName[] = [];
  const result = arbitrate(
    (name) => {
      read.push(name);
      return (
        made[name] ??
        (name === 'out-of-scope'
          ? { decision: decline, probability: 1, reason: 'otherwise' }
          : { probability: 0, reason: 'nothing' })
      );
    },
    options.threshold ?? 0.5,
    options.inConversation ?? false,
  );
  return { ...result, read };
}

describe('the arbiter', () => {
  it('gates the clause that asks as a question of its own, a preamble only surely', () => {
    const asking = { decision: on('threat.ransomware'), probability: 0.3, scope: 0.6, reason: 'asks' };
    expect(run({ clause: { ...asking, asks: true } }).reading).toBe('clause');
    // The same probability from a clause that does not ask is under its gate; so is an asking
    // clause out of scope.
    expect(run({ clause: asking }).reading).toBe('out-of-scope');
    expect(run({ clause: { ...asking, asks: true, scope: 0.4 } }).reading).toBe('out-of-scope');
    // Raising the threshold raises the asking gate with it.
    expect(run({ clause: { ...asking, asks: true } }, { threshold: 0.7 }).reading).toBe('out-of-scope');
  });

  it('has one rule per reading, in the order of READING_NAMES, and the last always decides', () => {
    expect(PRECEDENCE.map((r) => r.reading)).toEqual([...READING_NAMES]);
    expect(PRECEDENCE.at(-1)?.gate).toBeNull();
  });

  it('picks the first reading whose prediction passes its gate, and reads none after it', () => {
    const won = run({
      limit: { decision: decline, probability: 1, reason: 'a limit' },
      topic: { decision: on('threat.drugs'), probability: 0.99, scope: 0.99, reason: 'drugs' },
    });
    expect(won.reading).toBe('limit');
    expect(won.read).not.toContain('topic');
    expect(won.steps.at(-1)).toEqual({ step: 'limit', outcome: 'decided', reason: 'a limit' });
  });

  it('gates the topic head on both its confidence and its scope, each a share of the threshold', () => {
    const topic = (probability: number, scope: number): Prediction => ({
      decision: on('threat.drugs'),
      probability,
      scope,
      reason: 'drugs',
    });
    expect(run({ topic: topic(0.3, 0.6) }).reading).toBe('topic');
    expect(run({ topic: topic(0.3, 0.4) }).reading).toBe('out-of-scope');
    expect(run({ topic: topic(0.2, 0.9) }).reading).toBe('out-of-scope');
    // Raising the threshold raises both gates.
    expect(run({ topic: topic(0.3, 0.6) }, { threshold: 0.7 }).reading).toBe('out-of-scope');
    expect(run({ topic: topic(0.36, 0.7) }, { threshold: 0.7 }).reading).toBe('topic');
  });

  it('lowers the follow-up gate in a conversation only for a question that leans on it', () => {
    const followUp: Prediction = {
      decision: on('threat.fraud', 'detail'),
      probability: 0.3,
      leans: true,
      reason: 'more',
    };
    expect(run({ 'follow-up': followUp }).reading).toBe('out-of-scope');
    expect(run({ 'follow-up': followUp }, { inConversation: true }).reading).toBe('follow-up');
    expect(run({ 'follow-up': { ...followUp, leans: false } }, { inConversation: true }).reading).toBe(
      'out-of-scope',
    );
  });

  it('lets a follow-up stand aside for the bot when the bot is surer and passes its own gate', () => {
    const followUp: Prediction = { decision: on('threat.fraud', 'detail'), probability: 0.6, reason: 'more' };
    const bot = (probability: number): Prediction => ({
      decision: { kind: 'bot', intent: 'bot.help', confidence: probability },
      probability,
      reason: 'help',
    });
    expect(run({ 'follow-up': followUp, bot: bot(0.9) }).reading).toBe('bot');
    expect(run({ 'follow-up': followUp, bot: bot(0.55) }).reading).toBe('follow-up');
  });

  it('lets the mostly-unknown decline stand aside for a sure follow-up, only in a conversation', () => {
    const made = {
      'mostly-unknown': { decision: decline, probability: 1, reason: 'words of its own' },
      'follow-up': { decision: on('threat.fraud', 'detail'), probability: 0.97, reason: 'more' },
    };
    expect(run(made).reading).toBe('mostly-unknown');
    expect(run(made, { inConversation: true }).reading).toBe('follow-up');
  });

  it("answers the bot's own intents under the threshold when the model's lead is plain", () => {
    const bot: Prediction = {
      decision: { kind: 'bot', intent: 'bot.thanks', confidence: 0.3 },
      probability: 0.3,
      lead: 0.8,
      reason: 'thanks',
    };
    expect(run({ bot }).reading).toBe('bot');
    expect(run({ bot: { ...bot, lead: 0.2 } }).reading).toBe('out-of-scope');
    expect(run({ bot: { ...bot, probability: 0.2 } }).reading).toBe('out-of-scope');
  });

  it('traces every reading it read, the winner last', () => {
    const won = run({
      topic: { decision: on('threat.drugs'), probability: 0.2, scope: 0.9, reason: 'drugs' },
    });
    expect(won.steps.map((s) => s.step)).toEqual(READING_NAMES.filter((r) => r !== 'fact'));
    expect(won.steps.find((s) => s.step === 'topic')?.reason).toMatch(/under its gate/);
  });
});
