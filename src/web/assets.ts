import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the page loads from itself (the CSP allows no other): its bytes, type and validator. */
export interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

const FILES = {
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
} as const;

/**
 * The folder of the page's static files: src/web/assets beside this module when run from the
 * sources, dist/web/assets (copied there by the build) when run from the bundle.
 */
function assetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'assets'), join(dir, 'web', 'assets')]) {
      if (existsSync(join(candidate, 'app.js')) && existsSync(join(candidate, 'style.css'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the web page assets (app.js, style.css) are missing');
    dir = parent;
  }
}

/** Read once at start-up: two small files, served from memory. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const dir = assetsDir();
  return new Map(
    Object.entries(FILES).map(([name, type]) => {
      const body = readFileSync(join(dir, name));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      return [name, { body, type, etag }];
    }),
  );
}
