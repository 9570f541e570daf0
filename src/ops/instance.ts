import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Logger as PinoLogger } from 'pino';
import { configuredPlatforms } from '../adapters/registry.js';
import type { RunningPlatform } from '../adapters/types.js';
import { loadCoreConfig } from '../config/core.js';
import { ConfigError, httpEnvSchema, parseEnv } from '../config/env.js';
import { loadOpsConfig, type OpsConfig } from '../config/ops.js';
import { formatProblem, KnowledgeBaseError } from '../knowledge/errors.js';
import { HttpRoutes } from '../runtime/http.js';
import { InFlight } from '../runtime/in-flight.js';
import { assistantFrom, openKnowledge } from '../runtime/open.js';
import { openStateStore } from '../state/open.js';
import type { StateStore } from '../state/port.js';
import { AnswerLog } from './answer-log.js';
import { registerHealthRoutes, registerMetricsRoute } from './health.js';
import { createLogger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import { KnowledgeReloader, watchKnowledge } from './reload.js';
import { AssistantService } from './service.js';
import { logProcessFailures, shutdown } from './shutdown.js';
import { SharedRecorder, UnansweredRecorder, type UnansweredSink } from './unanswered.js';
import { pseudonymousState, sharedHashKey, userHasher } from './user-hash.js';

export interface InstanceOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Where logs go (stderr for the CLI). */
  readonly logStream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Reload intents/ and content/ when they change. */
  readonly watch?: boolean;
  /** Log process-wide failures instead of crashing (the CLI does; tests in a shared process do not). */
  readonly guardProcess?: boolean;
}

/** A running `policybot serve`: the service, its platforms and the one HTTP server. */
export interface Instance {
  readonly config: OpsConfig;
  readonly logger: PinoLogger;
  readonly metrics: Metrics;
  readonly service: AssistantService;
  /** Conversations, event ids, threads, rate limits: memory, or Redis shared by every replica. */
  readonly state: StateStore;
  readonly platforms: readonly RunningPlatform[];
  readonly server: Server;
  readonly port: number;
  /** The listener of /metrics when POLICYBOT_METRICS_ADDRESS gives it one of its own (else /metrics is on `port`). */
  readonly metricsPort: number | undefined;
  readonly root: string;
  readiness(): Record<string, boolean>;
  /** Reloads the knowledge base (SIGHUP, --watch); false when the edit was invalid and the old one kept. */
  reload(reason: string): Promise<boolean>;
  /** Graceful stop (see shutdown.ts). */
  stop(reason: string): Promise<{ drained: boolean }>;
}

/** Starts every configured platform through one service, with health, metrics and reload. */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const { env } = options;
  const config = loadOpsConfig(env);
  const core = await loadCoreConfig(env);
  const { PORT, HOST } = parseEnv(httpEnvSchema, env);
  const metricsAddress = config.metricsAddress;
  if (
    metricsAddress !== undefined &&
    metricsAddress.port !== 0 &&
    metricsAddress.port === (PORT ?? 3000) &&
    (metricsAddress.host === undefined || HOST === undefined || metricsAddress.host === HOST)
  ) {
    throw new ConfigError(
      'Invalid configuration:\n  POLICYBOT_METRICS_ADDRESS: must be another port than PORT (or leave it unset for /metrics on PORT)',
    );
  }
  const logger = await createLogger({
    level: config.logLevel,
    format: config.logFormat,
    stream: options.logStream,
  });
  const inFlight = new InFlight();
  const metrics = createMetrics({ inFlight: () => inFlight.size });

  // One store for the life of the process: a reloaded knowledge base keeps the conversations,
  // and with Redis every replica sees the same ones. Redis out of reach fails the start here,
  // before the knowledge base is loaded.
  const state = await openStateStore(config, {
    logger,
    ...(core.POLICYBOT_CONVERSATION_TTL_SECONDS === undefined
      ? {}
      : { conversationTtlMs: core.POLICYBOT_CONVERSATION_TTL_SECONDS * 1000 }),
  });
  let opened: Awaited<ReturnType<typeof openKnowledge>>;
  try {
    opened = await openKnowledge(env, core, { lastGood: true });
  } catch (error) {
    await state.close();
    throw error;
  }
  const { root } = opened;
  const recorderFile = config.unansweredLog === undefined ? undefined : resolve(config.unansweredLog);
  let key: Awaited<ReturnType<typeof sharedHashKey>>;
  try {
    key = await sharedHashKey(
      config.userHashKey,
      recorderFile && join(dirname(recorderFile), '.user-hash-salt'),
      state,
    );
  } catch (error) {
    await state.close();
    throw error;
  }
  const hashUser = userHasher(key.key);
  // No platform id reaches the store: every key is a pseudonym (conversation ids, preferences and
  // recent answers hold user ids). `state` itself is kept for readiness, the salt and closing.
  const stored = pseudonymousState(state, hashUser);
  const conversations = stored.conversations;
  if (key.source === 'process') {
    logger.warn(
      {},
      'no POLICYBOT_USER_HASH_KEY and no writable salt file: user pseudonyms change at restart',
    );
  }
  const file: UnansweredSink | undefined =
    recorderFile === undefined
      ? undefined
      : new UnansweredRecorder({ file: recorderFile, maxBytes: config.unansweredMaxBytes }, (error) =>
          logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'cannot write the unanswered log',
          ),
        );
  // Replicas share one record (the store's log) when they share a store; the file takes what it cannot.
  const recorder = state.log === undefined || file === undefined ? file : new SharedRecorder(state.log, file);
  const service = new AssistantService({
    assistant: assistantFrom(opened, core, conversations),
    logger,
    metrics,
    hashUser,
    lowConfidence: config.lowConfidence,
    limiter: stored.rateLimit({
      capacity: config.rateLimitCapacity,
      refillPerMinute: config.rateLimitRefillPerMinute,
    }),
    limits: { capacity: config.rateLimitCapacity, refillPerMinute: config.rateLimitRefillPerMinute },
    ...(recorder === undefined ? {} : { recorder }),
    answers: new AnswerLog(stored),
  });
  metrics.topics.set(opened.kb.topics.size);
  if (opened.lastGood !== undefined) {
    const { error } = opened.lastGood;
    // Served, and said loudly: the files on disk are not what is answering.
    logger.error(
      {
        ...(error instanceof KnowledgeBaseError
          ? { problems: error.problems.map(formatProblem) }
          : { err: error instanceof Error ? error.message : String(error) }),
        topics: opened.kb.topics.size,
      },
      'knowledge base invalid: serving the last good one (from the start-up cache) until the files are fixed',
    );
    metrics.reloads.inc({ result: 'failed' });
  }
  logger.info(
    { state: state.kind, ...(config.redis ? { prefix: config.redis.prefix } : {}) },
    'state store ready',
  );

  const http = new HttpRoutes({ inFlight });
  const platforms: RunningPlatform[] = [];
  let stopping = false;
  const readiness = (): Record<string, boolean> => ({
    knowledge: service.knowledgeBase.topics.size > 0,
    accepting: !stopping,
    ...state.readiness(),
    ...Object.fromEntries(platforms.map((p) => [p.name, p.isReady()])),
  });
  registerHealthRoutes(http, readiness);
  // Prometheus's way: metrics on a listener of their own when one is given, else beside the webhooks.
  const metricsRoutes = metricsAddress === undefined ? http : new HttpRoutes();
  registerMetricsRoute(metricsRoutes, metrics);
  if (config.web) {
    // The citation page routes its own paths: everything the exact routes above do not take.
    const { webHandler } = await import('../web/routes.js');
    http.fallback(webHandler({ assistant: service }));
  }

  let server: Server;
  let metricsServer: Server | undefined;
  try {
    for (const entry of configuredPlatforms(env)) {
      const adapter = await entry.load();
      platforms.push(
        await adapter.start({
          assistant: service,
          env,
          http,
          logger,
          inFlight,
          state: stored,
          feedback: service,
          signals: {
            refused: (platform, reason) => metrics.refused.inc({ platform, reason }),
            depth: (platform, waiting) => metrics.outboxDepth.set({ platform }, waiting),
            dropped: (platform, reason) => metrics.outboxDropped.inc({ platform, reason }),
          },
        }),
      );
      logger.info({ platform: entry.name }, 'platform started');
    }
    server = await http.listen(PORT ?? 3000, HOST, logger);
    if (metricsAddress !== undefined) {
      metricsServer = await metricsRoutes
        .listen(metricsAddress.port, metricsAddress.host, logger, 'metrics')
        .catch(async (error: unknown) => {
          await closeServer(server);
          throw error;
        });
    }
  } catch (error) {
    // A platform that failed, or a port in use: connected gateways must not keep the process alive.
    await Promise.allSettled(platforms.map((p) => p.stop()));
    await state.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const metricsPort = metricsServer === undefined ? undefined : (metricsServer.address() as AddressInfo).port;

  const reloader = new KnowledgeReloader({
    env,
    service,
    conversations,
    logger,
    metrics,
    config: core,
  });
  const unwatch = options.watch
    ? watchKnowledge(root, (file) => void reloader.reload(`changed: ${file}`), logger)
    : undefined;
  if (options.watch) logger.info({ root }, 'watching intents/ and content/ for changes');
  const unguard = options.guardProcess ? logProcessFailures(logger) : undefined;

  return {
    config,
    logger,
    metrics,
    service,
    state: stored,
    platforms,
    server,
    port,
    metricsPort,
    root,
    readiness,
    reload: (reason) => reloader.reload(reason),
    async stop(reason) {
      stopping = true;
      logger.info({ reason, inFlight: inFlight.size, graceMs: config.shutdownGraceMs }, 'stopping');
      unwatch?.();
      const result = await shutdown({
        http,
        server,
        inFlight,
        platforms,
        graceMs: config.shutdownGraceMs,
        logger,
      });
      // Metrics stay readable while the rest drains, and go last but for state: answers still being
      // posted during the grace period may still read and write it.
      if (metricsServer) await closeServer(metricsServer);
      await state.close();
      logger.info({ drained: result.drained }, 'stopped');
      unguard?.();
      return result;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
