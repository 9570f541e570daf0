import { loadDotEnv } from '../config/dotenv.js';
import { ConfigError } from '../config/errors.js';
import { KnowledgeBaseError } from '../knowledge/errors.js';
import type { CliIO, Command } from './io.js';
import { writeLine } from './io.js';

/**
 * Commands load on demand, so answering a question never pulls in eval, chat or a platform SDK.
 * The one list of commands: usage() prints it, and the docs tests read it.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  ask: {
    summary: 'answer a question (or one per line of stdin)',
    load: async () => (await import('./commands/ask.js')).ask,
  },
  cite: {
    summary: 'a quote with a copy-ready reference (--style chicago|apa|mla|plain|markdown|bibtex|csl-json)',
    load: async () => (await import('./commands/cite.js')).cite,
  },
  verify: {
    summary: "check a memo's quotations against the sources (exit 1 unless all are exact)",
    load: async () => (await import('./commands/verify.js')).verify,
  },
  chat: { summary: 'talk in the terminal', load: async () => (await import('./commands/chat.js')).chat },
  start: {
    summary: 'what `npm start` runs: serve when a platform is configured, else chat',
    load: async () => (await import('./commands/start.js')).start,
  },
  serve: {
    summary: 'start every configured chat platform',
    load: async () => (await import('./commands/serve.js')).serve,
  },
  web: {
    summary: 'the citation page in a browser, on this machine (--port N)',
    load: async () => (await import('./commands/web.js')).web,
  },
  discord: {
    summary: 'register the Discord slash commands',
    load: async () => (await import('./commands/discord.js')).discord,
  },
  topics: {
    summary: 'list what it can answer',
    load: async () => (await import('./commands/topics.js')).topics,
  },
  check: {
    summary: 'validate intents/ and content/',
    load: async () => (await import('./commands/check.js')).check,
  },
  eval: {
    summary: 'score on a labelled JSONL file',
    load: async () => (await import('./commands/eval.js')).evalCommand,
  },
  report: {
    summary: 'what it could not answer, grouped, for curators',
    load: async () => (await import('./commands/report.js')).report,
  },
  learn: {
    summary: "proposals from the curators' record, to accept into intents/ or reject",
    load: async () => (await import('./commands/learn.js')).learn,
  },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `policybot — answers on transnational crime threats and 1787's solutions, with citations.

Usage: policybot <command> [options]

${rows.join('\n')}

Run "policybot <command> --help" for a command's options.`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { defaultKnowledgeDir } = await import('../runtime/open.js');
    const pkg = JSON.parse(readFileSync(join(defaultKnowledgeDir(), 'package.json'), 'utf8')) as {
      version: string;
    };
    writeLine(io.stdout, `policybot ${pkg.version}`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    writeLine(io.stderr, `Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    writeLine(io.stdout, `usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    // Every command reads .env alike, before it reads a setting; the environment wins over the file.
    if (io.cwd !== undefined) loadDotEnv(io.env, io.cwd);
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof KnowledgeBaseError || error instanceof ConfigError) {
      writeLine(io.stderr, error.message);
      return 1;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      writeLine(io.stderr, `${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
