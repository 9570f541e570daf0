import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/**
 * Lower-case words, apostrophes folded. natural's tokenizers split on ASCII classes and would cut
 * "Ciudad Juárez" in two; a Unicode letter class keeps any script whole.
 */
export function words(text: string): string[] {
  const prepared = text
    // "US" in capitals is the country; "us" in lower case is the pronoun.
    .replace(/\bU\.?S\.?A?\b\.?|\bu\.s\.(?:a\.)?/g, ' unitedstates ')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    // Chat stretches words ("heyyy", "pleeease"): English never triples a letter.
    .replace(/(\p{L})\1{2,}/gu, '$1');
  const found = prepared.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
  // "what's" and "1787's" mean "what" and "1787" here: the possessive and contractions are noise.
  return found
    .map((w) => w.replace(/'(?:s|re|ve|ll|d|m|t)$/u, ''))
    .flatMap((w) => CHAT_SPEAK.get(w) ?? [w])
    .filter((w) => w.length > 0);
}

/** Chat shorthand, spelled out so it meets the training phrases. */
const CHAT_SPEAK: ReadonlyMap<string, string[]> = new Map(
  Object.entries({
    u: ['you'],
    w: ['with'],
    thru: ['through'],
    ur: ['your'],
    r: ['are'],
    abt: ['about'],
    thx: ['thanks'],
    thnx: ['thanks'],
    tx: ['thanks'],
    ty: ['thank', 'you'],
    tysm: ['thank', 'you'],
    wat: ['what'],
    wht: ['what'],
    govt: ['government'],
    govts: ['governments'],
    gimme: ['give', 'me'],
    orgs: ['organizations'],
    org: ['organization'],
    gov: ['government'],
    natsec: ['national', 'security'],
    intl: ['international'],
    info: ['information'],
  }),
);

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{L}+$/u.test(word) ? PorterStemmer.stem(word) : word;
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}
