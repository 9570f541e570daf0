// Bundles the CLI so that `policybot ask` starts fast: one file read instead of hundreds of
// module look-ups (zod alone is ~90 ms unbundled on a small machine). Type checking is `npm run typecheck`.
import { chmodSync, copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { thirdPartyLicenses } from './licenses.mjs';

const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

rmSync('dist', { recursive: true, force: true });
const { metafile } = await build({
  // The reload worker is an entry of its own: a worker thread loads it by file name.
  entryPoints: { main: 'src/cli/main.ts', 'reload-worker': 'src/ops/reload-worker.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // The citation styles are CSL files: inlined as text, so the bundle reads no file to cite and
  // nothing outside dist/ has to ship.
  loader: { '.csl': 'text' },
  // Platform SDKs stay in node_modules and load only when an adapter starts; so do the serving
  // libraries (pino resolves its worker files at run time, which a bundle would break), which
  // only `serve` imports, and the Redis client (only with POLICYBOT_REDIS_URL). citeproc (the CSL
  // processor under @citation-js/plugin-csl, CPAL-1.0 OR AGPL) stays there too, unmodified and
  // with its licence notice, rather than in our bundle.
  external: [
    'discord.js',
    '@slack/bolt',
    '@slack/*',
    '@discordjs/*',
    'pino',
    'pino-pretty',
    'prom-client',
    'ioredis',
    'citeproc',
  ],
  // natural is CommonJS: give its require() a real implementation inside an ES module bundle.
  banner: { js: REQUIRE_BANNER },
  logLevel: 'warning',
  // Which packages went into the bundle, for their licence texts below.
  metafile: true,
});
// The banner gives every output file a require(), but only the few that hold CommonJS code call
// it: the others lose it (its line left empty, so the source maps still line up), and a one-shot
// `ask` makes one require function and imports node:module once instead of once per chunk.
for (const file of Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(file, 'utf8');
  // After the entry's #! line, if it has one.
  const at = code.startsWith('#!') ? code.indexOf('\n') + 1 : 0;
  if (!code.startsWith(REQUIRE_BANNER, at)) continue;
  const rest = code.slice(at + REQUIRE_BANNER.length);
  if (!/\brequire\b/.test(rest)) writeFileSync(file, code.slice(0, at) + rest);
}
chmodSync('dist/cli/main.js', 0o755);
// The web page's static files (its one script and stylesheet) ship beside the bundle.
cpSync('src/web/assets', 'dist/web/assets', { recursive: true });
// Every package the bundle holds ships its licence text with it (MIT, BSD and Apache all ask for
// that), and the project's own NOTICE when there is one.
writeFileSync('dist/THIRD-PARTY-LICENSES', thirdPartyLicenses(metafile).text);
if (existsSync('NOTICE')) copyFileSync('NOTICE', 'dist/NOTICE');
