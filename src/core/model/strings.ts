import { FNV_OFFSET, hashOn, stableHash } from './hash.js';

/**
 * A list of strings as the start-up cache keeps it: one string of them all end to end, where each
 * starts, and (for a list of distinct strings looked up by value) an open-addressing hash table
 * of their indices. A warm start reads the three as they are, without making tens of thousands of
 * strings or a Map of them; a string is sliced out only when it is asked for.
 */
export interface StringTableState {
  readonly text: string;
  /** String i is text.slice(start[i], start[i + 1]). */
  readonly start: Int32Array;
  /** A power of two long; each slot is 0 (empty) or an index + 1, found by linear probing. */
  readonly slots?: Int32Array;
}

export class StringTable {
  private readonly text: string;
  private readonly start: Int32Array;
  private readonly slots: Int32Array | undefined;
  private readonly mask: number;

  /** The strings, in order; with `lookup`, distinct and found by indexOf. */
  static of(strings: readonly string[], options: { lookup?: boolean } = {}): StringTable {
    const start = new Int32Array(strings.length + 1);
    strings.forEach((s, i) => {
      start[i + 1] = (start[i] as number) + s.length;
    });
    const text = strings.join('');
    if (!options.lookup) return new StringTable({ text, start });
    let size = 1;
    while (size < 2 * strings.length) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    strings.forEach((s, i) => {
      let slot = stableHash(s) & mask;
      for (let other = (slots[slot] as number) - 1; other >= 0; other = (slots[slot] as number) - 1) {
        const at = start[other] as number;
        if ((start[other + 1] as number) - at === s.length && text.startsWith(s, at))
          throw new Error(`StringTable: ${JSON.stringify(s)} twice in a table for lookups`);
        slot = (slot + 1) & mask;
      }
      slots[slot] = i + 1;
    });
    return new StringTable({ text, start, slots });
  }

  constructor(state: StringTableState) {
    this.text = state.text;
    this.start = state.start;
    this.slots = state.slots;
    this.mask = (state.slots?.length ?? 0) - 1;
  }

  get size(): number {
    return this.start.length - 1;
  }

  at(i: number): string {
    return this.text.slice(this.start[i], this.start[i + 1]);
  }

  /** The index of a string, or -1 when the table has no such string. */
  indexOf(s: string): number {
    const { slots, start, text, mask } = this;
    if (slots === undefined) throw new Error('StringTable: made without lookup');
    let slot = stableHash(s) & mask;
    for (;;) {
      const i = (slots[slot] as number) - 1;
      if (i < 0) return -1;
      const at = start[i] as number;
      if ((start[i + 1] as number) - at === s.length && text.startsWith(s, at)) return i;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * `indexOf(prefix + a + separator + b)` without making that string: hashed and compared piece by
   * piece. A question's word and term pairs are looked up this way, thousands of times a second.
   */
  indexOfJoined(prefix: string, a: string, separator: string, b: string): number {
    const { slots, start, text, mask } = this;
    if (slots === undefined) throw new Error('StringTable: made without lookup');
    const length = prefix.length + a.length + separator.length + b.length;
    let slot = hashOn(hashOn(hashOn(hashOn(FNV_OFFSET, prefix), a), separator), b) & mask;
    for (;;) {
      const i = (slots[slot] as number) - 1;
      if (i < 0) return -1;
      let at = start[i] as number;
      if ((start[i + 1] as number) - at === length && text.startsWith(prefix, at)) {
        at += prefix.length;
        if (text.startsWith(a, at) && text.startsWith(separator, at + a.length)) {
          if (text.startsWith(b, at + a.length + separator.length)) return i;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  toArray(): string[] {
    return Array.from({ length: this.size }, (_, i) => this.at(i));
  }

  toState(): StringTableState {
    return {
      text: this.text,
      start: this.start,
      ...(this.slots === undefined ? {} : { slots: this.slots }),
    };
  }
}
