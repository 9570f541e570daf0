/**
 * The heavy half of a reload, in a worker thread: validate intents/ and content/ and train the
 * model (a second or more of CPU), writing the start-up cache. The main thread, which goes on
 * answering meanwhile, then opens the knowledge base from that cache (a warm start: tens of ms).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { formatProblem, KnowledgeBaseError } from '../knowledge/errors.js';
import { openKnowledge } from '../runtime/open.js';

const { env } = workerData as { env: NodeJS.ProcessEnv };
try {
  await openKnowledge(env);
  parentPort?.postMessage({ ok: true });
} catch (error) {
  parentPort?.postMessage({
    ok: false,
    problems: error instanceof KnowledgeBaseError ? error.problems.map(formatProblem) : undefined,
    message: error instanceof Error ? error.message : String(error),
  });
}
