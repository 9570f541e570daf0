import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCES_VERSION } from '../../src/core/citations/styles.js';
import { ROOT } from './helpers.js';

/** Everything the references kept in the start-up cache are rendered from, besides content/. */
const RENDERED_FROM = [
  'src/core/citations/bibtex.ts',
  'src/core/citations/csl.ts',
  'src/core/citations/plain.ts',
  'src/core/citations/render.ts',
  'src/core/citations/styles/apa.csl',
  'src/core/citations/styles/chicago.csl',
  'src/core/citations/styles/mla.csl',
];
const ENGINE_PACKAGES = [
  '@citation-js/core',
  '@citation-js/plugin-bibtex',
  '@citation-js/plugin-csl',
  '@citation-js/plugin-ris',
  'citeproc',
];

/** The pinned fingerprint of version REFERENCES_VERSION. */
const PINNED = { version: 10, sha256: '6a4f0d65264a2f883963ba53be2b4eb853327eb23ab7157adfa159d95c7d5b59' };

describe('REFERENCES_VERSION', () => {
  it('is bumped whenever a style, the mapping or the engine changes', () => {
    const hash = createHash('sha256');
    for (const file of RENDERED_FROM)
      hash
        .update(`${file}\n`)
        .update(readFileSync(join(ROOT, file)))
        .update('\n');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    for (const name of ENGINE_PACKAGES)
      hash.update(`${name}@${lock.packages[`node_modules/${name}`]?.version}\n`);
    const sha256 = hash.digest('hex');
    expect(
      { version: REFERENCES_VERSION, sha256 },
      'The citation styles, the mapping or the engine changed. If any reference can read differently, ' +
        'references kept in start-up caches are stale: bump REFERENCES_VERSION in ' +
        'src/core/citations/styles.ts. Then pin the version and the new sha256 here.',
    ).toEqual(PINNED);
  });
});
