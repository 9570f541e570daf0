import { parseArgs } from 'node:util';
import { configuredPlatforms } from '../../adapters/registry.js';
import { type Command, writeLine } from '../io.js';

/** `npm start`: the configured platforms when there are any, the terminal chat otherwise. */
export const start = {
  name: 'start',
  summary: 'serve when a platform is configured, otherwise the terminal chat',
  usage: 'policybot start [--watch]  (--watch: for serve, when a platform is configured)',
  async run(args, io) {
    // serve's options, checked here so that a mistake is named whichever of the two starts.
    const { values } = parseArgs({ args: [...args], options: { watch: { type: 'boolean' } } });
    if (configuredPlatforms(io.env).length > 0) return (await import('./serve.js')).serve.run(args, io);
    if (values.watch) writeLine(io.stderr, 'No chat platform is configured: --watch applies to serve only.');
    return (await import('./chat.js')).chat.run([], io);
  },
} satisfies Command;
