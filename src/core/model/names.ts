import type { IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import type { Normalizer } from '../text/normalize.js';

/**
 * The names people give the specific topics (`names:` in content/topics), as terms, for telling
 * which topic a follow-up names when its own words blur the topic head: "and the ransomware one,
 * how would 1787 tackle it?" after drugs names ransomware, though "tackle" and "1787" pull the
 * head towards the solutions. Only a threat's or a solution's own topic is named this way: the
 * overviews and the sources are what follow-ups' words ("the ten", "the ATA") mean in general.
 */
export class TopicNames {
  private constructor(
    private readonly names: readonly { readonly topic: IntentId; readonly terms: readonly string[] }[],
  ) {}

  static of(kb: KnowledgeBase, normalizer: Normalizer): TopicNames {
    const specific = (t: Topic): boolean =>
      (t.group === 'threat' || t.group === 'solution') && t.role !== 'overview';
    const names = [...kb.topics.values()]
      .filter(specific)
      .flatMap((topic) =>
        topic.names
          .map((name) => ({ topic: topic.id, terms: normalizer.normalize(name, { correct: false }).terms }))
          .filter((n) => n.terms.length > 0),
      );
    return new TopicNames(names);
  }

  /**
   * The topic whose name occurs in these terms, word for word and in order: the longest name
   * found, when no other topic's name is as long. Undefined when none, or when two topics tie.
   */
  named(terms: readonly string[]): IntentId | undefined {
    let best: IntentId | undefined;
    let bestLength = 0;
    let tied = false;
    for (const { topic, terms: name } of this.names) {
      if (name.length < bestLength || !occursIn(name, terms)) continue;
      if (name.length > bestLength) {
        best = topic;
        bestLength = name.length;
        tied = false;
      } else if (topic !== best) tied = true;
    }
    return tied ? undefined : best;
  }
}

function occursIn(name: readonly string[], terms: readonly string[]): boolean {
  for (let start = 0; start + name.length <= terms.length; start++)
    if (name.every((term, i) => terms[start + i] === term)) return true;
  return false;
}
