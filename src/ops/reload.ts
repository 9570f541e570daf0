import { existsSync, type FSWatcher, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CoreConfig } from '../config/env.js';
import { formatProblem, KnowledgeBaseError } from '../knowledge/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { ConversationStore } from '../core/conversation/store.js';
import { cacheable } from '../runtime/cache.js';
import { assistantFrom, openKnowledge } from '../runtime/open.js';
import type { Metrics } from './metrics.js';
import type { AssistantService } from './service.js';

export interface ReloaderOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly service: AssistantService;
  readonly logger: Logger;
  /** The core settings parsed at start-up (threshold, citation style, …). */
  readonly config: CoreConfig;
  readonly metrics?: Metrics;
  /** The conversations of the running instance, kept across reloads. */
  readonly conversations?: ConversationStore;
}

/**
 * Reloads intents/ and content/ into the running service. A reload validates and trains a new
 * assistant beside the one serving and swaps it in only when all of that succeeded: an invalid
 * edit is logged, file and field, and the last good knowledge base goes on answering.
 */
export class KnowledgeReloader {
  private running: Promise<boolean> | undefined;
  private again = false;

  constructor(private readonly options: ReloaderOptions) {}

  /**
   * One reload at a time; a request during one runs once more after it (the files may have changed
   * again meanwhile), however many requests came. Resolves whether the last reload succeeded.
   */
  reload(reason: string): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let ok = await this.once(reason);
      while (this.again) {
        this.again = false;
        ok = await this.once(reason);
      }
      this.running = undefined;
      return ok;
    })();
    return this.running;
  }

  private async once(reason: string): Promise<boolean> {
    const { logger, metrics, service } = this.options;
    const started = performance.now();
    try {
      // Validated and trained in a worker thread, which writes the start-up cache, while this
      // thread goes on answering; then opened here from that cache (a warm start). Where no
      // worker can run (no cache, or running from the TypeScript sources), here as before.
      const offThread = await trainOffThread(this.options.env);
      if (offThread !== undefined && !offThread.ok) {
        metrics?.reloads.inc({ result: 'failed' });
        logger.error(
          { reason, ...(offThread.problems ? { problems: offThread.problems } : { err: offThread.message }) },
          'knowledge base reload failed: still serving the last good one',
        );
        return false;
      }
      const opened = await openKnowledge(this.options.env, this.options.config);
      const { kb } = opened;
      service.replace(assistantFrom(opened, this.options.config, this.options.conversations));
      metrics?.reloads.inc({ result: 'ok' });
      metrics?.topics.set(kb.topics.size);
      logger.info(
        {
          reason,
          topics: kb.topics.size,
          phrases: kb.examples.length,
          ms: Math.round(performance.now() - started),
          trainedIn: offThread === undefined ? 'main thread' : 'worker thread',
        },
        'knowledge base reloaded',
      );
      return true;
    } catch (error) {
      metrics?.reloads.inc({ result: 'failed' });
      if (error instanceof KnowledgeBaseError) {
        logger.error(
          { reason, problems: error.problems.map(formatProblem) },
          'knowledge base reload failed: still serving the last good one',
        );
      } else {
        logger.error(
          { reason, err: error instanceof Error ? error.message : String(error) },
          'knowledge base reload failed: still serving the last good one',
        );
      }
      return false;
    }
  }
}

/**
 * Calls `onChange` once edits to intents/ or content/ have settled for `debounceMs` (an editor's
 * save is often several events: a temporary file, a rename, a write). Returns a function that stops
 * watching.
 */
export function watchKnowledge(
  root: string,
  onChange: (file: string) => void,
  logger: Logger,
  debounceMs = 300,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const watchers: FSWatcher[] = [];
  for (const folder of ['intents', 'content']) {
    try {
      const watcher = watch(join(root, folder), { recursive: true }, (_event, file) => {
        last = join(folder, String(file ?? ''));
        clearTimeout(timer);
        timer = setTimeout(() => onChange(last), debounceMs);
      });
      watcher.on('error', (error) => logger.warn({ folder, err: error.message }, 'knowledge watch failed'));
      watchers.push(watcher);
    } catch (error) {
      logger.warn(
        { folder, err: error instanceof Error ? error.message : String(error) },
        'cannot watch folder',
      );
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

type WorkerOutcome = { ok: true } | { ok: false; problems?: string[]; message: string };

/** The bundled worker (dist/cli/reload-worker.js), beside the entry or one level up from a chunk. */
function workerFile(): string | undefined {
  if (!cacheable) return undefined;
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'reload-worker.js'), join(here, '..', 'reload-worker.js')].find((f) => existsSync(f));
}

/**
 * Runs validation and training in a worker thread, which leaves the result in the start-up cache;
 * undefined when that cannot be done (no cache to hand the result over through, or no worker file).
 */
function trainOffThread(env: NodeJS.ProcessEnv): Promise<WorkerOutcome | undefined> {
  const file = workerFile();
  if (file === undefined || env.POLICYBOT_NO_CACHE) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const worker = new Worker(file, { workerData: { env: { ...env } } });
    let outcome: WorkerOutcome | undefined;
    worker.once('message', (message: WorkerOutcome) => {
      outcome = message;
    });
    // A worker that died without a word: do it here instead.
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(outcome));
  });
}
