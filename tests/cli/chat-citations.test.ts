import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';

const work = mkdtempSync(join(tmpdir(), 'policybot-chat-cite-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const env = { NO_COLOR: '1', POLICYBOT_CACHE_DIR: join(work, 'cache'), POLICYBOT_UNANSWERED_LOG: 'off' };

async function chat(lines: readonly string[]): Promise<string> {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const stdin = Readable.from(lines.map((l) => `${l}\n`));
  const code = await main(['chat'], { stdin, stdout, stderr: new PassThrough(), env: { ...env } });
  expect(code).toBe(0);
  return out;
}

describe('the chat cites a conversation', () => {
  it('bibtex for the ransomware quote: whole entries, no dash, no bullet, no key twice', async () => {
    const out = await chat(['bibtex for the ransomware quote', '/quit']);
    expect(out).not.toMatch(/— @|• @/);
    const keys = [...out.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    const bib = out.slice(out.indexOf('@'), out.lastIndexOf('}') + 1);
    expect(new Cite(bib).data.length).toBe(keys.length);
  });

  it('csl json for the trafficking quote: JSON that parses, each item once', async () => {
    const out = await chat(['csl json for the trafficking quote', '/quit']);
    // Each source's record is a whole CSL-JSON array of its own, on lines of its own.
    const records = [...out.matchAll(/^\[\n[\s\S]*?\n\]$/gm)].map((m) => m[0]);
    expect(records.length).toBeGreaterThan(0);
    const items = records.flatMap((r) => JSON.parse(r) as { id: string }[]);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('/style sticks, /bibliography lists what was cited, /export writes files citation-js reads back', async () => {
    const bib = join(work, 'memo.bib');
    const ris = join(work, 'memo.ris');
    const json = join(work, 'memo.json');
    const txt = join(work, 'memo.txt');
    const out = await chat([
      '/style apa',
      'what does the report say about ransomware',
      'fentanyl',
      '/bibliography',
      `/export ${bib}`,
      `/export ${ris}`,
      `/export ${json}`,
      `/export ${txt}`,
      '/export memo.doc',
      '/quit',
    ]);
    expect(out).toContain('References in apa from now on');
    expect(out).toMatch(
      /\(Office of the Director of National Intelligence, 2024, as cited in 1787, n\.d\.\)/,
    );
    expect(out).toContain('Bibliography');
    expect(out).toContain(`Wrote ${bib}.`);
    expect(out).toContain('.bib, .ris, .json or .txt');
    const items = JSON.parse(readFileSync(json, 'utf8')) as { id: string; URL?: string }[];
    const fromBib = new Cite(readFileSync(bib, 'utf8')).data as { URL?: string }[];
    const fromRis = new Cite(readFileSync(ris, 'utf8')).data as { URL?: string }[];
    expect(fromBib.map((i) => i.URL)).toEqual(items.map((i) => i.URL));
    expect(fromRis.map((i) => i.URL)).toEqual(items.map((i) => i.URL));
    expect(readFileSync(txt, 'utf8')).toContain('1787. (n.d.). Transnational crime.');
  });
});
