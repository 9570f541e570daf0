import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/adapters/discord/render.js';
import { renderAnswer as slackAnswer } from '../../src/adapters/slack/render.js';
import { PLAIN, renderAnswer as cliAnswer } from '../../src/cli/render.js';
import type { Answer } from '../../src/core/index.js';
import { assistant, ROOT } from '../support/assistant.js';

const RENDERERS = ['src/cli/render.ts', 'src/adapters/slack/render.ts', 'src/adapters/discord/render.ts'];

const surfaces = {
  cli: (a: Answer) => cliAnswer(a, PLAIN, 100),
  slack: (a: Answer) => JSON.stringify(slackAnswer(a)),
  discord: (a: Answer) => JSON.stringify(answerMessage(a, false)),
};

describe('renderers map the structure and never read English', () => {
  it('render the same whatever the derived text and citations say', async () => {
    const bot = assistant();
    const answers = [
      await bot.ask('what does the report say about fentanyl?'),
      await bot.followUp('more', 'threat.ransomware'),
      await bot.followUp('source', 'source.ata'),
      await bot.followUp('solutions', 'threat.drugs'),
      await bot.ask('what is the gdp of france'),
      await bot.ask('fentanyl '.repeat(80)),
    ];
    for (const answer of answers) {
      const poisoned: Answer = { ...answer, text: 'POISON Did you mean: **nothing**?', citations: [] };
      for (const [name, render] of Object.entries(surfaces)) {
        const out = render(poisoned);
        expect(out, name).not.toContain('POISON');
        expect(out, name).toBe(render(answer));
      }
    }
  });

  it('have no answer.text, no citations and no string tests to decide in their source', () => {
    for (const file of RENDERERS) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, file).not.toMatch(/answer\.text\b/);
      expect(source, file).not.toMatch(/\.citations\b/);
      expect(source, file).not.toMatch(/\.includes\(/);
      expect(source, file).not.toMatch(/\.startsWith\(|\.endsWith\(/);
    }
  });
});
