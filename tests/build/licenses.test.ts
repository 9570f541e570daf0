import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/assistant.js';

// The bundle the global setup built (scripts/build.mjs): every package whose code is in it, as its
// source maps name them, has its licence text in dist/THIRD-PARTY-LICENSES.
const DIST = join(ROOT, 'dist');

function mapFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? mapFiles(join(dir, e.name)) : e.name.endsWith('.js.map') ? [join(dir, e.name)] : [],
  );
}

function bundledPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of mapFiles(join(DIST, 'cli'))) {
    const { sources } = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] };
    for (const source of sources) {
      const at = source.lastIndexOf('node_modules/');
      if (at === -1) continue;
      const parts = source.slice(at + 'node_modules/'.length).split('/');
      names.add(parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string));
    }
  }
  return names;
}

describe('the built bundle ships the licences of what it bundles', () => {
  const text = readFileSync(join(DIST, 'THIRD-PARTY-LICENSES'), 'utf8');

  it('names every bundled package with its version and the text of its licence', () => {
    const bundled = bundledPackages();
    expect(bundled.size).toBeGreaterThan(5);
    for (const name of ['zod', 'yaml', 'natural', '@citation-js/core']) expect(bundled.has(name)).toBe(true);
    const sections = text.split(/\n={78}\n/);
    for (const name of bundled) {
      const section = sections.find((s) => s.trimStart().startsWith(`${name}@`));
      expect(section, name).toBeDefined();
      // A licence text, not just a name: every one says what it permits.
      expect(section, name).toMatch(/permission|permitted|redistribution|licensed under/i);
    }
  });

  it("ships the project's NOTICE beside it when there is one", () => {
    const notice = join(ROOT, 'NOTICE');
    if (existsSync(notice))
      expect(readFileSync(join(DIST, 'NOTICE'), 'utf8')).toBe(readFileSync(notice, 'utf8'));
    else expect(existsSync(join(DIST, 'NOTICE'))).toBe(false);
  });
});
