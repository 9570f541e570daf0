import { configuredPlatforms } from '../../adapters/registry.js';
import type { Command } from '../io.js';

/** `npm start`: the configured platforms when there are any, the terminal chat otherwise. */
export const start = {
  name: 'start',
  summary: 'serve when a platform is configured, otherwise the terminal chat',
  usage: 'policybot start',
  async run(args, io) {
    if (configuredPlatforms(io.env).length > 0) return (await import('./serve.js')).serve.run(args, io);
    return (await import('./chat.js')).chat.run(args, io);
  },
} satisfies Command;
