/**
 * What a person typed, made fit to be shown back on any surface. Characters that change how the
 * text around them reads, or hide in it, are removed: bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069: "txt.exe" shown as "exe.txt"), the other format
 * characters (zero-width spaces and joiners, U+FEFF, soft hyphens) and control characters (BEL,
 * ESC: a terminal reading the log would obey them). Tabs and line breaks stay, for the caller to
 * fold into spaces. A zero-width joiner between two emoji is kept: it is what joins 👩 and 💻 into
 * one character, not something hidden.
 */
const HIDDEN = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})|([\p{Cc}\p{Cf}])/gu;

export function visibleText(text: string): string {
  return text.replace(HIDDEN, (joiner: string, hidden: string | undefined) =>
    hidden === undefined ? joiner : /[\t\n\r]/.test(hidden) ? hidden : '',
  );
}
