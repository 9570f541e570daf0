import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The CLI tests run the real bundle: build it from the current sources first (about a second). */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'build.mjs')], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: 'inherit',
  });
}
