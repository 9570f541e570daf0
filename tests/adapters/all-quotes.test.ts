import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/adapters/discord/render.js';
import { renderAnswer as slackAnswer } from '../../src/adapters/slack/render.js';
import { PLAIN, renderAnswer as cliAnswer } from '../../src/cli/render.js';
import { quoted } from '../../src/core/document/dialect.js';
import { assistant } from '../support/assistant.js';

const unescapeSlack = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe("1787's solutions: every quote on every surface", () => {
  it('shows each of the answer’s quotes in the terminal, in Slack (no 10-element cap) and in Discord', async () => {
    const answer = await assistant().ask("what are 1787's solutions?");
    expect(answer.quotes.length).toBeGreaterThanOrEqual(10);
    const cli = cliAnswer(answer, PLAIN);
    const slack = unescapeSlack(JSON.stringify(slackAnswer(answer, { shareQuestion: 'q' }).blocks));
    const discord = JSON.stringify(answerMessage(answer, false).embeds);
    for (const q of answer.quotes) {
      expect(cli).toContain(quoted(q.text));
      expect(slack).toContain(JSON.stringify(quoted(q.text)).slice(1, -1));
      expect(discord.replace(/\\\\/g, '')).toContain(
        JSON.stringify(quoted(q.text)).slice(1, -1).replace(/\\\\/g, ''),
      );
    }
  });
});
