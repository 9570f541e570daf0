// natural's root index pulls in database drivers and a second of start-up; we load the leaf
// modules we use directly, and they ship no declarations of their own. The distance is only the
// reference that tests check src/core/text/distance.ts against.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(
    source: string,
    target: string,
    options?: { restricted?: boolean },
  ): number;
}
