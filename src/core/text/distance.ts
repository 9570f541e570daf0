/**
 * The Damerau-Levenshtein distance exactly as natural's `DamerauLevenshteinDistance(a, b)` computes
 * it with its default options (unit costs, unrestricted transpositions), which the spelling
 * corrector and the topic finder were tuned with: the same numbers, from one flat table of
 * integers instead of an object per cell and underscore's `min` (and without loading underscore,
 * a tenth of the CLI's start-up).
 *
 * It keeps natural's one departure from the textbook algorithm, since answers depend on it: the
 * last row each letter of `source` was seen in is updated while its row is being filled, not after
 * it, so a transposition may be costed from the current row ("xa" to "xaa" is 0, not 1).
 * tests/core/distance.test.ts checks it against natural's on random strings.
 */
let table = new Int32Array(0);

export function damerauLevenshtein(source: string, target: string): number {
  const rows = source.length + 1;
  const columns = target.length + 1;
  if (table.length < rows * columns) table = new Int32Array(rows * columns * 2);
  const d = table;
  for (let column = 0; column < columns; column++) d[column] = column;
  for (let row = 1; row < rows; row++) d[row * columns] = row;
  // Per letter of the source (a UTF-16 unit, as natural indexes strings): the last row it was in.
  const letters: number[] = [];
  const lastRow: number[] = [];
  for (let row = 1; row < rows; row++) {
    const sourceLetter = source.charCodeAt(row - 1);
    let lastColumnMatch = 0;
    for (let column = 1; column < columns; column++) {
      const targetLetter = target.charCodeAt(column - 1);
      const here = row * columns + column;
      let cost = (d[here - 1] as number) + 1;
      const deletion = (d[here - columns] as number) + 1;
      if (deletion < cost) cost = deletion;
      const substitution = (d[here - columns - 1] as number) + (sourceLetter === targetLetter ? 0 : 1);
      if (substitution < cost) cost = substitution;
      if (row > 1 && column > 1 && lastColumnMatch > 0) {
        const seen = letters.indexOf(targetLetter);
        if (seen >= 0) {
          const lastRowMatch = lastRow[seen] as number;
          const transposition =
            (d[(lastRowMatch - 1) * columns + lastColumnMatch - 1] as number) +
            (row - lastRowMatch - 1) +
            (column - lastColumnMatch - 1) +
            1;
          if (transposition < cost) cost = transposition;
        }
      }
      d[here] = cost;
      const known = letters.indexOf(sourceLetter);
      if (known >= 0) lastRow[known] = row;
      else {
        letters.push(sourceLetter);
        lastRow.push(row);
      }
      if (sourceLetter === targetLetter) lastColumnMatch = column;
    }
  }
  return d[rows * columns - 1] as number;
}
