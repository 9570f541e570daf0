import { type FollowUpKind, followUpIntent, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { ListRequests } from '../citations/list-request.js';
import type { StyleNames } from '../citations/style-names.js';
import type { Classification, Classifier } from '../model/classifier.js';
import type { Facts } from '../model/facts.js';
import type { TopicLookup } from '../model/topic-lookup.js';
import { RunFinder, withoutRun } from '../text/lexicon.js';
import type { Clause, ClauseSplitter } from './clauses.js';
import { decide } from './decide.js';
import type { Limits } from './limits.js';
import type { ReadingInput } from './prediction.js';
import { SelfReference } from './self.js';

/** What reading a question needs: the trained model and the curators' rules, built once per assistant. */
export interface QuestionReaderParts {
  readonly kb: KnowledgeBase;
  readonly classifier: Classifier;
  readonly limits: Limits;
  readonly styles: StyleNames;
  readonly listRequests: ListRequests;
  readonly clauseSplitter: ClauseSplitter;
  /** Built on first use (most questions name no topic by name). */
  readonly lookup: () => TopicLookup;
  readonly facts: () => Facts;
  readonly threshold: number;
  /** Over it a question is not read at all: the first reading declines it, saying how long it was. */
  readonly maxLength: number;
}

/**
 * A question read once into every reading's input, then decided by the one arbiter: the version of
 * the question every reading reads (without an opener set off by a pause, without a style's name),
 * the limit it meets, the list words it holds, its clauses and the fact it asks about, each lazily.
 */
export function questionReader(parts: QuestionReaderParts) {
  const { kb, classifier, limits, styles, listRequests, clauseSplitter, lookup, facts, threshold } = parts;
  const overCap = (text: string): boolean => text.length > parts.maxLength;
  const self = new SelfReference(kb.language, (w) => classifier.normalizer.lexicon.isStopword(w));
  const forms = formPhrases(classifier);
  return (question: string, previous: IntentId | undefined, afterSelf = false) => {
    const tooLong = overCap(question);
    // The style reading: a citation style named ("ransomware citation in chicago style") is read
    // from the words as typed, and every other reading reads the question without it: one version.
    const whole = tooLong ? undefined : classifier.read(question);
    // An opener set off by a pause ("ok, …", "ok fine. …") is a discourse particle, not a word of
    // the question: every reading reads the question without it, unless it is a training phrase.
    const bare =
      whole?.classification.exact === undefined ? clauseSplitter.withoutOpeners(question) : undefined;
    const read = bare === undefined ? whole : classifier.read(bare);
    const style = read === undefined ? undefined : styles.find(read.typed);
    const rest = style === undefined || read === undefined ? [] : withoutRun(read.typed, style.words);
    const classification =
      read === undefined
        ? undefined
        : rest.length === 0
          ? read.classification
          : classifier.classify(rest.join(' '));
    // A limit applies to what is asked, not to a preamble ("She's skeptical INL money is well
    // spent. What does 1787 say about INL?"): read from the sentences that ask, when others frame them.
    const asking =
      classification === undefined ? undefined : clauseSplitter.asking(classification.normalized.plain);
    const askedWords =
      asking === undefined
        ? (classification?.normalized.words ?? [])
        : classifier.normalizer.read(asking).normalized.words;
    const found = classification === undefined ? undefined : limits.matchAt(askedWords);
    const limit = found?.limit;
    const limitNamed =
      found === undefined ? undefined : lookup().covering(askedWords, found.start, found.end);
    // Words that ask for the conversation's bibliography, and the rest of the question read without
    // them and without a style's name: whether it names a topic is the bibliography reading's to judge.
    const request = read === undefined ? undefined : listRequests.find(read.typed);
    const listRequest =
      request === undefined
        ? undefined
        : {
            cue: request.cue,
            rest: once(() => {
              const words = style === undefined ? request.rest : withoutRun(request.rest, style.words);
              return words.length === 0 ? undefined : classifier.classify(words.join(' '));
            }),
          };
    // A clause is classified once, whichever reading reads it.
    const classified = new Map<string, Classification>();
    const classifyClause = (c: Clause) => {
      let k = classified.get(c.text);
      if (k === undefined) {
        k = classifier.classify(c.text);
        classified.set(c.text, k);
      }
      return { classification: k, asks: c.asks, frames: c.frames === true };
    };
    const plain = classification?.normalized.plain ?? '';
    const clauses = once(() => clauseSplitter.split(plain).map(classifyClause));
    const everyClause = once(() =>
      clauseSplitter.parts(plain).map((c) => {
        const { intent, typedWords } = classifier.exactOf(c.text);
        return {
          exact: intent,
          asks: c.asks,
          typedWords,
          // The clause read alone, only when a reading asks: the follow-up its act head hears.
          read: once(() => classifyClause({ text: c.text, asks: c.asks }).classification),
        };
      }),
    );
    // The question without the words that ask for a follow-up ("source for the TCO overview" is
    // about the TCO overview): a word goes when every term it makes is a follow-up's, not content.
    const subject = once(() => {
      if (classification === undefined) return undefined;
      const content = new Set(classification.contentTerms);
      const asking = new Set(classification.normalized.terms.filter((t) => !content.has(t)));
      const { words } = classification.normalized;
      const kept = words.filter((w) => {
        const terms = classifier.normalizer.normalize(w, { correct: false }).terms;
        return terms.length === 0 || !terms.every((t) => asking.has(t));
      });
      return kept.length === words.length || kept.length === 0
        ? undefined
        : classifier.classify(kept.join(' '));
    });
    const input: ReadingInput = {
      kb,
      length: question.length,
      maxLength: parts.maxLength,
      ...(classification === undefined
        ? {}
        : {
            classification,
            clauses,
            parts: everyClause,
            formAsked: once(() => (read === undefined ? undefined : forms.first(read.typed)?.kind)),
            subject,
            asked: once(() => (asking === undefined ? undefined : classifier.classify(asking))),
            named: (among?: (topic: IntentId) => boolean) =>
              lookup().named(classification.normalized.terms, among),
          }),
      ...(previous === undefined ? {} : { previous }),
      ...(afterSelf ? { afterSelf } : {}),
      ...(limit === undefined ? {} : { limit }),
      ...(limitNamed === undefined ? {} : { limitNamed }),
      ...(classification === undefined
        ? {}
        : {
            fact: once(() =>
              facts().find(
                classification.normalized.words,
                classification.contentTerms,
                found === undefined ? [] : askedWords.slice(found.start, found.end),
              ),
            ),
          }),
      ...(read === undefined
        ? {}
        : {
            aboutSelf: once(() =>
              self.asksAboutSelf(
                read.typed,
                asking === undefined ? undefined : classifier.normalizer.words(asking),
              ),
            ),
          }),
      ...(style === undefined ? {} : { style }),
      ...(listRequest === undefined ? {} : { listRequest }),
      threshold,
    };
    // The form of reference asked for ("just the in-text cite", "footnote"): how the answer shows its references.
    const form = read === undefined ? undefined : styles.findForm(read.typed);
    return { ...decide(input), form };
  };
}

/** A value made on first use and kept. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * The follow-ups that ask for a form of the answer rather than other content ("tl;dr", "in one
 * line", "shorter"): read wherever their phrase stands in a question, as a citation style's name
 * is ("tl;dr of the trafficking threat?"), not only where the act head, blurred by the topic's
 * words, hears them.
 */
const FORM_KINDS: readonly FollowUpKind[] = ['short'];

/**
 * Their phrases (those without a topic's slot), as the words the normalizer reads, longest first:
 * the classifier's table of phrases asked word for word holds them, so a warm start reads no
 * training phrase to find them.
 */
function formPhrases(classifier: Classifier) {
  const runs = FORM_KINDS.flatMap((kind) =>
    classifier.phraseWords(followUpIntent(kind)).map((words) => ({ words, kind })),
  );
  return new RunFinder(runs.sort((a, b) => b.words.length - a.words.length));
}
