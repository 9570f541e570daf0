import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { QuoteChecker } from '../../src/core/verify/check.js';
import { KnowledgeBaseError } from '../../src/knowledge/errors.js';
import { loadKnowledgeBase } from '../../src/knowledge/load.js';
import { ROOT } from '../support/assistant.js';

const copies: string[] = [];
const FILE = 'intents/language/attribution.yaml';

function copyWith(change: (data: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'policybot-attribution-'));
  cpSync(join(ROOT, 'intents'), join(dir, 'intents'), { recursive: true });
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  copies.push(dir);
  const data = parse(readFileSync(join(dir, FILE), 'utf8')) as Record<string, unknown>;
  change(data);
  writeFileSync(join(dir, FILE), stringify(data));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledgeBase({ root: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    return (error as KnowledgeBaseError).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
  }
  throw new Error('expected the knowledge base to fail loading');
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('intents/language/attribution.yaml', () => {
  it('fails with the file and the field: an author that is no source, a cue in capitals, an unknown key', () => {
    const unknownAuthor = copyWith((data) => {
      (data.authors as Record<string, string[]>)['odni-ata-2025'] = ['the 2025 report'];
    });
    expect(problemsOf(unknownAuthor)).toEqual([
      `${FILE}: authors.odni-ata-2025: source "odni-ata-2025" does not exist in content/sources.yaml`,
    ]);
    const dir = copyWith((data) => {
      (data.cues as string[]).push('Warns');
      data.speakers = ['x'];
    });
    const problems = problemsOf(dir);
    expect(problems.some((p) => p.startsWith(`${FILE}: cues[`) && p.endsWith('must be lower case'))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith(`${FILE}: `) && p.includes('speakers'))).toBe(true);
  });

  it('is data the checker reads: a cue a curator adds credits the words', async () => {
    const text = 'The DNI ventures that "TCOs incite instability and violence, drive migration."';
    const check = async (dir: string) => {
      const checker = new QuoteChecker(loadKnowledgeBase({ root: dir }), async () => null);
      return (await checker.check(text, 'plain')).findings[0]?.attribution.claimed?.sourceId ?? null;
    };
    // "The DNI" is the nearest author before the words either way; a new cue reads a new form.
    const plain = copyWith(() => {});
    expect(await check(plain)).toBe('odni-ata-2024');
    const unquoted = 'Interpol ventures that TCOs incite instability and violence, drive migration.';
    const withCue = copyWith((data) => (data.cues as string[]).push('ventures'));
    const reading = async (dir: string) =>
      (
        await new QuoteChecker(loadKnowledgeBase({ root: dir }), async () => null).check(unquoted, 'plain')
      ).findings.map((f) => [f.verdict, f.attribution.claimed?.name]);
    expect(await reading(plain)).toEqual([]);
    expect(await reading(withCue)).toEqual([['misattributed', 'Interpol']]);
  });
});
