import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceReferences } from '../../src/core/citations/sources.js';
import type { CitationStyle } from '../../src/core/citations/styles.js';
import { knowledgeBase, assistant as realAssistant } from '../support/assistant.js';
import { runBuiltCli } from '../support/cli.js';
import { commandInteraction } from './discord/payloads.js';
import { type Endpoints, startEndpoints } from './endpoints.js';
import { blockText } from './slack/blocks.js';
import { sendToBot, slashCommand } from './slack/fake-slack.js';
import { SIGNING_SECRET } from './slack/setup.js';

// The same cite on every surface, end to end: the built CLI, /policy cite through real Bolt, and
// /cite through the Discord interactions endpoint. Each prints one reference-list entry per source
// form, and the in-text form (or note) only under its own label, never as a second entry.
const cacheDir = mkdtempSync(join(tmpdir(), 'policybot-surfaces-'));
let endpoints: Endpoints;

beforeAll(async () => {
  endpoints = await startEndpoints(realAssistant());
});

afterAll(async () => {
  await endpoints?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

async function onSlack(query: string): Promise<string> {
  const body = new URLSearchParams(
    slashCommand(`cite ${query}`, endpoints.slack.fake.responseUrl('cite')),
  ).toString();
  const res = await sendToBot(endpoints.slack.eventsUrl, body, 'application/x-www-form-urlencoded', {
    secret: SIGNING_SECRET,
  });
  // What a reader sees: Slack shows &amp; as &.
  return blockText(((await res.json()) as { blocks: unknown[] }).blocks).replace(/&amp;/g, '&');
}

async function onDiscord(topic: string, style: string): Promise<string> {
  const body = JSON.stringify(
    commandInteraction('cite', [
      { name: 'topic', type: 3, value: topic },
      { name: 'style', type: 3, value: style },
    ]),
  );
  const res = await endpoints.toDiscord(body);
  const reply = (await res.json()) as { data: { embeds: { fields: { name: string; value: string }[] }[] } };
  return reply.data.embeds[0]?.fields.map((f) => `${f.name}\n${f.value}`).join('\n') ?? '';
}

async function onCli(query: string, style: string): Promise<string> {
  return (await runBuiltCli(['cite', query, '--style', style], { env: { POLICYBOT_CACHE_DIR: cacheDir } }))
    .stdout;
}

const count = (text: string, part: string): number => text.split(part).length - 1;
/** How many lines are exactly this text: an entry printed as an entry, not as part of a longer one. */
const lines = (text: string, line: string): number =>
  text.split('\n').filter((l) => l.replace(/`/g, '').trim() === line).length;

const LABELS: Record<'apa' | 'mla' | 'chicago', [string, string]> = {
  apa: ['Reference list', 'In text'],
  mla: ['Works Cited', 'In text'],
  chicago: ['Bibliography', 'Note (short form)'],
};

describe.each(['apa', 'mla', 'chicago'] as const)(
  'a %s cite on every surface',
  (style: CitationStyle & keyof typeof LABELS) => {
    it('of the report itself: one entry per form (its own, and as quoted in 1787), each in-text form under its label', async () => {
      const refs = await sourceReferences(knowledgeBase(), 'odni-ata-2024', style);
      const forms = [refs.own, refs.quotedIn].flatMap((r) => (r === undefined ? [] : [r]));
      expect(forms).toHaveLength(2);
      const shown = [
        await onCli('ata', style),
        await onSlack(`ata ${style}`),
        await onDiscord('odni-ata-2024', style),
      ];
      for (const text of shown) {
        for (const form of forms) {
          expect(lines(text, form.entry)).toBe(1);
          const second = form.note ?? form.inText ?? '';
          expect(count(text, second)).toBeGreaterThanOrEqual(1);
          // The in-text form (or note) is never glued to the entry as another reference-list line.
          expect(text).not.toContain(`${form.entry} — `);
        }
        const [entryLabel, secondLabel] = LABELS[style];
        expect(count(text, entryLabel)).toBe(2);
        expect(count(text, secondLabel)).toBeGreaterThanOrEqual(2);
      }
    });

    it('of a topic (ransomware): one entry, its in-text form under its label', async () => {
      const result = await realAssistant().cite('threat.ransomware', style);
      if (result.kind !== 'topic') throw new Error('not a topic');
      const shown = [
        await onCli('ransomware', style),
        await onSlack(`ransomware ${style}`),
        await onDiscord('threat.ransomware', style),
      ];
      for (const text of shown) {
        for (const reference of result.references) {
          expect(lines(text, reference.entry)).toBe(1);
          expect(text).not.toContain(`${reference.entry} — `);
        }
        expect(count(text, LABELS[style][0])).toBe(result.references.length);
      }
    });
  },
);
