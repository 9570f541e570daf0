import { parseArgs } from 'node:util';
import { configuredPlatforms, PLATFORMS } from '../../adapters/registry.js';
import { type Command, writeLine } from '../io.js';

/** After a clean stop nothing should be left running; if a library left a timer, do not hang on it. */
const EXIT_AFTER_STOP_MS = 3000;

export const serve = {
  name: 'serve',
  summary: 'start every configured chat platform (Slack, Discord), with health, metrics and reload',
  usage: 'policybot serve [--watch]',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { watch: { type: 'boolean' } }, strict: true });
    if (configuredPlatforms(io.env).length === 0) {
      writeLine(
        io.stderr,
        `No chat platform is configured. Set the variables of one of: ${PLATFORMS.map((p) => p.name).join(', ') || '(none built in)'} (see .env.example), or run "policybot chat".`,
      );
      return 1;
    }
    // Loaded here only: pino and prom-client stay out of `policybot ask`'s start-up.
    const { startInstance } = await import('../../ops/instance.js');
    const instance = await startInstance({
      env: io.env,
      logStream: io.stderr,
      watch: values.watch === true,
      guardProcess: true,
    });
    const reload = () => void instance.reload('SIGHUP');
    process.on('SIGHUP', reload);
    const signal = await new Promise<string>((resolve) => {
      const stop = (name: string) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        // A second signal while draining means "now": skip the grace period.
        const now = (again: string) => {
          instance.logger.warn({ signal: again }, 'second signal: exiting without waiting');
          process.exit(1);
        };
        process.once('SIGINT', now);
        process.once('SIGTERM', now);
        resolve(name);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    process.off('SIGHUP', reload);
    await instance.stop(signal);
    setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_AFTER_STOP_MS).unref();
    return 0;
  },
} satisfies Command;
