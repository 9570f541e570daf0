import { describe, expect, it } from 'vitest';
import { turns } from '../support/assistant.js';

describe('a greeting before a question about the bot', () => {
  it('answers the question (help), the greeting set aside', async () => {
    for (const q of ['hi, what do you know', 'hi, are you a lawyer or what?', 'hey, who made you?']) {
      expect(await turns(`greet-${q}`, [q]), q).toEqual([['bot.help', null]]);
    }
  });

  it('keeps a greeting alone, or with nothing it asks of the bot, a greeting', async () => {
    for (const q of ['hi policybot', 'hey there']) {
      expect((await turns(`hello-${q}`, [q]))[0]?.[0], q).toBe('bot.greeting');
    }
  });

  it('answers a topic asked after a greeting as that topic', async () => {
    expect(await turns('greet-topic', ["hey, what's the fentanyl threat"])).toEqual([['threat.drugs', null]]);
  });
});

describe('a shorter answer asked in words of its own', () => {
  it('reads "squeeze", "nutshell" and "compressed" as short, on the conversation topic or the one named', async () => {
    expect(
      await turns('squeeze', ['instability & violence warning — tell me', 'squeeze that into a single line']),
    ).toEqual([
      ['threat.instability', null],
      ['threat.instability', 'short'],
    ]);
    expect(
      (await turns('nutshell', ['ilea?', 'what does RICO say about gangs', 'ok, ilea in a nutshell']))[2],
    ).toEqual(['solution.ilea', 'short']);
    expect(
      (
        await turns('compressed', [
          'what does 1787 say about helping foreign govts build law enforcement',
          'what does interpol recommend',
          "ok back to 1787's institutions idea — compressed version?",
        ])
      )[2],
    ).toEqual(['solution.institutions', 'short']);
  });
});

describe('an asking clause that names only a source and points back', () => {
  it('answers what the rest names by name, whatever the clause alone would need to stand as a question', async () => {
    const q =
      'From our hearing prep: "Witnesses are expected to press on synthetic opioids crossing the southwest border. Members want the intelligence community\'s framing." what does the ATA say on this?';
    expect(await turns('pointing', [q])).toEqual([['threat.drugs', null]]);
  });
});
