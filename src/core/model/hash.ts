/** FNV-1a's starting value: `stableHash(text)` is `hashOn(FNV_OFFSET, text) >>> 0`. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * 32-bit FNV-1a over a string's UTF-16 code units: the same on every machine and in every run. The
 * one hash of the model: it orders training examples (examples.ts) and places strings in the
 * start-up cache's lookup tables (strings.ts).
 */
export function stableHash(text: string): number {
  return hashOn(FNV_OFFSET, text) >>> 0;
}

/**
 * FNV-1a continued over more text: the hash of a string made of pieces, from the pieces, without
 * joining them (`hashOn(hashOn(FNV_OFFSET, a), b) >>> 0` is `stableHash(a + b)`).
 */
export function hashOn(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}
