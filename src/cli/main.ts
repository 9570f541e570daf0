#!/usr/bin/env node
import type { CliIO } from './io.js';
import { main } from './program.js';

// `policybot ask … | head -1`: once the reader has gone, there is no one to answer; end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const io: CliIO = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`policybot: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
