import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../support/assistant.js';

/**
 * Every option of every command is in its --help and in README's CLI table. The commands and
 * their options are read from the program itself, so a command or option added later is checked
 * without a line here: the commands from program.ts's COMMANDS, and each command's options from
 * the `parseArgs` call it makes first thing (node:util's parseArgs is wrapped to note its options
 * and stop the command there). A command that takes no options calls parseArgs with none, so that
 * an option given to it by mistake is refused rather than ignored.
 */

class Probed extends Error {
  constructor(readonly options: NonNullable<ParseArgsConfig['options']>) {
    super('probed');
  }
}

vi.mock('node:util', async (original) => {
  const util = await original<typeof import('node:util')>();
  return {
    ...util,
    parseArgs: (config: ParseArgsConfig) => {
      throw new Probed(config.options ?? {});
    },
  };
});

const { COMMANDS, main } = await import('../../src/cli/program.js');

const io = () => {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return {
    io: {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
      env: { POLICYBOT_UNANSWERED_LOG: 'off' },
    },
    out: () => out,
  };
};

/** A command's options, as its parseArgs call declares them: `--name` and `-s`. */
async function declaredOptions(name: string): Promise<{ long: string[]; short: string[] }> {
  const entry = COMMANDS[name];
  if (entry === undefined) throw new Error(`no command ${name}`);
  const command = await entry.load();
  // A task word the usage puts first (`discord register`) reaches the task's own parseArgs.
  const words = command.usage.split(/\s+/).slice(2);
  const tasks = words.slice(
    0,
    Math.max(
      0,
      words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w)),
    ),
  );
  try {
    await command.run(tasks, io().io);
  } catch (error) {
    if (error instanceof Probed)
      return {
        long: Object.keys(error.options).map((o) => `--${o}`),
        short: Object.values(error.options).flatMap((o) => (o.short ? [`-${o.short}`] : [])),
      };
    throw error;
  }
  throw new Error(
    `policybot ${name} never called parseArgs: give it parseArgs({ args, options: {} }) at least`,
  );
}

/** README's CLI table: each row's first code span, by command name. */
function readmeRows(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The CLI'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const cell = /^\| `([^`]+)`/.exec(line)?.[1];
    if (cell !== undefined) rows.set(cell.split(' ')[0] as string, cell);
  }
  return rows;
}

const optionsIn = (text: string): string[] => [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])];

describe('every option of every command, in --help and in the README', () => {
  const rows = readmeRows();
  for (const name of Object.keys(COMMANDS)) {
    it(`policybot ${name}`, async () => {
      const { long, short } = await declaredOptions(name);
      const help = io();
      expect(await main([name, '--help'], help.io)).toBe(0);
      const helpText = help.out();
      const row = rows.get(name);
      expect(row, `README.md's CLI table has no row for \`policybot ${name}\``).toBeDefined();
      const missing = [
        ...long
          .filter((o) => !optionsIn(helpText).includes(o))
          .map((o) => `${o} is missing from \`policybot ${name} --help\``),
        ...short
          .filter((o) => !new RegExp(`(?<![\\w-])${o}\\b`).test(helpText))
          .map((o) => `${o} is missing from \`policybot ${name} --help\``),
        ...long
          .filter((o) => !optionsIn(row ?? '').includes(o))
          .map((o) => `${o} is missing from README.md's CLI table row of \`policybot ${name}\``),
        ...optionsIn(helpText)
          .filter((o) => !long.includes(o))
          .map((o) => `\`policybot ${name} --help\` names ${o}, which the command does not take`),
        ...optionsIn(row ?? '')
          .filter((o) => !long.includes(o))
          .map((o) => `README.md's row of \`policybot ${name}\` names ${o}, which the command does not take`),
      ];
      expect(missing).toEqual([]);
    });
  }

  it('has no README row for a command the program does not have', () => {
    expect([...rows.keys()].filter((name) => !(name in COMMANDS))).toEqual([]);
  });
});
