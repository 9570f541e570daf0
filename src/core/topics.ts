import { CONTENT_GROUPS, type IntentId, type TopicGroup, type TopicRole } from '../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../knowledge/types.js';
import type { Classifier } from './model/classifier.js';
import { damerauLevenshtein } from './text/distance.js';

/** A topic as lists show it. */
export interface TopicSummary {
  readonly intent: IntentId;
  readonly title: string;
  readonly group: TopicGroup;
  readonly role?: TopicRole;
  readonly summary: string;
}

/** A topic found for what someone is typing, best first. */
export interface TopicMatch {
  readonly intent: IntentId;
  readonly title: string;
  readonly group: TopicGroup;
  /** How well it matches, in [0, 1]: comparable within one call only. */
  readonly score: number;
}

/** The topics one can ask about and cite, in the order lists show them: by group, then order, then title. */
export function listTopics(kb: KnowledgeBase): Topic[] {
  const rank = (t: Topic): number => CONTENT_GROUPS.indexOf(t.group);
  return [...kb.topics.values()]
    .filter((t) => CONTENT_GROUPS.includes(t.group))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
        a.title.localeCompare(b.title),
    );
}

export function summaryOf(topic: Topic): TopicSummary {
  return {
    intent: topic.id,
    title: topic.title,
    group: topic.group,
    ...(topic.role === undefined ? {} : { role: topic.role }),
    summary: topic.summary,
  };
}

/** How a typed word met a topic's word: whole, as the start of it (still typing), or with a typo. */
const QUALITY = { whole: 1, prefix: 0.9, typo: 0.7 } as const;
/** The classifier's say once a few letters are typed: it knows phrasings the word list does not. */
const CLASSIFIER_SHARE = 0.4;

/**
 * Finds topics for what someone is typing: autocomplete, "Did you mean", and cite's fallback. Every
 * topic's words (title, names, training phrases) are weighed by how much they say about that topic
 * rather than the others (tf-idf over topics), so "fe" finds fentanyl's topic before a stray word,
 * "ran" ransomware and "can" Canada. The last word may be unfinished; a word of four letters or
 * more may carry a typo. Beyond a few letters the classifier's reading of the text counts too.
 */
export class TopicFinder {
  private readonly topics: readonly Topic[];
  /** word -> topic index -> weight */
  private readonly weights = new Map<string, Map<number, number>>();
  private readonly sorted: readonly string[];

  constructor(
    kb: KnowledgeBase,
    private readonly classifier: Classifier,
  ) {
    this.topics = listTopics(kb);
    const byTopic = this.topics.map((topic) => {
      const texts = [
        topic.title,
        topic.title,
        ...topic.names,
        ...topic.names,
        ...kb.examples.filter((e) => e.intent === topic.id).map((e) => e.text),
      ];
      const counts = new Map<string, number>();
      for (const text of texts) {
        for (const word of new Set(classifier.normalizer.words(text))) {
          if (classifier.normalizer.lexicon.isStopword(word) || word.length < 2) continue;
          counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
      return { counts, total: texts.length };
    });
    const topicsWith = new Map<string, number>();
    for (const { counts } of byTopic)
      for (const word of counts.keys()) topicsWith.set(word, (topicsWith.get(word) ?? 0) + 1);
    const n = this.topics.length;
    byTopic.forEach(({ counts, total }, i) => {
      for (const [word, count] of counts) {
        const weight = (count / total) * Math.log(1 + n / (topicsWith.get(word) ?? 1));
        const row = this.weights.get(word) ?? new Map<number, number>();
        row.set(i, weight);
        this.weights.set(word, row);
      }
    });
    this.sorted = [...this.weights.keys()].sort();
  }

  find(text: string, limit = 25): TopicMatch[] {
    const typed = text.trim();
    if (typed === '') return this.topics.slice(0, limit).map((t) => this.match(t, 1));
    const byId = this.topics.findIndex((t) => t.id === typed);
    if (byId >= 0) return [this.match(this.topics[byId] as Topic, 1)];

    const words = this.classifier.normalizer.words(typed);
    const stillTyping = !/\s$/.test(text);
    const scores = new Array<number>(this.topics.length).fill(0);
    words.forEach((word, i) => {
      const last = i === words.length - 1;
      const best = new Map<number, number>();
      for (const [candidate, quality] of this.meetings(word, last && stillTyping)) {
        for (const [topic, weight] of this.weights.get(candidate) ?? []) {
          best.set(topic, Math.max(best.get(topic) ?? 0, quality * weight));
        }
      }
      for (const [topic, score] of best) scores[topic] = (scores[topic] ?? 0) + score;
    });
    const top = Math.max(...scores);
    const lexical = scores.map((s) => (top > 0 ? s / top : 0));
    // Two letters say little to the classifier; a word or more says a lot.
    const useClassifier = typed.length >= 4 || words.length > 1;
    const probabilities = new Map<string, number>();
    if (useClassifier) {
      for (const c of this.classifier.classify(typed).candidates) probabilities.set(c.intent, c.probability);
    }
    return this.topics
      .map((topic, i) => {
        const p = probabilities.get(topic.id) ?? 0;
        const score = useClassifier
          ? (1 - CLASSIFIER_SHARE) * (lexical[i] ?? 0) + CLASSIFIER_SHARE * p
          : (lexical[i] ?? 0);
        return this.match(topic, score);
      })
      .filter((m) => m.score > 0.05)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  /** The knowledge base's words a typed word meets, each with how well. */
  private meetings(word: string, prefix: boolean): Map<string, number> {
    const out = new Map<string, number>();
    if (this.weights.has(word)) out.set(word, QUALITY.whole);
    if (prefix) {
      for (let i = lowerBound(this.sorted, word); i < this.sorted.length; i++) {
        const candidate = this.sorted[i] as string;
        if (!candidate.startsWith(word)) break;
        if (candidate !== word) out.set(candidate, QUALITY.prefix);
      }
    }
    if (out.size === 0 && word.length >= 4) {
      const allowance = word.length >= 8 ? 2 : 1;
      for (const candidate of this.sorted) {
        if (Math.abs(candidate.length - word.length) > allowance || candidate[0] !== word[0]) continue;
        if (damerauLevenshtein(word, candidate) <= allowance) out.set(candidate, QUALITY.typo);
      }
    }
    return out;
  }

  private match(topic: Topic, score: number): TopicMatch {
    return {
      intent: topic.id,
      title: topic.title,
      group: topic.group,
      score: Math.round(score * 1000) / 1000,
    };
  }
}

function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
