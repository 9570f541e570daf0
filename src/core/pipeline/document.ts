/**
 * The parts every composed answer shares: what composing needs (ComposeContext), the document an
 * answer carries (blocks, quotes, facts, references, notes) and the topic lists it offers. Split from
 * compose.ts so that a topic's views (compose.ts) and the bot's own replies and declines
 * (replies.ts) build their documents the same way.
 */
import type { FollowUpKind, IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase, Quote, Topic } from '../../knowledge/types.js';
import type { Action, Answer, AnswerNote, Block, CitationForm, NoteCode, RelatedTopic } from '../answer.js';
import { citedFor } from '../citations/cited.js';
import type { ReferenceFormatter } from '../citations/index.js';
import type { CitationStyle } from '../citations/styles.js';
import type { Bibliography } from '../conversation/bibliography.js';
import { inlineMarkdown, inlinePlain, parseInline, toMarkdown } from '../document/markup.js';

export interface ComposeContext {
  readonly kb: KnowledgeBase;
  /** References in the answer's style. */
  readonly format: ReferenceFormatter;
  readonly style: CitationStyle;
  /** The follow-up each suggested question asks for (null: none), read once by the classifier. */
  readonly suggestionKinds: { get(question: string): FollowUpKind | null };
  /** The forms of the references asked for; all of them unless given. */
  readonly form?: CitationForm;
  /** The conversation's bibliography, for a bibliography decision (absent: nothing cited). */
  readonly cited?: CitedSoFar;
}

/** What a bibliography answer is composed from: the list in its style, and one in a text style for .txt. */
export interface CitedSoFar {
  readonly list: Bibliography;
  /** The same sources in a text style (the list's own, unless it is a record format). */
  readonly text: Bibliography;
  /** Whether the question was asked in a conversation at all (one that stands alone has cited nothing). */
  readonly conversation: boolean;
}

/** What every answer carries beside its kind and topic: the document and its derived views. */
export type Document = Pick<
  Answer,
  'blocks' | 'summary' | 'quotes' | 'facts' | 'references' | 'form' | 'notes' | 'didYouMean' | 'text'
>;

export function note(code: NoteCode, words: string): AnswerNote {
  return { code, content: parseInline(words) };
}

/** The plain text of the summary paragraph (else of the first paragraph). */
export function summaryOf(blocks: readonly Block[]): string {
  const first =
    blocks.find((b) => b.kind === 'paragraph' && b.role === 'summary') ??
    blocks.find((b) => b.kind === 'paragraph');
  return first?.kind === 'paragraph' ? inlinePlain(first.content) : '';
}

/**
 * The document: its blocks, quotes, facts and references, and `text` derived from notes and blocks
 * (or given, for the one view whose derived text also lists references in place).
 */
export function documentOf(
  context: ComposeContext,
  parts: {
    readonly notes?: readonly AnswerNote[];
    readonly blocks: readonly Block[];
    readonly quotes?: readonly Quote[];
    readonly background?: readonly Quote[];
    readonly about?: string;
    readonly didYouMean?: readonly RelatedTopic[];
    readonly text?: string;
  },
): Document {
  const form = context.form ?? 'full';
  const missing = formNote(form, context.style);
  const notes = [
    ...(parts.notes ?? []),
    ...(missing === undefined || (parts.quotes ?? []).length === 0 ? [] : [missing]),
  ];
  const cited = citedFor(
    context.kb,
    {
      quotes: parts.quotes ?? [],
      blocks: parts.blocks,
      ...(parts.background === undefined ? {} : { background: parts.background }),
      ...(parts.about === undefined ? {} : { about: parts.about }),
    },
    context.format,
    context.style,
  );
  const didYouMean = parts.didYouMean ?? [];
  const lead = notes.map((n) => inlineMarkdown(n.content));
  const body = parts.text ?? toMarkdown(parts.blocks);
  const offer =
    didYouMean.length > 0 ? [`Did you mean: ${didYouMean.map((r) => `**${r.title}**`).join(' · ')}?`] : [];
  return {
    blocks: parts.blocks,
    summary: summaryOf(parts.blocks),
    ...cited,
    form,
    notes,
    didYouMean,
    text: [...lead, body, ...offer].filter((t) => t !== '').join('\n\n'),
  };
}

/** A form asked for that the style does not have, said with what is given instead. */
export function formNote(form: CitationForm, style: CitationStyle): AnswerNote | undefined {
  if (form === 'in-text' && style === 'chicago')
    return note(
      'form-not-in-style',
      "Chicago's notes-and-bibliography style cites in footnotes, not in the text: here is the note.",
    );
  if (form === 'note' && (style === 'apa' || style === 'mla'))
    return note(
      'form-not-in-style',
      `${style.toUpperCase()} cites in the text, not in notes: here is the in-text citation.`,
    );
  return undefined;
}

export function topicOf(kb: KnowledgeBase, id: IntentId): Topic {
  const topic = kb.topics.get(id);
  if (!topic) throw new Error(`no topic ${id}`);
  return topic;
}

export function relatedList(kb: KnowledgeBase, ids: readonly IntentId[]): RelatedTopic[] {
  // A loop, not flatMap (slow on V8): every composed answer lists its related topics.
  const out: RelatedTopic[] = [];
  for (const id of ids) {
    const t = kb.topics.get(id);
    if (t) out.push({ intent: id, title: t.title });
  }
  return out;
}

export function topicActions(kb: KnowledgeBase, ids: readonly IntentId[]): Action[] {
  return relatedList(kb, ids).map((r) => ({ kind: 'topic', topic: r.intent, label: r.title }));
}
