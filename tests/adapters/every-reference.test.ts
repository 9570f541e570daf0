import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/adapters/discord/render.js';
import { renderAnswer as slackAnswer } from '../../src/adapters/slack/render.js';
import { PLAIN, renderAnswer as cliAnswer } from '../../src/cli/render.js';
import { ReferenceProvider } from '../../src/core/citations/provider.js';
import { CITATION_STYLES } from '../../src/core/citations/styles.js';
import { referenceParts } from '../../src/core/document/forms.js';
import type { Answer } from '../../src/core/index.js';
import { assistant, knowledgeBase } from '../support/assistant.js';
import { CONTRACT_TOPICS } from '../support/answers.js';

const unescapeSlack = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every text a surface emits, as one string per surface. */
function surfaces(answer: Answer): { cli: string; slack: string; discord: string } {
  const slack = slackAnswer(answer).blocks.flatMap((b) => {
    const text = (b as { text?: { text?: unknown } }).text?.text;
    return typeof text === 'string' ? [unescapeSlack(text)] : [];
  });
  const discord = answerMessage(answer, false).embeds.flatMap((e) => [
    e.description ?? '',
    ...(e.fields ?? []).map((f) => f.value),
  ]);
  return { cli: cliAnswer(answer, PLAIN, 60), slack: slack.join('\n'), discord: discord.join('\n') };
}

describe('every topic × every style × the terminal, Slack and Discord', () => {
  it('shows every reference whole, unwrapped and unprefixed, and every record parses', async () => {
    const kb = knowledgeBase();
    const provider = new ReferenceProvider(kb);
    let checked = 0;
    for (const style of CITATION_STYLES) {
      const bot = assistant({ references: provider });
      for (const topic of CONTRACT_TOPICS) {
        for (const answer of [
          await bot.showTopic(topic, { style }),
          await bot.followUp('source', topic, { style }),
        ]) {
          expect(answer.style).toBe(style);
          const shown = surfaces(answer);
          for (const r of answer.references) {
            for (const part of referenceParts(r, answer.form)) {
              const lines = part.text.split('\n');
              // Whole and unprefixed: in the terminal its lines stand alone, at any width.
              const cliLines = shown.cli.split('\n');
              const whole = cliLines.some((_, i) => lines.every((l, j) => cliLines[i + j] === l));
              expect(whole, `${style} ${topic} cli: ${lines[0]}`).toBe(true);
              // In Slack a preformatted block, in Discord a code block, holding exactly it.
              expect(shown.slack, `${style} ${topic} slack`).toContain(`\`\`\`${part.text}\`\`\``);
              expect(shown.discord, `${style} ${topic} discord`).toContain(`\`\`\`\n${part.text}\n\`\`\``);
              if (style === 'bibtex') expect(new Cite(part.text).data.length).toBeGreaterThan(0);
              if (style === 'ris') {
                // Whole records: each opens with its type and closes, and citation-js reads them all.
                const records = part.text.match(/^TY {2}- /gm)?.length ?? 0;
                expect(part.text, `${style} ${topic}`).toMatch(/^TY {2}- [\s\S]*\nER {2}-$/);
                expect(new Cite(part.text).data).toHaveLength(records);
              }
              if (style === 'csl-json') expect(Array.isArray(JSON.parse(part.text))).toBe(true);
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(CONTRACT_TOPICS.length * CITATION_STYLES.length);
  });
});
