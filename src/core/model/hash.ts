/**
 * 32-bit FNV-1a over a string's UTF-16 code units: the same on every machine and in every run. The
 * one hash of the model: it orders training examples (examples.ts) and places strings in the
 * start-up cache's lookup tables (strings.ts).
 */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
