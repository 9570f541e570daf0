import { Writable } from 'node:stream';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { jsonLogger, type Logger } from '../../../src/runtime/logger.js';
import { assistant } from '../../support/assistant.js';

/** The real assistant over the real knowledge base (no start-up cache, so tests never write one). */
export async function realAssistant(): Promise<PolicyAssistant> {
  return assistant();
}

/** A logger whose lines the test can read (to check that no secret is ever written). */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: jsonLogger(stream, 'debug'), lines };
}
