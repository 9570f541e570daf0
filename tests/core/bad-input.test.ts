import { describe, expect, it } from 'vitest';
import { INTENT_IDS } from '../../src/knowledge/index.js';
import { assistant } from '../support/assistant.js';

const bot = assistant();

function expectValid(answer: ReturnType<typeof bot.ask>): void {
  expect(INTENT_IDS).toContain(answer.intent);
  expect(answer.confidence).toBeGreaterThanOrEqual(0);
  expect(answer.confidence).toBeLessThanOrEqual(1);
  expect(answer.title.length).toBeGreaterThan(0);
  expect(answer.text.length).toBeGreaterThan(0);
}

describe('bad input gets a clear message and never an exception', () => {
  it('an empty or blank question asks for one', () => {
    for (const q of ['', '   ', '\n\t', '???', '<@U123>']) {
      const answer = bot.ask(q);
      expectValid(answer);
      expect(answer.intent).toBe('fallback');
      expect(answer.text).toContain('I did not catch a question');
    }
  });

  it('a huge question is declined unread, saying the limit', () => {
    const answer = bot.ask(`fentanyl ${'x'.repeat(10_000)}`);
    expect(answer.intent).toBe('fallback');
    expect(answer.text).toContain('please ask in 500 characters or fewer');
  });

  it('binary noise, control characters and odd Unicode are answered safely', () => {
    const inputs = [
      '\u0000\u0001\u0002\u001b[31mfentanyl\u001b[0m',
      String.fromCharCode(...Array.from({ length: 200 }, (_, i) => i)),
      '\uD800 lone surrogate fentanyl',
      'ｆｅｎｔａｎｙｌ',
      'فنتانيل 芬太尼 fentanyl 🧪',
      'f\u200Be\u200Bn\u200Bt\u200Ba\u200Bn\u200By\u200Bl',
    ];
    for (const q of inputs) expectValid(bot.ask(q));
    expect(bot.ask('ｆｅｎｔａｎｙｌ').intent).toBe('threat.drugs');
    expect(bot.ask('f\u200Be\u200Bn\u200Bt\u200Ba\u200Bn\u200By\u200Bl').intent).toBe('threat.drugs');
  });

  it('mentions and markdown around a question are ignored, and never echoed back', () => {
    const questions = [
      '<@U0123ABCD> what does the report say about ransomware',
      '<!channel> @everyone ransomware?',
      '**ransomware**, _per the ATA_? <https://evil.example|link>',
      '<@&123456> <#C999|general> ransomware',
      '**ransomware** `drop table` [click](https://evil.example) <script>alert(1)</script>',
    ];
    for (const q of questions) {
      const answer = bot.ask(q);
      expect(['threat.ransomware', 'fallback'], q).toContain(answer.intent);
      if (!q.includes('drop table')) expect(answer.intent, q).toBe('threat.ransomware');
      const everything = JSON.stringify(answer);
      for (const leaked of ['@everyone', '<!channel>', '<@U0123ABCD>', '<@&123456>', 'evil.example', '<script>']) {
        expect(everything).not.toContain(leaked);
      }
    }
  });
});
