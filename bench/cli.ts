import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, peakRss, timeProcess } from './measure.js';
import { CLI, ROOT } from './paths.js';

export const CLI_QUESTION = 'what does the report say about fentanyl';

/** What `POLICYBOT_CACHE_DIR` holds once a start has compiled the knowledge base (src/runtime/cache.ts). */
export const CACHE_FILES = ['knowledge.json', 'knowledge.bin'] as const;

export interface CommandFigures {
  readonly label: string;
  readonly command: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakRssMB: number;
}

export interface CliFigures {
  /** Rounds of `node -e 0` and the cached ask; the uncached ask runs every third round. */
  readonly rounds: number;
  readonly node: CommandFigures;
  readonly cached: CommandFigures;
  readonly uncached: CommandFigures;
  /** Median `policybot ask` (cached model) over median `node -e 0`. */
  readonly ratio: number;
  readonly uncachedRatio: number;
  readonly peakRssVia: string;
}

/** Bundles the CLI as `npm run build` does, so the figures are of the source being benchmarked. */
export function build(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !existsSync(CLI)) throw new Error('npm run build failed: the CLI cannot be measured');
}

/**
 * Whole-process figures: `node -e 0`, `policybot ask` with its trained-model cache warm (every
 * start after the first), and with no cache (validate the YAML and train: the first start after an
 * edit). Rounds are interleaved, so drift in the machine's load touches all three alike.
 */
export function measureCli(rounds = 15): CliFigures {
  build();
  const cacheDir = mkdtempSync(join(tmpdir(), 'policybot-bench-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, POLICYBOT_CACHE_DIR: cacheDir, NO_COLOR: '1' };
    delete env.POLICYBOT_NO_CACHE;
    const noCache = { ...env, POLICYBOT_NO_CACHE: '1' };
    const commands = [
      { label: 'node -e 0', command: 'node -e 0', args: ['-e', '0'], env },
      {
        label: 'policybot ask, model cached',
        command: `policybot ask "${CLI_QUESTION}"`,
        args: [CLI, 'ask', CLI_QUESTION],
        env,
      },
      {
        label: 'policybot ask, no cache (validate + train)',
        command: `POLICYBOT_NO_CACHE=1 policybot ask "${CLI_QUESTION}"`,
        args: [CLI, 'ask', CLI_QUESTION],
        env: noCache,
      },
    ] as const;
    // The first ask trains and writes the cache; it also proves the command works.
    const first = timeProcess(process.execPath, commands[1].args, env);
    if (first.status !== 0 || !first.stdout.includes('fentanyl')) {
      throw new Error(`policybot ask failed (${first.status}): ${first.stderr || first.stdout}`);
    }
    // The start-up cache is a JSON file and a .bin file of the model's weights: without both, the
    // "cached" row would be timing validation and training.
    const missing = CACHE_FILES.filter((f) => !existsSync(join(cacheDir, f)));
    if (missing.length > 0)
      throw new Error(`policybot ask wrote no start-up cache (${missing.join(', ')} missing in ${cacheDir})`);
    const times: number[][] = commands.map(() => []);
    for (let round = 0; round < rounds; round++) {
      commands.forEach((c, i) => {
        // Validating and training takes seconds on a busy machine: a third as many of those.
        if (i === 2 && round % 3 !== 0) return;
        const r = timeProcess(process.execPath, c.args, c.env);
        if (r.status !== 0) throw new Error(`${c.command} exited ${r.status}: ${r.stderr}`);
        times[i]?.push(r.wallMs);
      });
    }
    let via = '';
    const figures = commands.map((c, i): CommandFigures => {
      const rss = [0, 1, 2].map(() => peakRss(process.execPath, c.args, c.env));
      via = rss[0]?.via ?? via;
      const t = times[i] ?? [];
      return {
        label: c.label,
        command: c.command,
        runs: t.length,
        medianMs: median(t),
        minMs: Math.min(...t),
        maxMs: Math.max(...t),
        peakRssMB: median(rss.map((r) => r.mb)),
      };
    });
    const [node, cached, uncached] = figures as [CommandFigures, CommandFigures, CommandFigures];
    return {
      rounds,
      node,
      cached,
      uncached,
      ratio: cached.medianMs / node.medianMs,
      uncachedRatio: uncached.medianMs / node.medianMs,
      peakRssVia: via,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
