import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionFrom } from '../../src/adapters/slack/events.js';
import { fromSlack } from '../../src/adapters/slack/mrkdwn.js';
import { parseSlashCommand } from '../../src/adapters/slack/command.js';
import { stripChatMarkup } from '../../src/core/text/markup.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { AssistantService } from '../../src/ops/service.js';
import { userHasher } from '../../src/ops/user-hash.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { MemoryStateStore } from '../../src/state/memory/store.js';
import { assistant } from '../support/assistant.js';

// 100,000-character strings built from the pieces that made the old patterns backtrack (an
// unclosed "<http…|", "<@U…|", ":" and a run of letters, "**", "&lt;") and from plain runs, fed
// to every entry: each must come back in milliseconds. Time bounds are generous on purpose (a
// busy machine); the quadratic versions took seconds on a third of this length.
const LENGTH = 100_000;
const PIECES = [
  ':',
  'a',
  'abcdefghij',
  '<',
  '>',
  '|',
  '<http://x',
  '<https:',
  '<@U',
  '<@UBOT|',
  '<#C1|',
  '<!',
  '<a:',
  '<t:1',
  '**',
  '_',
  '&lt;',
  '&amp;',
  ' ',
  '1',
  ':1',
  '\u200b',
  'é',
  '👩‍💻',
  'moneylaundering',
  'https://',
  '@here',
  '.',
];

const adversarial = fc
  .array(
    fc.record({
      piece: fc.constantFrom(...PIECES),
      times: fc.integer({ min: 1, max: LENGTH }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((runs) => {
    let text = '';
    for (let i = 0; text.length < LENGTH; i++) {
      const { piece, times } = runs[i % runs.length] as { piece: string; times: number };
      text += piece.repeat(Math.min(times, Math.ceil((LENGTH - text.length) / piece.length)));
    }
    return text.slice(0, LENGTH);
  });

/** The worst cases found by hand, always run. */
const KNOWN = [
  `:${'a'.repeat(LENGTH - 1)}`,
  '<https://x|'.repeat(LENGTH / 11),
  '<@UBOT|'.repeat(LENGTH / 7),
  '<@U|'.repeat(LENGTH / 4),
  'm'.repeat(LENGTH),
  '**a'.repeat(LENGTH / 3),
];

const BOUND_MS = 250;
const bot = assistant();
const service = new AssistantService({
  assistant: bot,
  logger: silentLogger,
  metrics: createMetrics({ defaultMetrics: false }),
  hashUser: userHasher('a test key of sixteen+ characters'),
  limiter: new MemoryStateStore().rateLimit({ capacity: 1_000_000, refillPerMinute: 60 }),
  limits: { capacity: 1_000_000, refillPerMinute: 60 },
});

async function timed(what: string, work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  if (ms > BOUND_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  return ms;
}

/** Every entry a person's text reaches, through the port and the platforms' own parsing. */
async function everyEntry(text: string): Promise<void> {
  const who = { platform: 'slack', user: 'U0001' };
  await timed('ask', async () => expect((await bot.ask(text)).trace.decidedBy).toBe('too-long'));
  await timed('service ask', () => service.ask(text, who));
  await timed('cite', async () => expect((await bot.cite(text)).kind).toBe('none'));
  await timed('service cite', () => service.cite(text, undefined, who));
  await timed('findTopics', () => expect(bot.findTopics(text)).toEqual([]));
  await timed('service findTopics', () => service.findTopics(text, 25, who));
  await timed('answerNow', () => bot.answerNow(text));
  // Beneath the cap, uncapped: the patterns themselves are linear.
  await timed('normalize', () => bot.classifier.normalizer.normalize(text));
  await timed('stripChatMarkup', () => stripChatMarkup(text));
  await timed('fromSlack', () => fromSlack(text));
  await timed('questionFrom', () => questionFrom(text, 'UBOT'));
  await timed('questionFrom without the bot id', () => questionFrom(text, undefined));
  await timed('parseSlashCommand', () => parseSlashCommand(`cite ${text}`));
}

describe('text handling is linear: 100,000 adversarial characters at every entry answer in milliseconds', () => {
  it.each(KNOWN.map((text) => [text.slice(0, 12), text] as const))('%s…', async (_name, text) => {
    await everyEntry(text);
  });

  it('holds for generated strings', async () => {
    await fc.assert(fc.asyncProperty(adversarial, everyEntry), { numRuns: 40 });
  }, 60_000);

  it('still reads what markup hides: links, mentions, emoji and times', () => {
    expect(
      stripChatMarkup('<https://dni.gov|the report> on :pill: fentanyl at 10:30 <@U1|ana>').trim(),
    ).toMatch(/^the report\s+on\s+fentanyl at 10:30\s*$/);
    expect(stripChatMarkup(':+1: ok :smile_cat:').trim()).toBe('ok');
  });

  it('goes through the rate limit for cite and autocomplete', async () => {
    const strict = new AssistantService({
      assistant: bot,
      logger: silentLogger,
      hashUser: userHasher('a test key of sixteen+ characters'),
      limiter: new MemoryStateStore().rateLimit({ capacity: 1, refillPerMinute: 1 }),
      limits: { capacity: 1, refillPerMinute: 1 },
    });
    const ana = { platform: 'discord', user: 'U-ana' };
    expect((await strict.cite('ransomware', undefined, ana)).kind).toBe('topic');
    const limited = await strict.cite('ransomware', undefined, ana);
    expect(limited).toMatchObject({ kind: 'rate-limited' });
    expect(limited.kind === 'rate-limited' && limited.text).toMatch(/try again in/);
    // Someone else is not slowed.
    expect((await strict.cite('ransomware', undefined, { platform: 'discord', user: 'U-bo' })).kind).toBe(
      'topic',
    );
    // Autocomplete: ten times the questions' bucket, then nothing until it refills.
    const typed = Array.from({ length: 12 }, () => strict.findTopics('ranso', 25, ana).length);
    expect(typed.slice(0, 10).every((n) => n > 0)).toBe(true);
    expect(typed.slice(10)).toEqual([0, 0]);
  });
});
