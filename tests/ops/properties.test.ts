import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeUserText } from '../../src/adapters/discord/escape.js';
import { callbackData } from '../../src/adapters/discord/interactions.js';
import { answerMessage } from '../../src/adapters/discord/render.js';
import { quoteUserWords } from '../../src/adapters/slack/mrkdwn.js';
import { renderAnswer } from '../../src/adapters/slack/render.js';
import type { Answer } from '../../src/core/index.js';
import { assistant, knowledgeBase } from '../support/assistant.js';

const bot = assistant();

/** Everything a chat client would turn into a ping or a link if it came back unescaped. */
const MENTIONS = [
  '@everyone',
  '@here',
  '@channel',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123|@team>',
  '<@U0123ABCD>',
  '<@W0123ABCD|ana>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#C0123ABCD|general>',
  '<#123456789012345678>',
  '</ask:123456789012345678>',
  '<https://evil.example|click me>',
  '[click](https://evil.example)',
];
const MARKUP = [
  '**',
  '__',
  '_',
  '*',
  '`',
  '```',
  '~~',
  '||',
  '> ',
  '# ',
  '-# ',
  '\n',
  '<',
  '>',
  '&',
  '&amp;',
  '|',
  '\\',
];

/** Any Unicode, lone surrogates and control characters included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
const words = fc.constantFrom(
  'fentanyl',
  'ransomware',
  'what does the report say about',
  'source?',
  'tell me more',
  'cartels',
  'weather',
  'INL',
);
const markupLaden = fc
  .array(fc.oneof(fc.constantFrom(...MENTIONS), fc.constantFrom(...MARKUP), words, anyText), {
    maxLength: 25,
  })
  .map((parts) => parts.join(' '));
const huge = fc
  .tuple(fc.integer({ min: 400, max: 20_000 }), fc.string({ maxLength: 20 }))
  .map(([n, s]) => s.repeat(Math.ceil(n / Math.max(1, s.length))).padEnd(n, 'x'));
const anyQuestion = fc.oneof(anyText, markupLaden, huge, fc.constantFrom('', ' ', '\u200b', '\u0000'));

function expectValid(answer: Answer): void {
  expect(knowledgeBase().topics.has(answer.intent)).toBe(true);
  if (answer.confidence !== null) {
    expect(answer.confidence).toBeGreaterThanOrEqual(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
  }
  expect(typeof answer.title).toBe('string');
  expect(answer.title.length).toBeGreaterThan(0);
  expect(answer.text.length).toBeGreaterThan(0);
  expect(
    Array.isArray(answer.citations) && Array.isArray(answer.related) && Array.isArray(answer.suggestions),
  ).toBe(true);
}

/** No mention survives: not Slack's <@…>/<!…>/<#…>, not Discord's, not a bare @everyone/@here/@channel. */
function expectNoMention(text: string): void {
  expect(text).not.toMatch(/<[@#!/]/);
  expect(text).not.toMatch(/@(everyone|here|channel)\b/i);
  expect(text).not.toContain('evil.example');
}

const RUNS = { numRuns: 250 };

describe('ask never throws, always answers validly, never echoes a mention', () => {
  it('on arbitrary Unicode, huge, empty and markup-laden input', async () => {
    await fc.assert(
      fc.asyncProperty(anyQuestion, async (question) => {
        const answer = await bot.ask(question, { conversationId: 'prop', platform: 'test' });
        expectValid(answer);
        expectNoMention(JSON.stringify(answer));
      }),
      RUNS,
    );
  });

  it('after any topic too (a conversation), and the pipeline alone agrees with the port', async () => {
    const topics = bot.topics().map((t) => t.intent);
    await fc.assert(
      fc.asyncProperty(anyQuestion, fc.constantFrom(...topics), async (question, topic) => {
        await bot.remember(topic, { conversationId: 'after-topic' });
        const answer = await bot.ask(question, { conversationId: 'after-topic' });
        expectValid(answer);
        expectNoMention(JSON.stringify(answer));
        expect(bot.answerNow(question, topic).intent).toBe(answer.intent);
      }),
      { numRuns: 100 },
    );
  });
});

describe('what a user typed is inert wherever an adapter shows it', () => {
  it('Slack: the asked question in a shared answer pings no one and forms no link', () => {
    fc.assert(
      fc.property(anyQuestion, (question) => {
        const quoted = quoteUserWords(question);
        expect(quoted).not.toMatch(/<|>/);
        expect(quoted).not.toMatch(/@(everyone|here|channel)\b/i);
        const message = renderAnswer(bot.answerNow(question), { asked: question, shareQuestion: question });
        const shown = JSON.stringify(message.blocks.filter((b) => b.type !== 'actions'));
        expect(shown).not.toMatch(/<[@#!]/);
        expect(shown).not.toMatch(/@(everyone|here|channel)\b/i);
      }),
      RUNS,
    );
  });

  it('Discord: escaped words neither ping nor format, and replies allow no mentions', () => {
    fc.assert(
      fc.property(anyQuestion, (question) => {
        const escaped = escapeUserText(question);
        expect(escaped).not.toMatch(/<[@#/]|<t:/);
        expect(escaped).not.toMatch(/@(everyone|here)\b/i);
        // Every Markdown character is escaped: none is left bare.
        expect(escaped.replace(/\\./g, '')).not.toMatch(/[*_~`|>#[\]()<:-]/);
        const data = callbackData(answerMessage(bot.answerNow(question), false));
        expect(data.allowed_mentions).toEqual({ parse: [] });
        expectNoMention(JSON.stringify(data.embeds));
      }),
      RUNS,
    );
  });
});
