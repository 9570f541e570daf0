import { FALLBACK_ID, type IntentId } from '../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../knowledge/types.js';
import type { Answer, FollowUpKind, RelatedTopic } from './answer.js';
import { citationsFor, type ReferenceFormatter } from './citations/index.js';
import { detectFollowUp } from './followups.js';

/** Builds answers from topics: pure functions of the knowledge base, so every adapter gets the same words. */
export class Composer {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly format?: ReferenceFormatter,
  ) {}

  topic(id: IntentId): Topic {
    const topic = this.kb.topics.get(id);
    if (!topic) throw new Error(`no topic ${id}`);
    return topic;
  }

  answer(id: IntentId, confidence: number, followUp: FollowUpKind | null = null): Answer {
    const topic = this.topic(id);
    switch (followUp) {
      case 'more':
        return this.build(topic, confidence, followUp, topic.detail ?? topic.summary, true);
      case 'source':
        return this.sources(topic, confidence);
      case 'solutions':
      case 'threats':
        return this.linked(topic, confidence, followUp);
      default:
        return this.build(topic, confidence, null, topic.summary, false);
    }
  }

  /**
   * The polite decline. With a reason (too long, a figure it does not hold), the reason and the
   * nearest topics; without one, what the bot covers and "Did you mean" the nearest topics.
   */
  decline(nearest: readonly IntentId[], confidence: number, reason?: string): Answer {
    const fallback = this.topic(FALLBACK_ID);
    const related = this.relatedList(nearest.length > 0 ? nearest : fallback.related);
    const didYouMean =
      nearest.length > 0 ? `Did you mean: ${related.map((r) => `**${r.title}**`).join(' · ')}?` : undefined;
    const covers = fallback.detail ? `Here is what I can answer:\n\n${fallback.detail}` : '';
    const text = reason
      ? [reason, didYouMean ?? covers].filter(Boolean).join('\n\n')
      : [fallback.summary, fallback.detail, didYouMean].filter(Boolean).join('\n\n');
    return {
      intent: FALLBACK_ID,
      confidence,
      title: reason ? 'I can’t answer that as asked' : fallback.title,
      text,
      citations: [],
      related,
      suggestions: fallback.followUps,
      followUp: null,
      topic: null,
    };
  }

  private build(
    topic: Topic,
    confidence: number,
    followUp: FollowUpKind | null,
    text: string,
    full: boolean,
  ): Answer {
    const isContent = topic.group !== 'bot' && topic.group !== 'fallback';
    return {
      intent: topic.id,
      confidence,
      title: topic.title,
      text: topic.id === 'bot.help' && !full && topic.detail ? `${text}\n\n${topic.detail}` : text,
      citations: citationsFor(this.kb, topic.quotes, full ? topic.background : [], this.format),
      related: this.relatedList(topic.related),
      // Not the follow-up just answered: "What should we do about it?" under its own answer helps no one.
      suggestions: topic.followUps.filter((q) => followUp === null || detectFollowUp(q)?.kind !== followUp),
      followUp,
      topic: isContent ? topic.id : null,
    };
  }

  private sources(topic: Topic, confidence: number): Answer {
    const citations = citationsFor(this.kb, topic.quotes, topic.background, this.format);
    const lines = citations.map((c) => (c.quote ? `> “${c.quote}”\n— ${c.reference}` : `- ${c.reference}`));
    const text =
      citations.length > 0
        ? `Sources for **${topic.title}**:\n\n${lines.join('\n\n')}`
        : `**${topic.title}** has no quoted source.`;
    return { ...this.build(topic, confidence, 'source', text, true), citations };
  }

  /** A threat's solutions, or the threats a solution answers. */
  private linked(topic: Topic, confidence: number, kind: 'solutions' | 'threats'): Answer {
    const wanted = kind === 'solutions' ? 'solution' : 'threat';
    const inGroup = topic.related.filter((id) => this.kb.topics.get(id)?.group === wanted);
    const ids = inGroup.filter((id) => !id.endsWith('.overview'));
    // The overall threat is answered by the list of all solutions, and the reverse.
    const overview = inGroup.find((id) => id.endsWith('.overview'));
    if (ids.length === 0 && overview) return { ...this.answer(overview, confidence, null), followUp: kind };
    if (ids.length === 0) return this.answer(topic.id, confidence, null);
    const linked = ids.map((id) => this.topic(id));
    // The pairing of threats and solutions is ours: 1787's page lists its solutions without tying
    // them to threats, so the answer says so rather than put the link in 1787's mouth.
    const heading =
      kind === 'solutions'
        ? `Solutions from 1787's list that bear on **${topic.title}** (the pairing is ours; 1787's page does not tie its solutions to particular threats):`
        : `Threats from ODNI's 2024 Annual Threat Assessment that **${topic.title}** bears on (the pairing is ours; 1787's page does not tie its solutions to particular threats):`;
    const bullets = linked.map((t) => `- **${t.title}**: ${t.quotes[0]?.text ?? t.summary}`);
    return {
      ...this.build(topic, confidence, kind, `${heading}\n${bullets.join('\n')}`, false),
      citations: citationsFor(
        this.kb,
        linked.flatMap((t) => t.quotes.slice(0, 1)),
        [],
        this.format,
      ),
      related: this.relatedList(ids),
    };
  }

  private relatedList(ids: readonly IntentId[]): RelatedTopic[] {
    return ids.flatMap((id) => {
      const t = this.kb.topics.get(id);
      return t ? [{ intent: id, title: t.title }] : [];
    });
  }
}
