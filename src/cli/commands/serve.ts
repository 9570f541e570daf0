import type { Server } from 'node:http';
import { configuredPlatforms, PLATFORMS } from '../../adapters/registry.js';
import type { RunningPlatform } from '../../adapters/types.js';
import { HttpRoutes } from '../../runtime/http.js';
import { jsonLogger } from '../../runtime/logger.js';
import { openAssistant } from '../../runtime/open.js';
import { type Command, writeLine } from '../io.js';

export const serve = {
  name: 'serve',
  summary: 'start every configured chat platform (Slack, Discord)',
  usage: 'policybot serve',
  async run(_args, io) {
    const wanted = configuredPlatforms(io.env);
    if (wanted.length === 0) {
      writeLine(
        io.stderr,
        `No chat platform is configured. Set the variables of one of: ${PLATFORMS.map((p) => p.name).join(', ') || '(none built in)'} (see .env.example), or run "policybot chat".`,
      );
      return 1;
    }
    const logger = jsonLogger(io.stderr);
    const assistant = await openAssistant(io.env);
    const http = new HttpRoutes();
    const running: RunningPlatform[] = [];
    for (const entry of wanted) {
      const adapter = await entry.load();
      running.push(await adapter.start({ assistant, env: io.env, http, logger }));
      logger.info({ platform: entry.name }, 'platform started');
    }
    let server: Server | undefined;
    if (http.size > 0) {
      const { httpEnvSchema, parseEnv } = await import('../../config/env.js');
      const { PORT, HOST } = parseEnv(httpEnvSchema, io.env);
      server = await http.listen(PORT ?? 3000, HOST, logger);
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        logger.info({ signal }, 'stopping');
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await Promise.allSettled(running.map((p) => p.stop()));
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    return 0;
  },
} satisfies Command;
