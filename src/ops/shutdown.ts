import type { Server } from 'node:http';
import type { RunningPlatform } from '../adapters/types.js';
import type { HttpRoutes } from '../runtime/http.js';
import type { InFlight } from '../runtime/in-flight.js';
import type { Logger } from '../runtime/logger.js';

export interface ShutdownParts {
  readonly http: HttpRoutes;
  readonly server: Server | undefined;
  readonly inFlight: InFlight;
  readonly platforms: readonly RunningPlatform[];
  /** How long work in flight may take to finish before connections are closed under it. */
  readonly graceMs: number;
  readonly logger: Logger;
}

/** A platform's own stop is bounded too: a gateway that never answers its close must not hold the exit. */
const PLATFORM_STOP_MS = 5000;

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Stops gracefully, in this order:
 * 1. take no new work: every request arriving (on a kept-alive connection or a new one) gets a 503
 *    and its connection closes (readiness already reports not ready, so a balancer moves away);
 * 2. let what is in flight finish (HTTP requests, answers being posted), for at most `graceMs`;
 * 3. stop the platforms (Socket Mode and gateway connections close);
 * 4. close whatever connections are left.
 * Platforms stop after the drain because a Socket Mode answer is acknowledged over its socket.
 */
export async function shutdown(parts: ShutdownParts): Promise<{ drained: boolean }> {
  const { server, logger } = parts;
  // Every request from now on, on a kept-alive connection or a new one, is answered 503 with
  // "connection: close". The listener stays open while work drains: closing it would also close
  // every idle kept-alive connection (Node 19+), and a request a client sends on one at that
  // moment would be reset instead of answered.
  parts.http.stopAccepting();
  const started = Date.now();
  const drained = await parts.inFlight.idle(parts.graceMs);
  if (drained) logger.info({ ms: Date.now() - started }, 'in-flight work finished');
  else
    logger.warn(
      { inFlight: parts.inFlight.size, graceMs: parts.graceMs },
      'grace period over: closing with work in flight',
    );
  await within(
    Promise.allSettled(
      parts.platforms.map(async (p) => {
        await p.stop();
        logger.info({ platform: p.name }, 'platform stopped');
      }),
    ),
    PLATFORM_STOP_MS,
  );
  const closed = new Promise<void>((resolve) => {
    if (!server?.listening) return resolve();
    server.close(() => resolve());
  });
  server?.closeAllConnections();
  await closed;
  return { drained };
}

/**
 * Logs what escaped every handler instead of letting Node end the process. Adapters catch their
 * own failures and apologize; what still escapes is a library's timer or socket callback, and one
 * such failure is not worth dropping every conversation in flight. Returns a function that removes
 * the handlers.
 */
export function logProcessFailures(logger: Logger): () => void {
  const rejection = (reason: unknown) =>
    logger.error(
      { err: reason instanceof Error ? reason.message : String(reason), stack: stackOf(reason) },
      'unhandled rejection',
    );
  const exception = (error: Error) =>
    logger.error({ err: error.message, stack: stackOf(error) }, 'uncaught exception');
  process.on('unhandledRejection', rejection);
  process.on('uncaughtException', exception);
  return () => {
    process.off('unhandledRejection', rejection);
    process.off('uncaughtException', exception);
  };
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack?.split('\n').slice(0, 6).join('\n') : undefined;
}
