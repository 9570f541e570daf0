import MiniSearch, { type SearchResult } from 'minisearch';
import type { IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import { hasRun, nameKey, runsAt } from '../text/lexicon.js';
import type { Normalizer } from '../text/normalize.js';
import { listTopics, type TopicMatch } from '../topics.js';
import type { Classifier } from './classifier.js';

/**
 * The fields of a topic's document, each a space-separated list of tokens made here (MiniSearch
 * then only splits on spaces): `id`, `title` and `aliases` (its names) as typed, stop words
 * dropped, for what someone is typing; `nameTerms`, a threat's or solution's names as topic terms
 * (synonyms folded, stemmed), for names inside a question. Training phrases are not indexed: the
 * classifier reads them, and its say is blended in once a few letters are typed.
 */
const FIELDS = ['id', 'title', 'aliases', 'nameTerms'] as const;
type Field = (typeof FIELDS)[number];
type TopicDocument = { readonly index: number } & Readonly<Record<Field, string>>;

/** A title says most, then a name the curators gave, then the words of the id. */
const BOOST: Readonly<Partial<Record<Field, number>>> = { title: 3, aliases: 2, id: 1 };
const TYPED_FIELDS: Field[] = ['id', 'title', 'aliases'];
/** The classifier's say once a few letters are typed: it knows phrasings the index does not. */
const CLASSIFIER_SHARE = 0.4;
/** Matches below this share of the best are noise. */
const MATCH_FLOOR = 0.05;

const bySpaces = (text: string): string[] => (text === '' ? [] : text.split(' '));

/**
 * The one topic lookup: a MiniSearch index of every askable topic (its id, title and names),
 * serving autocomplete, "Did you mean", cite's topic argument and the names a
 * follow-up gives. Typing is searched with prefix search on the unfinished last word and fuzzy
 * search on words of four letters or more, fields boosted; a name inside a question must occur in
 * it word for word, and the index only says which topics' names share a word with it.
 */
export class TopicLookup {
  private readonly topics: readonly Topic[];
  /** Per topic (by index), its title and names as topic terms, and as words. */
  private readonly names: readonly (readonly {
    readonly terms: readonly string[];
    readonly words: readonly string[];
  }[])[];
  private readonly index: MiniSearch<TopicDocument>;

  static of(kb: KnowledgeBase, classifier: Classifier): TopicLookup {
    return new TopicLookup(kb, classifier);
  }

  private constructor(
    kb: KnowledgeBase,
    private readonly classifier: Classifier,
  ) {
    const normalizer: Normalizer = classifier.normalizer;
    const { lexicon } = normalizer;
    this.topics = listTopics(kb);
    const typed = (texts: readonly string[]): string =>
      texts
        .flatMap((text) => normalizer.words(text))
        .filter((w) => w.length > 1 && !lexicon.isStopword(w))
        .join(' ');
    this.names = this.topics.map((topic) =>
      // Only a threat's or a solution's names are names a follow-up gives.
      (topic.group === 'threat' || topic.group === 'solution' ? topic.names : [])
        .map((name) => {
          const read = normalizer.normalize(name, { correct: false });
          return { terms: read.terms, words: read.words };
        })
        .filter((n) => n.terms.length > 0),
    );
    this.index = new MiniSearch<TopicDocument>({
      idField: 'index',
      fields: [...FIELDS],
      tokenize: bySpaces,
      processTerm: (term) => term,
      searchOptions: { tokenize: bySpaces, processTerm: (term) => term },
    });
    this.index.addAll(
      this.topics.map((topic, index) => ({
        index,
        id: typed([topic.id.replace(/[.-]/g, ' ')]),
        title: typed([topic.title]),
        aliases: typed(topic.names),
        nameTerms: (this.names[index] ?? []).flatMap((n) => n.terms).join(' '),
      })),
    );
  }

  /** A topic by its id (an autocomplete pick sent back), its title or one of its names, as typed ("the canada one"). */
  byName(text: string): Topic | undefined {
    const key = nameKey(text);
    if (key === '') return undefined;
    const exact = this.topics.find((t) => t.id === text.trim());
    if (exact !== undefined) return exact;
    const words = this.classifier.normalizer.words(text).join(' ');
    return this.search(words, { fields: ['title', 'aliases'], combineWith: 'AND' })
      .map((r) => this.topics[r.id as number] as Topic)
      .find((t) => [t.title, ...t.names].some((n) => nameKey(n) === key));
  }

  /**
   * Topics for what someone is typing: autocomplete, "Did you mean", cite's suggestions. The last
   * word may be unfinished; a word of four letters or more may carry a typo. Beyond a few letters
   * the classifier's reading of the text counts too.
   */
  find(text: string, limit = 25): TopicMatch[] {
    const typed = text.trim();
    if (typed === '') return this.topics.slice(0, limit).map((t) => match(t, 1));
    const byId = this.topics.find((t) => t.id === typed);
    if (byId !== undefined) return [match(byId, 1)];

    const words = this.classifier.normalizer.words(typed);
    const stillTyping = !/\s$/.test(text);
    const found = this.search(words.join(' '), {
      fields: TYPED_FIELDS,
      boost: BOOST,
      prefix: (_term, i, terms) => stillTyping && i === terms.length - 1,
      fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
    });
    const top = found[0]?.score ?? 0;
    const lexical = new Map(found.map((r) => [r.id as number, top > 0 ? r.score / top : 0]));
    // Two letters say little to the classifier; a word or more says a lot.
    const useClassifier = typed.length >= 4 || words.length > 1;
    const probabilities = new Map<string, number>();
    if (useClassifier)
      for (const c of this.classifier.classify(typed).candidates) probabilities.set(c.intent, c.probability);
    return this.topics
      .map((topic, i) => {
        const l = lexical.get(i) ?? 0;
        const p = probabilities.get(topic.id) ?? 0;
        return match(topic, useClassifier ? (1 - CLASSIFIER_SHARE) * l + CLASSIFIER_SHARE * p : l);
      })
      .filter((m) => m.score > MATCH_FLOOR)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /**
   * The threat or solution whose name occurs in these terms, word for word and in order: the
   * longest name found, when no other topic's name is as long. Undefined when none, or when two
   * topics tie. `among` limits the topics looked for. "and the ransomware one, how would 1787
   * tackle it?" after drugs names ransomware, though "tackle" and "1787" pull the topic head
   * towards the solutions.
   */
  named(terms: readonly string[], among: (topic: IntentId) => boolean = () => true): IntentId | undefined {
    let best: IntentId | undefined;
    let bestLength = 0;
    let tied = false;
    for (const i of this.sharing(terms)) {
      const topic = (this.topics[i] as Topic).id;
      if (!among(topic)) continue;
      for (const { terms: name } of this.names[i] ?? []) {
        if (name.length < bestLength || !hasRun(terms, name)) continue;
        if (name.length > bestLength) {
          best = topic;
          bestLength = name.length;
          tied = false;
        } else if (topic !== best) tied = true;
      }
    }
    return tied ? undefined : best;
  }

  /** The topic a name of which occurs in the words and spans the whole run from `start` to `end`. */
  covering(words: readonly string[], start: number, end: number): IntentId | undefined {
    for (let i = 0; i < this.topics.length; i++) {
      for (const { words: name } of this.names[i] ?? [])
        for (const at of runsAt(words, name))
          if (at <= start && at + name.length >= end) return (this.topics[i] as Topic).id;
    }
    return undefined;
  }

  /** The topics (by index, in list order) one of whose names shares a term with these. */
  private sharing(terms: readonly string[]): number[] {
    if (terms.length === 0) return [];
    return this.search(terms.join(' '), { fields: ['nameTerms'] })
      .map((r) => r.id as number)
      .sort((a, b) => a - b);
  }

  private search(query: string, options: Parameters<MiniSearch<TopicDocument>['search']>[1]): SearchResult[] {
    return query === '' ? [] : this.index.search(query, options);
  }
}

function match(topic: Topic, score: number): TopicMatch {
  return { intent: topic.id, title: topic.title, group: topic.group, score: Math.round(score * 1000) / 1000 };
}
