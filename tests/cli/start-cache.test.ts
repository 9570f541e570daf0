import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/assistant.js';
import { type CliRun, runBuiltCli } from '../support/cli.js';

// A copy of the knowledge base, edited between starts, with a start-up cache of its own.
const dir = mkdtempSync(join(tmpdir(), 'policybot-start-cache-'));
const knowledge = join(dir, 'kb');
const cache = join(dir, 'cache');
cpSync(join(ROOT, 'intents'), join(knowledge, 'intents'), { recursive: true });
cpSync(join(ROOT, 'content'), join(knowledge, 'content'), { recursive: true });

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function ask(question: string): Promise<CliRun> {
  return runBuiltCli(['ask', '--json', question], {
    env: { POLICYBOT_KNOWLEDGE_DIR: knowledge, POLICYBOT_CACHE_DIR: cache },
  });
}

const answerOf = (run: CliRun): Record<string, unknown> => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n')[0] as string) as Record<string, unknown>;
};

/** A phrase no curator wrote and no topic's words come near. */
const NEW_PHRASE = 'quokka sprockets on the zebra ledger';

describe('the start-up cache', () => {
  it('answers from the cache, and from the edited YAML once a topic or a phrase changes', async () => {
    const cold = answerOf(await ask('what does the report say about fentanyl'));
    expect(existsSync(join(cache, 'knowledge.json')) && existsSync(join(cache, 'knowledge.bin'))).toBe(true);
    const warm = answerOf(await ask('what does the report say about fentanyl'));
    expect(warm).toEqual(cold);
    expect(JSON.stringify(warm)).toContain('Illicit drugs and trafficking');
    expect(answerOf(await ask(NEW_PHRASE))).toMatchObject({ kind: 'decline' });

    // A topic's title and a new training phrase: the next start reads both, cache or not.
    const topicFile = join(knowledge, 'content/topics/threat.drugs.yaml');
    writeFileSync(
      topicFile,
      readFileSync(topicFile, 'utf8').replace(
        'title: Illicit drugs and trafficking',
        'title: Illicit drugs, edited',
      ),
    );
    const intentsFile = join(knowledge, 'intents/threats.yaml');
    writeFileSync(
      intentsFile,
      readFileSync(intentsFile, 'utf8').replace(
        '- id: threat.ransomware\n  utterances:\n',
        `- id: threat.ransomware\n  utterances:\n    - "${NEW_PHRASE}"\n`,
      ),
    );
    const edited = answerOf(await ask('what does the report say about fentanyl'));
    expect(JSON.stringify(edited)).toContain('Illicit drugs, edited');
    expect(JSON.stringify(edited)).not.toContain('Illicit drugs and trafficking');
    expect(answerOf(await ask(NEW_PHRASE))).toMatchObject({ kind: 'answer', intent: 'threat.ransomware' });
    // And the cache written by that start serves the edited knowledge base too.
    expect(answerOf(await ask(NEW_PHRASE))).toMatchObject({ kind: 'answer', intent: 'threat.ransomware' });
  }, 120_000);
});
