import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { plainReference } from '../../src/core/citations/plain.js';
import { formatReference } from '../../src/core/citations/reference.js';
import { CITATION_STYLES, DEFAULT_CITATION_STYLE } from '../../src/core/citations/styles.js';
import { createAssistant } from '../../src/core/index.js';
import type { CompiledKnowledge } from '../../src/runtime/cache.js';
import { openAssistant } from '../../src/runtime/open.js';
import { removeTestCaches, testEnv } from './cli.js';
import { classifier } from '../support/assistant.js';
import { knowledgeBase, source } from './helpers.js';

afterAll(removeTestCaches);

const ata = source('odni-ata-2024');
const page = source('1787-transnational-crime');

describe('Answer.citations[].reference', () => {
  it('is in Chicago by default', async () => {
    expect(DEFAULT_CITATION_STYLE).toBe('chicago');
    const answer = await (await openAssistant(testEnv())).ask('fentanyl');
    expect(answer.intent).toBe('threat.drugs');
    expect(answer.citations.map((c) => c.reference)).toEqual([
      (await formatReference(ata, page, 'chicago')).line,
      (await formatReference(page, undefined, 'chicago')).line,
    ]);
  });

  for (const style of CITATION_STYLES) {
    it(`is in the configured style: ${style}`, async () => {
      const answer = await (await openAssistant(testEnv({ POLICYBOT_CITATION_STYLE: style }))).ask(
        'source for the ransomware warning',
      );
      const [quoted] = answer.citations;
      expect(quoted?.sourceId).toBe('odni-ata-2024');
      expect(quoted?.reference).toBe((await formatReference(ata, page, style)).line);
    });
  }

  it('comes from the start-up cache on a warm start, and a new style is added to it', async () => {
    const env = testEnv();
    await openAssistant(env);
    const file = join(env.POLICYBOT_CACHE_DIR ?? '', 'knowledge.json');
    const compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledKnowledge;
    expect(Object.keys(compiled.references ?? {})).toEqual(['chicago']);
    // A warm start must not render again: what the cache says is what answers show.
    const cached = { entry: 'FROM THE CACHE', line: 'FROM THE CACHE' };
    const chicago = { ...compiled.references?.chicago, 'odni-ata-2024': cached };
    writeFileSync(file, JSON.stringify({ ...compiled, references: { chicago } }));
    const warm = await (await openAssistant(env)).ask('fentanyl');
    expect(warm.citations[0]?.reference).toBe('FROM THE CACHE');
    expect(warm.references[0]?.entry).toBe('FROM THE CACHE');

    await openAssistant({ ...env, POLICYBOT_CITATION_STYLE: 'apa' });
    const updated = JSON.parse(readFileSync(file, 'utf8')) as CompiledKnowledge;
    expect(Object.keys(updated.references ?? {}).sort()).toEqual(['apa', 'chicago']);
    expect(updated.references?.apa?.['odni-ata-2024']?.line).toBe(
      (await formatReference(ata, page, 'apa')).line,
    );
  });

  it('is plain when the core is used without the runtime (no engine, no configuration)', async () => {
    const answer = await createAssistant(knowledgeBase(), { classifier: classifier() }).ask('fentanyl');
    expect(answer.citations[0]?.reference).toBe(plainReference(ata, page));
  });

  it('refuses an unknown POLICYBOT_CITATION_STYLE, naming the variable', async () => {
    await expect(openAssistant(testEnv({ POLICYBOT_CITATION_STYLE: 'harvard' }))).rejects.toThrow(
      ConfigError,
    );
    await expect(openAssistant(testEnv({ POLICYBOT_CITATION_STYLE: 'harvard' }))).rejects.toThrow(
      /POLICYBOT_CITATION_STYLE: must be one of chicago, apa, mla, plain, markdown, bibtex, ris, csl-json/,
    );
    const answer = await (await openAssistant(testEnv({ POLICYBOT_CITATION_STYLE: ' APA ' }))).ask(
      'fentanyl',
    );
    expect(answer.citations[0]?.reference).toBe((await formatReference(ata, page, 'apa')).line);
  });
});
