import type { IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import { hasRun, runsAt } from '../text/lexicon.js';
import type { Normalizer } from '../text/normalize.js';

/**
 * The names people give the threats and solutions (`names:` in content/topics), as terms, for
 * telling which topic a follow-up names when its own words blur the topic head: "and the ransomware
 * one, how would 1787 tackle it?" after drugs names ransomware, though "tackle" and "1787" pull the
 * head towards the solutions; "the ten solutions overall" after fraud names the list of ten.
 */
export class TopicNames {
  private constructor(
    private readonly names: readonly {
      readonly topic: IntentId;
      readonly terms: readonly string[];
      readonly words: readonly string[];
    }[],
  ) {}

  static of(kb: KnowledgeBase, normalizer: Normalizer): TopicNames {
    const named = (t: Topic): boolean => t.group === 'threat' || t.group === 'solution';
    const names = [...kb.topics.values()].filter(named).flatMap((topic) =>
      topic.names
        .map((name) => ({
          topic: topic.id,
          terms: normalizer.normalize(name, { correct: false }).terms,
          words: normalizer.normalize(name, { correct: false }).words,
        }))
        .filter((n) => n.terms.length > 0),
    );
    return new TopicNames(names);
  }

  /**
   * The topic whose name occurs in these terms, word for word and in order: the longest name
   * found, when no other topic's name is as long. Undefined when none, or when two topics tie.
   * `among` limits the topics looked for.
   */
  named(terms: readonly string[], among: (topic: IntentId) => boolean = () => true): IntentId | undefined {
    let best: IntentId | undefined;
    let bestLength = 0;
    let tied = false;
    for (const { topic, terms: name } of this.names) {
      if (name.length < bestLength || !among(topic) || !hasRun(terms, name)) continue;
      if (name.length > bestLength) {
        best = topic;
        bestLength = name.length;
        tied = false;
      } else if (topic !== best) tied = true;
    }
    return tied ? undefined : best;
  }

  /** The topic a name of which occurs in the words and spans the whole run from `start` to `end`. */
  covering(words: readonly string[], start: number, end: number): IntentId | undefined {
    for (const { topic, words: name } of this.names) {
      for (const at of runsAt(words, name)) if (at <= start && at + name.length >= end) return topic;
    }
    return undefined;
  }
}
