// The CSL styles are .csl files; the bundler (scripts/build.mjs) and vitest (vitest.config.ts) load
// each as its text.
declare module '*.csl' {
  const xml: string;
  export default xml;
}
