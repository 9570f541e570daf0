import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'policybot-cite-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('policybot cite --out FILE', () => {
  it('writes two topics and a source as .bib, .ris and .json that parse back field for field, each source once', async () => {
    const env = { POLICYBOT_CACHE_DIR: join(work, 'cache') };
    const files = ['three.bib', 'three.ris', 'three.json'].map((f) => join(work, f));
    for (const file of files) {
      const { code, stdout } = await runBuiltCli(
        ['cite', 'ransomware, partnership with mexican law enforcement, crs-if10578', '--out', file],
        { env },
      );
      expect(code).toBe(0);
      expect(stdout).toContain(`Wrote ${file}`);
    }
    const [bib, ris, json] = files.map((f) => readFileSync(f, 'utf8'));
    type Item = { id?: string; URL?: string; publisher?: string; issued?: unknown; title?: string };
    const items = JSON.parse(json ?? '') as Item[];
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.map((i) => i.id)).toEqual(
      expect.arrayContaining(['odni-ata-2024', '1787-transnational-crime', 'crs-if10578']),
    );
    for (const back of [new Cite(bib).data as Item[], new Cite(ris).data as Item[]]) {
      expect(back).toHaveLength(items.length);
      back.forEach((b, i) => {
        expect(b.URL).toBe(items[i]?.URL);
        expect(b.publisher).toBe(items[i]?.publisher);
        expect(b.issued).toEqual(items[i]?.issued);
        expect(b.title?.toLowerCase()).toBe(items[i]?.title?.toLowerCase());
      });
    }
  });

  it('refuses a file it cannot write a format for, and text that names nothing', async () => {
    const env = { POLICYBOT_CACHE_DIR: join(work, 'cache') };
    const bad = await runBuiltCli(['cite', 'ransomware', '--out', join(work, 'x.doc')], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('.bib, .ris, .json or .txt');
  });
});
