import type { Attribution } from '../../knowledge/types.js';
import type { AuthorNames, Mention } from './authors.js';
import { type Named, NameRoles } from './roles.js';
import type { Author } from './types.js';
import { boundaryBefore, findPhrases, range, startsAt } from './phrases.js';
import { isInitialism, type Word, wordsOf } from './words.js';

/** Whom a passage of text credits some words to. */
export type Claim = (Author & { readonly phrase: string }) | null;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A sentence's words and the phrases in it that credit words (CreditReader.phrases). */
export interface SentencePhrases {
  readonly words: readonly Word[];
  /** Cues by word index: whom each credits, whether it ends the sentence, whether a name stands before it. */
  readonly cues: readonly {
    readonly at: number;
    readonly length: number;
    readonly claim: Claim | undefined;
    readonly closing: boolean;
    readonly afterName: boolean;
  }[];
  /** Leads by word index, to the last word of the name after them. */
  readonly leads: readonly {
    readonly at: number;
    readonly last: number;
    readonly claim: Claim | undefined;
  }[];
}

/** Something in a sentence that credits words: where it stands, and to whom (null: the writer). */
interface Credit {
  readonly at: number;
  readonly claim: Claim;
  /** A source a page or a speaker passes on ("quoting the ATA"). */
  readonly source?: boolean;
}

type Phrases = readonly (readonly string[])[];

/**
 * Reads whom a sentence credits a quotation to, the way a reader does: the nearest attributing
 * phrase before the quotation in its sentence, else the one right after it ("…," the ATA warns).
 * An attributing phrase is a cue with its subject ("the ATA warns", "a senior official told",
 * "it says"), a lead ("according to 1787,"), a page passing on another's words ("1787, quoting the
 * ATA,": the ATA's), or a name of an author we hold standing on its own ("1787's recommendation
 * is to", "ODNI:"). A pronoun or a noun standing for an author ("it", "the think tank") is read as
 * the author named nearest before it, in the sentence or the two before; a subject that names
 * nobody we know ("one expert", "Senator Alvarez", "critics") is someone else; the writer's own
 * voice ("we urge") credits nobody.
 */
export class CreditReader {
  private readonly cues: Phrases;
  private readonly leads: Phrases;
  private readonly relaying: Phrases;
  private readonly writers: ReadonlySet<string>;
  private readonly modals: ReadonlySet<string>;
  private readonly determiners: ReadonlySet<string>;
  private readonly clauses: ReadonlySet<string>;
  private readonly coordinators: ReadonlySet<string>;
  private readonly defaults: Readonly<Record<string, readonly string[]>>;
  private readonly roles: NameRoles;
  private readonly backReferences: ReadonlySet<string>;

  constructor(
    private readonly names: AuthorNames,
    language: Attribution,
    /** The lexicon's stop words (src/core/text/lexicon.ts): words that name nobody. */
    private readonly stopwords: ReadonlySet<string>,
  ) {
    const split = (list: readonly string[]) =>
      list.map((p) => wordsOf(p).map((w) => w.lower)).sort((a, b) => b.length - a.length);
    this.cues = split(language.cues);
    this.leads = split(language.leads);
    this.relaying = split(language.relaying);
    this.writers = new Set(language.writers);
    this.modals = new Set(language.modals);
    this.determiners = new Set(language.determiners);
    this.clauses = new Set(language.clauses);
    this.coordinators = new Set(language.coordinators);
    this.defaults = language.defaults;
    this.roles = new NameRoles(names, language);
    this.backReferences = new Set(language.backReferences);
  }

  /**
   * Whom the words at `quote` are credited to, reading `sentence` of `masked` (the text with its
   * quotations blanked out); `earlier` are the sentences before it, nearest first, where a pronoun
   * finds its author.
   */
  claimFor(masked: string, sentence: Span, quote: Span, earlier: readonly Span[], later?: Span): Claim {
    const words = wordsOf(masked.slice(sentence.start, sentence.end), sentence.start);
    const named = this.roles.named(words, masked);
    const resolve = (n: Named): Claim | undefined =>
      n.pronoun ? this.antecedent(masked, n, named, earlier) : claimOf(n);
    const credits: Credit[] = [];
    const push = (at: number, claim: Claim | undefined, source = false): void => {
      if (claim !== undefined) credits.push({ at, claim, source });
    };
    // Before the quotation: pages passing words on, cues with their subjects, leads, names.
    for (const n of named) {
      const end = (words[n.last] as Word).end;
      if (end > quote.start || n.relay || n.object) continue;
      if (n.source) push(end, resolve(n), true);
      else if (this.roles.standsAlone(words, n)) push(end, resolve(n));
    }
    for (const cue of findPhrases(words, this.cues, startsAt, masked)) {
      const end = (words[cue.at + cue.length - 1] as Word).end;
      if (end > quote.start) continue;
      push(end, this.speaker(words, masked, named, cue, resolve, 'before'));
    }
    for (const lead of findPhrases(words, this.leads, startsAt, masked)) {
      const n = named.find((m) => m.first >= lead.at + lead.length && m.first <= lead.at + lead.length + 1);
      if (n !== undefined && (words[n.last] as Word).end <= quote.start)
        push((words[n.last] as Word).end, resolve(n));
    }
    credits.sort((a, b) => a.at - b.at);
    const before = credits.at(-1);
    // Someone we hold nothing from, citing a source: "Citing the ATA, the Congresswoman noted".
    const cited = credits.filter((c) => c.source).at(-1);
    if (
      before !== undefined &&
      cited !== undefined &&
      before.claim !== null &&
      before.claim.sourceId === null
    )
      return cited.claim;
    // A source the clause right after the quotation says it passes on: "1787 says …, quoting the
    // ATA" (not "… before quoting its warnings": what it quotes later is other words).
    const next = words.findIndex((w) => w.start >= quote.end);
    const passedOn = named.find(
      (n) =>
        n.source &&
        n.first >= next &&
        next >= 0 &&
        this.relaying.some((r) => startsAt(words, next, r)) &&
        !range(next + 1, n.first).some((k) => this.boundary(words, masked, k)),
    );
    if (before !== undefined && passedOn !== undefined) return resolve(passedOn) ?? before.claim;
    if (before !== undefined) return before.claim;
    const after = this.after(words, masked, named, quote, resolve);
    // A quotation that is a sentence of its own, credited nowhere in it, is the words of the author
    // the sentence after it names when that sentence points back at it ("“Work with Canada …”
    // That is the ATA's recommendation."), else of the author the sentence before is about ("1787
    // has a plan for the border. “Work with Canada …”").
    const opens = words.every((w) => w.end <= quote.start || w.start >= quote.end);
    const alone = opens && !words.some((w) => w.start >= quote.end && /\p{L}/u.test(w.lower));
    if (after !== null || !alone) return after;
    return this.pointedBack(masked, later) ?? this.subjectOf(masked, earlier.slice(0, 1)) ?? null;
  }

  /** The author a sentence that points back at the quotation before it names first ("These are 1787's words"). */
  private pointedBack(masked: string, next: Span | undefined): Claim | undefined {
    if (next === undefined) return undefined;
    const words = wordsOf(masked.slice(next.start, next.end), next.start);
    if (!this.backReferences.has(words[0]?.lower ?? '')) return undefined;
    const named = this.roles.named(words, masked).find((n) => !n.pronoun && !n.relay);
    return named === undefined ? undefined : claimOf(named);
  }

  /**
   * The phrases of a sentence that credit words, read as for a quotation: each cue with whom it
   * credits (its subject, or after a quotation the name after it: "…, says 1787"; undefined when it
   * reports no one's words: "the Member should say"), and each lead with its author ("according to
   * 1787,"). A sentence that credits words without quotation marks is read from these.
   */
  phrases(masked: string, sentence: Span, earlier: readonly Span[]): SentencePhrases {
    const words = wordsOf(masked.slice(sentence.start, sentence.end), sentence.start);
    const named = this.roles.named(words, masked);
    const resolve = (n: Named): Claim | undefined =>
      n.pronoun ? this.antecedent(masked, n, named, earlier) : claimOf(n);
    const closing = (at: number, length: number): boolean => at + length === words.length;
    const cues = findPhrases(words, this.cues, startsAt, masked).map((cue) => ({
      ...cue,
      claim: this.speaker(
        words,
        masked,
        named,
        cue,
        resolve,
        closing(cue.at, cue.length) ? 'after' : 'before',
      ),
      closing: closing(cue.at, cue.length),
      afterName: named.some((n) => n.first < cue.at),
    }));
    const leads = findPhrases(words, this.leads, startsAt, masked).flatMap((lead) => {
      const n = named.find((m) => m.first >= lead.at + lead.length && m.first <= lead.at + lead.length + 1);
      return n === undefined ? [] : [{ at: lead.at, last: n.last, claim: resolve(n) }];
    });
    return { words, cues, leads };
  }

  /** The clause right after a quotation: "…," the ATA warns / says 1787 / she told / according to ODNI. */
  private after(
    words: readonly Word[],
    masked: string,
    named: readonly Named[],
    quote: Span,
    resolve: (n: Named) => Claim | undefined,
  ): Claim {
    const from = words.findIndex((w) => w.start >= quote.end);
    if (from < 0) return null;
    let to = from;
    while (to + 1 < words.length && !this.boundary(words, masked, to + 1) && to - from < 8) to++;
    for (const lead of findPhrases(words, this.leads, startsAt, masked)) {
      if (lead.at < from || lead.at > to) continue;
      const n = named.find((m) => m.first >= lead.at + lead.length && m.first <= lead.at + lead.length + 1);
      if (n !== undefined) return resolve(n) ?? null;
    }
    for (const cue of findPhrases(words, this.cues, startsAt, masked)) {
      if (cue.at < from || cue.at > to) continue;
      const speaker = this.speaker(words, masked, named, cue, resolve, 'after');
      if (speaker !== undefined) return speaker;
    }
    // A signature under a block quote ("— 1787") or a citation in brackets ("(ATA 2024)").
    const cited = /[(\u2014\u2013-]/u.test(masked.slice(quote.end, (words[from] as Word).start));
    const alone = named.find((n) => n.first === from && (n.last === to || cited) && !n.relay);
    return alone === undefined ? null : (resolve(alone) ?? null);
  }

  /**
   * Who speaks through a cue: the subject before it in its clause ("Haines told", "A senior CBP
   * official told", "it says"); before a quotation, a subject cut off by an aside is the clause
   * before it ("1787's page, quoting the DNI, says"); after one, a cue with nothing before it takes
   * the name after it ("…," says 1787). Undefined when the cue reports no one's words ("the Member
   * should say", "That said").
   */
  private speaker(
    words: readonly Word[],
    masked: string,
    named: readonly Named[],
    cue: { at: number; length: number },
    resolve: (n: Named) => Claim | undefined,
    side: 'before' | 'after',
  ): Claim | undefined {
    const previous = words[cue.at - 1];
    if (previous !== undefined && this.modals.has(previous.lower)) return undefined;
    const clauseStart = (from: number): number => {
      let at = from;
      while (at > 0 && !this.boundary(words, masked, at) && from - at < 12) at--;
      return at;
    };
    let start = clauseStart(cue.at);
    if (start === cue.at && side === 'after') return this.inverted(words, masked, named, cue, resolve);
    // The clause before the cue; when asides cut it off ("the 2024 ATA, dated February 5, warns"),
    // the clauses before them too, at most three.
    const clauses: [number, number][] = [];
    let end = cue.at;
    for (let k = 0; k < 3; k++) {
      if (start < end) clauses.push([start, end]);
      const aside =
        start === end ||
        /[,—–()]/u.test(masked.slice((words[end - 1] as Word).end, (words[end] as Word).start));
      if (!aside || start === 0) break;
      end = start;
      start = clauseStart(end - 1);
    }
    // The subject, first among names not after a preposition ("The ATA, like 1787, says": the ATA;
    // "The DNI, in the “Annual Threat Assessment,” reports": the DNI), else any.
    for (const strict of [true, false]) {
      for (const [clauseFrom, to] of clauses) {
        // Subjects joined by "and" speak together: "Both the ATA and 1787 agree".
        const joined =
          this.coordinators.has((words[clauseFrom] as Word).lower) &&
          clauseFrom > 0 &&
          !boundaryBefore(words, masked, clauseFrom, new Set());
        const from = joined ? clauseStart(clauseFrom - 1) : clauseFrom;
        const subject = named.filter(
          (n) =>
            n.last >= from &&
            n.last < to &&
            !n.relay &&
            !n.object &&
            (!strict || n.source || !this.roles.afterPreposition(words, n)),
        );
        const source = subject.find((n) => n.source);
        if (source !== undefined) return resolve(source);
        const speaking = subject.filter((n) => !this.roles.relayingAt(words, n.last + 1));
        const authors = new Set(speaking.filter((n) => !n.pronoun).map((n) => n.author.sourceId));
        if (joined && authors.size > 1) {
          // Two authors credited with one quotation: at least one of them is credited wrongly.
          const phrase = masked.slice((words[from] as Word).start, (words[to - 1] as Word).end);
          return { sourceId: null, name: phrase, phrase };
        }
        // A name before a pronoun noun: "The think tank 1787 writes".
        const first = speaking.find((n) => !n.pronoun) ?? speaking[0];
        if (first !== undefined) return resolve(first);
      }
    }
    const nearest = clauses[0];
    if (nearest === undefined) return undefined;
    const own = words.slice(nearest[0], nearest[1]);
    if (own.some((w) => this.writers.has(w.lower) && !isInitialism(w))) return null;
    // Someone unnamed is a phrase with a word of letters that is no function word ("2024" is not).
    const content = (w: Word): boolean =>
      /\p{L}/u.test(w.lower) && !this.stopwords.has(w.lower) && !this.determiners.has(w.lower);
    if (!own.some(content)) return undefined;
    const phrase = masked.slice((own[0] as Word).start, (own.at(-1) as Word).end);
    return { sourceId: null, name: phrase, phrase };
  }

  /** "…," says 1787 / warns the ATA / said Senator Alvarez. */
  private inverted(
    words: readonly Word[],
    masked: string,
    named: readonly Named[],
    cue: { at: number; length: number },
    resolve: (n: Named) => Claim | undefined,
  ): Claim | undefined {
    const from = cue.at + cue.length;
    const n = named.find((m) => m.first >= from && m.first <= from + 1);
    if (n !== undefined) return resolve(n);
    let to = from;
    while (to + 1 < words.length && !this.boundary(words, masked, to + 1) && to - from < 4) to++;
    const own = words.slice(from, to + 1);
    if (own.length === 0 || own[0]?.lower === 'that') return undefined;
    if (own.some((w) => this.writers.has(w.lower) && !isInitialism(w))) return null;
    if (!own.some((w) => !this.stopwords.has(w.lower))) return undefined;
    const phrase = masked.slice((own[0] as Word).start, (own.at(-1) as Word).end);
    return { sourceId: null, name: phrase, phrase };
  }

  /**
   * The author a pronoun stands for: the nearest named before it, in its sentence or the two
   * before; else the author a pronoun noun stands for by default ("the think tank"); else unknown.
   */
  private antecedent(
    masked: string,
    pronoun: Named,
    named: readonly Named[],
    earlier: readonly Span[],
  ): Claim | undefined {
    // In its sentence, the nearest name before it ("asks ODNI to explain why it says"); in a
    // sentence before, the page passed on, else its subject, the first name not after a
    // preposition ("The ATA makes a different point from 1787. It warns …": the ATA).
    // A page's quoted source is no antecedent ("It quotes the ATA …, and then it proposes"); an
    // earlier pronoun is, standing for what it stands for.
    const inSentence = named.filter((n) => n.last < pronoun.first && !n.relay && !n.source);
    const last = inSentence.at(-1);
    if (last !== undefined && !last.pronoun) return claimOf(last);
    if (last !== undefined) return this.antecedent(masked, last, named, earlier);
    const subject = this.subjectOf(masked, earlier.slice(0, 2));
    if (subject !== undefined) return subject;
    const words = wordsOf(pronoun.phrase).map((w) => w.lower.replace(/'s$/, ''));
    const key = words.join(' ');
    const bare = words.filter((w) => !this.determiners.has(w)).join(' ');
    for (const [id, phrases] of Object.entries(this.defaults)) {
      if (phrases.some((p) => p === key || p === `the ${bare}`))
        return { ...this.names.author(id), phrase: pronoun.phrase };
    }
    return undefined;
  }

  /**
   * Whom the first of some sentences (nearest first) that names an author is about: the page it
   * passes on, else its subject, the first name not after a preposition ("The ATA makes a
   * different point from 1787.": the ATA), else its last name.
   */
  private subjectOf(masked: string, sentences: readonly Span[]): Claim | undefined {
    for (const span of sentences) {
      const before = wordsOf(masked.slice(span.start, span.end), span.start);
      const found = this.roles.named(before, masked).filter((n) => !n.pronoun && !n.relay);
      const source = found.filter((n) => n.source).at(-1);
      const subject = found.find((n) => !this.roles.afterPreposition(before, n));
      const chosen = subject ?? source ?? found.at(-1);
      if (chosen !== undefined) return claimOf(chosen);
    }
    return undefined;
  }

  private boundary(words: readonly Word[], masked: string, i: number): boolean {
    return boundaryBefore(words, masked, i, this.clauses);
  }
}

function claimOf(n: Mention): Claim {
  return { ...n.author, phrase: n.phrase };
}
