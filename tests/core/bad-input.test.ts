import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/index.js';
import { assistant, knowledgeBase } from '../support/assistant.js';

const bot = assistant();

function expectValid(answer: Answer): void {
  expect(knowledgeBase().topics.has(answer.intent)).toBe(true);
  if (answer.confidence !== null) {
    expect(answer.confidence).toBeGreaterThanOrEqual(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
  }
  expect(answer.title.length).toBeGreaterThan(0);
  expect(answer.text.length).toBeGreaterThan(0);
}

describe('bad input gets a clear message and never an exception', () => {
  it('an empty or blank question asks for one', async () => {
    for (const q of ['', '   ', '\n\t', '???', '<@U123>', ':thumbsup:']) {
      const answer = await bot.ask(q);
      expectValid(answer);
      expect(answer).toMatchObject({ kind: 'clarify', intent: 'fallback' });
      expect(answer.text).toContain('I did not catch a question');
    }
  });

  it('a huge question is declined unread, saying the limit', async () => {
    const answer = await bot.ask(`fentanyl ${'x'.repeat(10_000)}`);
    expect(answer).toMatchObject({ kind: 'decline', intent: 'fallback' });
    expect(answer.trace.decidedBy).toBe('too-long');
    expect(answer.text).toContain('please ask in 500 characters or fewer');
  });

  it('binary noise, control characters and odd Unicode are answered safely', async () => {
    const inputs = [
      '\u0000\u0001\u0002\u001b[31mfentanyl\u001b[0m',
      String.fromCharCode(...Array.from({ length: 200 }, (_, i) => i)),
      '\uD800 lone surrogate fentanyl',
      'ｆｅｎｔａｎｙｌ',
      'فنتانيل 芬太尼 fentanyl 🧪',
      'f\u200Be\u200Bn\u200Bt\u200Ba\u200Bn\u200By\u200Bl',
    ];
    for (const q of inputs) expectValid(await bot.ask(q));
    expect((await bot.ask('ｆｅｎｔａｎｙｌ')).intent).toBe('threat.drugs');
    expect((await bot.ask('f\u200Be\u200Bn\u200Bt\u200Ba\u200Bn\u200By\u200Bl')).intent).toBe('threat.drugs');
  });

  it('mentions and markdown around a question are ignored, and never echoed back', async () => {
    const questions = [
      '<@U0123ABCD> what does the report say about ransomware',
      '<!channel> @everyone ransomware?',
      '**ransomware**, _per the ATA_? <https://evil.example|link>',
      '<@&123456> <#C999|general> ransomware',
      '**ransomware** `drop table` [click](https://evil.example) <script>alert(1)</script>',
      // A Discord command mention, and one cut short, in a clause the trace quotes back.
      'weather source? </ask:123456789012345678> what does the report say about ransomware',
      'weather source? </ask:1234 what does the report say about ransomware',
    ];
    for (const q of questions) {
      const answer = await bot.ask(q);
      expect(['threat.ransomware', 'fallback'], q).toContain(answer.intent);
      if (!q.includes('drop table')) expect(answer.intent, q).toBe('threat.ransomware');
      const everything = JSON.stringify(answer);
      for (const leaked of [
        '@everyone',
        '<!channel>',
        '<@U0123ABCD>',
        '<@&123456>',
        'evil.example',
        '<script>',
      ]) {
        expect(everything).not.toContain(leaked);
      }
      expect(everything, q).not.toMatch(/<[@#!/]/);
    }
  });
});
