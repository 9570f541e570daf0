import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterEach, describe, expect, it } from 'vitest';
import { ReferenceProvider } from '../../src/core/citations/provider.js';
import { KnowledgeBaseError, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { assistant, knowledgeBase, ROOT, TestConversation } from '../support/assistant.js';

// Plain by default (a style other than the default renders through citation-js, as in production).
const bot = () => assistant({ references: new ReferenceProvider(knowledgeBase(), 'plain') });

/** A three-topic conversation: the assessment (as quoted by 1787), 1787's page, and State's ILEA page. */
async function threeTopics(chat: TestConversation): Promise<Set<string>> {
  const cited = new Set<string>();
  for (const q of ['what does the report say about ransomware', 'fentanyl?', 'tell me more about ilea']) {
    for (const r of (await chat.say(q)).references) cited.add(r.sourceId);
  }
  return cited;
}

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the conversation's bibliography, asked for in words", () => {
  it('reads each way of asking as the request, on any surface (the core decides, not a slash command)', async () => {
    const b = bot();
    for (const q of [
      'bibliography',
      'references so far',
      'give me everything I cited',
      'export my citations',
      'reference list for this conversation',
      'what sources have you cited so far?',
    ]) {
      const answer = await b.ask(q, { conversationId: `words-${q}` });
      expect({ q, kind: answer.kind, by: answer.trace.decidedBy }).toEqual({
        q,
        kind: 'bibliography',
        by: 'bibliography',
      });
    }
  });

  it('answers a topic named beside the words with its references, and declines a question about something else', async () => {
    const b = bot();
    const entry = await b.ask('bibliography entry for the ransomware quote');
    expect(entry).toMatchObject({ kind: 'answer', topic: 'threat.ransomware' });
    // "bibliography entry" is one reference's form (styles.yaml), not the list.
    expect(entry.trace.steps.find((s) => s.step === 'bibliography')?.reason).toBe('asks for no bibliography');
    // The list words with a topic named: that topic's references (its sources), not a decline.
    for (const q of [
      'everything i cited about fentanyl',
      'references so far on fentanyl',
      'bibliography for fentanyl',
    ]) {
      const drugs = await b.ask(q);
      expect({ q, kind: drugs.kind, topic: drugs.topic, followUp: drugs.followUp }).toEqual({
        q,
        kind: 'answer',
        topic: 'threat.drugs',
        followUp: 'source',
      });
      expect(drugs.trace.steps.find((s) => s.step === 'bibliography')?.reason).toMatch(/threat\.drugs/);
    }
    expect((await b.ask('what do my sources say about the moon landing hoax')).kind).toBe('decline');
    expect((await b.ask('how do i export a google doc to pdf')).kind).toBe('decline');
    // An idiom that holds a cue (bibliography.yaml's `idioms`): "up to date" is no "to date".
    for (const q of ['hiya, are your sources up to date?', 'are the references out of date']) {
      const current = await b.ask(q);
      expect({ q, kind: current.kind }).not.toEqual({ q, kind: 'bibliography' });
      expect(current.trace.steps.find((s) => s.step === 'bibliography')?.reason).toBe('asks for no bibliography');
    }
    expect(await b.ask('hiya, are your sources up to date?')).toMatchObject({ intent: 'bot.help' });
  });

  it('says plainly that nothing is cited yet, with a code, and offers no files', async () => {
    const b = bot();
    const fresh = await b.ask('references so far', { conversationId: 'fresh' });
    expect(fresh.kind).toBe('bibliography');
    expect(fresh.references).toEqual([]);
    expect(fresh.notes.map((n) => n.code)).toEqual(['nothing-cited']);
    expect(fresh.files ?? []).toEqual([]);
    expect(fresh.actions).toEqual([]);
    // A question that stands alone has no conversation to collect from: said so, not an error.
    const alone = await b.ask('bibliography');
    expect(alone.notes.map((n) => n.code)).toEqual(['nothing-cited']);
    expect(alone.text).toMatch(/stands alone/);
  });

  it('after a three-topic conversation, lists its three sources once each, with files that parse back', async () => {
    const chat = new TestConversation(bot(), 'three');
    const cited = await threeTopics(chat);
    expect(cited).toEqual(new Set(['odni-ata-2024', '1787-transnational-crime', 'state-ilea']));
    const answer = await chat.say('references so far, chicago style');
    expect(answer.kind).toBe('bibliography');
    expect(answer.style).toBe('chicago');
    expect(answer.form).toBe('bibliography');
    expect(new Set(answer.references.map((r) => r.sourceId))).toEqual(cited);
    expect(answer.references).toHaveLength(3);
    // Chicago's bibliography is alphabetical by entry.
    const entries = answer.references.map((r) => r.entry);
    expect(entries).toEqual([...entries].sort((a, b) => a.localeCompare(b, 'en')));
    expect(answer.summary).toContain('three sources');
    // One export action per file, each file whole.
    expect(answer.actions.map((a) => (a.kind === 'export' ? a.file : a.kind))).toEqual([
      'bib',
      'ris',
      'json',
      'txt',
    ]);
    const file = (format: string): string => answer.files?.find((f) => f.format === format)?.content ?? '';
    const ids = (data: unknown[]): string[] => (data as { URL?: string }[]).map((i) => i.URL ?? '').sort();
    const json = JSON.parse(file('json')) as { id: string; URL?: string }[];
    expect(json.map((i) => i.id).sort()).toEqual([...cited].sort());
    expect(ids(new Cite(file('bib')).data)).toEqual(ids(json));
    expect(ids(new Cite(file('ris')).data)).toEqual(ids(json));
    for (const entry of entries) expect(file('txt')).toContain(entry);
    // The topic is kept: the bibliography answers no topic of its own.
    expect((await chat.say('source?')).topic).toBe('solution.ilea');
  });

  it('in a style asked for, which sticks; a record style gives records, and the .txt stays a text style', async () => {
    const chat = new TestConversation(bot(), 'styled');
    await threeTopics(chat);
    const apa = await chat.say('references so far in apa');
    expect(apa).toMatchObject({ kind: 'bibliography', style: 'apa', title: 'References' });
    expect((await chat.say('what about fraud?')).style).toBe('apa');
    const bib = await chat.say('bibliography in bibtex');
    expect(bib.style).toBe('bibtex');
    expect(bib.references.every((r) => r.kind === 'record')).toBe(true);
    for (const r of bib.references) expect(new Cite(r.entry).data).toHaveLength(1);
    // The .txt is the list for a reader, in the bot's text style, not the records again.
    const txt = bib.files?.find((f) => f.format === 'txt')?.content ?? '';
    expect(txt).toContain('Transnational Crime');
    expect(txt).not.toMatch(/^@|^TY {2}-|^\[/m);
  });

  it('is what the Bibliography button under a citing answer gives (showBibliography)', async () => {
    const chat = new TestConversation(bot(), 'button');
    const first = await chat.say('what does the report say about ransomware');
    expect(first.actions.at(-1)).toEqual({ kind: 'bibliography', label: 'Bibliography' });
    const pressed = await chat.press('Bibliography');
    const asked = await chat.say('references so far');
    expect(pressed.trace.decidedBy).toBe('platform');
    expect(pressed.references).toEqual(asked.references);
    expect(pressed.files).toEqual(asked.files);
  });

  it('takes its words from intents/language/bibliography.yaml, validated with the file and field named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policybot-kb-'));
    copies.push(dir);
    cpSync(join(ROOT, 'intents'), join(dir, 'intents'), { recursive: true });
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const file = join(dir, 'intents/language/bibliography.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - bibliography\n', '  - Bibliography\n'));
    let problems: string[] = [];
    try {
      loadKnowledgeBase({ root: dir });
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeBaseError);
      problems = (error as KnowledgeBaseError).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^intents\/language\/bibliography\.yaml: alone\[0\]: must be lower case$/),
    ]);
  });
});
