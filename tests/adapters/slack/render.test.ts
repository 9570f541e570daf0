import { beforeAll, describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../../src/adapters/slack/actions.js';
import { parseSlashCommand } from '../../../src/adapters/slack/command.js';
import { fromSlack, quoteUserWords, splitText, toMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';
import { LIMITS, renderAnswer } from '../../../src/adapters/slack/render.js';
import type { Answer, PolicyAssistant } from '../../../src/core/index.js';
import { FOLLOW_UP_KINDS } from '../../../src/knowledge/ids.js';
import { answerOf, CONTRACT_TOPICS } from '../../support/answers.js';
import { realAssistant } from './assistant.js';
import { blockText, buttons } from './blocks.js';

let assistant: PolicyAssistant;
beforeAll(async () => {
  assistant = await realAssistant();
});

const answer = (overrides: Partial<Answer>): Answer => answerOf(overrides);

describe('mrkdwn', () => {
  it("converts the core's Markdown subset", () => {
    expect(toMrkdwn('**Bold** and _italic_ and [the page](https://example.org/a?b=1&c=2).')).toBe(
      '*Bold* and _italic_ and <https://example.org/a?b=1&amp;c=2|the page>.',
    );
    expect(toMrkdwn('Intro:\n- **One**: first\n- Two\n\n> “Quoted words”')).toBe(
      'Intro:\n• *One*: first\n• Two\n\n>“Quoted words”',
    );
  });

  it('escapes &, < and > so text cannot form links or mentions', () => {
    expect(toMrkdwn('A & B <!channel> <@U123> 1 > 0')).toBe(
      'A &amp; B &lt;!channel&gt; &lt;@U123&gt; 1 &gt; 0',
    );
  });

  it("shows a person's words back without any ping", () => {
    const shown = quoteUserWords(
      fromSlack('hey <!channel> <!here|here> <@U123|ana> @everyone @here &amp; <https://x.org|site>?'),
    );
    expect(shown).not.toMatch(/<[@!#]/);
    expect(shown).not.toMatch(/@(?:everyone|here|channel)\b/);
    expect(shown).toContain('ana');
    expect(shown).toContain('&amp;');
    expect(shown).toContain('site');
  });

  it('splits long text at paragraph breaks within the limit', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `${i} ${'word '.repeat(150).trim()}`);
    const pieces = splitText(paragraphs.join('\n\n'), 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces[0]?.startsWith('0 word')).toBe(true);
    expect(pieces[1]?.match(/^\d word/)).not.toBeNull();
  });
});

describe('renderAnswer', () => {
  it('renders header, mrkdwn answer, quotes and references, and follow-up buttons', async () => {
    const message = renderAnswer(await assistant.ask('what does the report say about fentanyl?'));
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'actions']);
    const text = blockText(message.blocks);
    expect(text).toContain('>_“Western Hemisphere-based TCOs');
    expect(text).toContain('*Sources*\n\n```Office of the Director of National Intelligence');
    expect(buttons(message.blocks).map((b) => [b.text.text, decodeValue(b.value)])).toEqual([
      ['Tell me more', { topic: 'threat.drugs' }],
      ['Sources', { topic: 'threat.drugs' }],
      ['Related solutions', { topic: 'threat.drugs' }],
    ]);
    expect(message.text.startsWith('Illicit drugs and trafficking: ')).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.notificationText);
  });

  it('offers "Related threats" on a solution, and drops the button of the follow-up just shown', async () => {
    const solution = renderAnswer(await assistant.ask('partnership with mexican law enforcement'));
    expect(buttons(solution.blocks).map((b) => b.text.text)).toEqual([
      'Tell me more',
      'Sources',
      'Related threats',
    ]);
    const sources = renderAnswer(await assistant.followUp('source', 'solution.mexico'));
    expect(buttons(sources.blocks).map((b) => b.text.text)).toEqual(['Tell me more', 'Related threats']);
    // The sources answer lists its references in its text: no second copy in small print.
    expect(sources.blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('stays within Slack limits for any long answer', () => {
    const long = answer({
      text: Array.from({ length: 200 }, (_, i) => `Paragraph ${i} ${'x'.repeat(900)}`).join('\n\n'),
      title: 'T'.repeat(400),
      citations: Array.from({ length: 30 }, (_, i) => ({
        sourceId: `s${i}`,
        title: 't',
        publisher: 'p',
        date: null,
        url: null,
        quote: `quote ${i} ${'q'.repeat(4000)}`,
        reference: `Reference ${i} ${'r'.repeat(200)}`,
      })),
    });
    const { blocks } = renderAnswer(long, { shareQuestion: 'q?' });
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    expect(blocks.at(-1)?.type).toBe('actions');
    for (const block of blocks) {
      if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (block.type === 'context') {
        expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
        for (const e of block.elements)
          expect('text' in e ? e.text.length : 0).toBeLessThanOrEqual(LIMITS.contextText);
      }
    }
  });

  it('gives a decline its "Did you mean" topics as buttons, and the share button its question', async () => {
    const decline = await assistant.ask('fentanyl statistics for ohio');
    expect(decline.topic).toBeNull();
    const { blocks } = renderAnswer(decline, { shareQuestion: 'fentanyl statistics for ohio' });
    const topics = buttons(blocks);
    expect(topics.map((b) => b.text.text)).toEqual([
      ...decline.related.map((r) => r.title),
      'Share in channel',
    ]);
    expect(decodeValue(topics.at(-1)?.value)).toEqual({
      topic: null,
      followUp: null,
      question: 'fentanyl statistics for ohio',
    });
  });

  it('keeps the share button however long the question: it carries a reference, not the text', async () => {
    const question = `fentanyl ${'and more words '.repeat(200)}`;
    const { blocks } = renderAnswer(await assistant.ask('fentanyl'), { shareQuestion: question });
    const share = buttons(blocks).find((b) => b.text.text === 'Share in channel');
    expect(share?.value?.length).toBeLessThanOrEqual(2000);
    expect(decodeValue(share?.value)).toMatchObject({ topic: 'threat.drugs', followUp: null });
  });
});

describe('what the buttons ask the core', () => {
  it('each follow-up continues the topic in its value, for every topic', async () => {
    for (const topic of CONTRACT_TOPICS) {
      for (const kind of FOLLOW_UP_KINDS) {
        expect((await assistant.followUp(kind, topic)).topic, `${kind} on ${topic}`).toBe(topic);
      }
      expect((await assistant.showTopic(topic)).title).toBe(assistant.knowledgeBase.topics.get(topic)?.title);
    }
  });

  it('rejects forged or malformed values', () => {
    expect(decodeValue(encodeValue({ topic: 'threat.fraud' }))).toEqual({ topic: 'threat.fraud' });
    expect(decodeValue('{"t":"Threat.Nope!"}')).toBeUndefined();
    expect(decodeValue('{"t":"threat.fraud","v":"sideways"}')).toBeUndefined();
    expect(decodeValue('{"t":"threat.fraud","q":7}')).toBeUndefined();
    expect(decodeValue('not json')).toBeUndefined();
    expect(decodeValue(undefined)).toBeUndefined();
  });
});

describe('parseSlashCommand', () => {
  it('reads help, questions and cite (the core reads a style in the text)', () => {
    expect(parseSlashCommand('')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('  HELP ')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('cite')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('what about fentanyl?')).toEqual({
      kind: 'ask',
      question: 'what about fentanyl?',
    });
    expect(parseSlashCommand('cite ransomware')).toEqual({ kind: 'cite', query: 'ransomware' });
    expect(parseSlashCommand('cite human trafficking MLA')).toEqual({
      kind: 'cite',
      query: 'human trafficking MLA',
    });
    expect(parseSlashCommand('citation needed for fraud')).toEqual({
      kind: 'ask',
      question: 'citation needed for fraud',
    });
  });
});

describe('a reference too long for a section', () => {
  it('goes whole in a file the message names, never cut; the others stay inline', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      id: `item-${i}`,
      type: 'report',
      title: `Title ${i} `.repeat(8),
    }));
    const long = JSON.stringify(items, null, 2);
    expect(long.length).toBeGreaterThan(LIMITS.sectionText);
    const record = (sourceId: string, entry: string) => ({
      sourceId,
      style: 'csl-json' as const,
      kind: 'record' as const,
      label: sourceId,
      publisher: 'Publisher',
      date: null,
      url: null,
      entry,
      quotes: [],
    });
    const short = JSON.stringify([{ id: 'short', type: 'webpage', title: 'Short' }], null, 2);
    const message = renderAnswer(
      answer({ style: 'csl-json', references: [record('long-one', long), record('short-one', short)] }),
    );
    const shown = blockText(message.blocks);
    expect(shown).toContain(
      `\`\`\`${short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\`\`\``,
    );
    expect(shown).not.toContain('item-0');
    const [file] = message.files ?? [];
    expect(file?.name).toMatch(/\.json$/);
    expect(shown).toContain(file?.name);
    expect(JSON.parse(file?.content ?? '')).toEqual(items);
    for (const b of message.blocks) expect(JSON.stringify(b).length).toBeLessThan(LIMITS.sectionText + 500);
  });
});
