import type { FormattedReference } from '../../core/citations/reference.js';
import { CITATION_STYLES, type CitationStyle, isCitationStyle } from '../../core/citations/styles.js';
import type { Answer } from '../../core/index.js';
import { escapeText, quoteUserWords, truncate } from './mrkdwn.js';
import { type Block, header, LIMITS, renderAnswer, type SlackMessage, sections } from './render.js';

/** What `/policy …` asks for. */
export type SlashRequest =
  | { readonly kind: 'help' }
  | { readonly kind: 'ask'; readonly question: string }
  | { readonly kind: 'cite'; readonly topic: string; readonly style?: string };

/** What people type for a style, beyond the styles' own names. */
const STYLE_ALIASES: Readonly<Record<string, CitationStyle>> = {
  bib: 'bibtex',
  csl: 'csl-json',
  csljson: 'csl-json',
  json: 'csl-json',
  md: 'markdown',
  text: 'plain',
};

/** Style names a person may type after the topic: the core's styles, their aliases and a few it lacks. */
export const CITATION_STYLE_NAMES: ReadonlySet<string> = new Set([
  ...CITATION_STYLES,
  ...Object.keys(STYLE_ALIASES),
  'harvard',
  'bluebook',
  'turabian',
  'ieee',
]);

/** The core's style for a typed name, or undefined for a style it does not write. */
export function styleNamed(name: string): CitationStyle | undefined {
  const key = name.toLowerCase();
  return isCitationStyle(key) ? key : STYLE_ALIASES[key];
}

export function parseSlashCommand(text: string): SlashRequest {
  const trimmed = text.trim();
  if (trimmed === '' || /^(?:help|\?|-h|--help)$/i.test(trimmed)) return { kind: 'help' };
  const cite = /^cite\b\s*(.*)$/is.exec(trimmed);
  if (cite) {
    const words = (cite[1] ?? '').split(/\s+/).filter(Boolean);
    const last = words.at(-1)?.toLowerCase();
    const style = last !== undefined && words.length > 1 && CITATION_STYLE_NAMES.has(last) ? last : undefined;
    const topic = (style === undefined ? words : words.slice(0, -1)).join(' ');
    if (topic === '') return { kind: 'help' };
    return style === undefined ? { kind: 'cite', topic } : { kind: 'cite', topic, style };
  }
  return { kind: 'ask', question: trimmed };
}

/** The question the core answers for `cite <topic>`: its sources. */
export function citeQuestion(topic: string): string {
  return `source for ${topic}`;
}

/** The core's own help, then how to reach the bot in Slack. */
export function renderHelp(help: Answer, command: string): SlackMessage {
  const message = renderAnswer(help);
  const usage = [
    '*In Slack*',
    `• \`${command} <question>\`: an answer only you see, with a button to share it in the channel`,
    `• \`${command} cite <topic> [style]\`: the copy-ready reference for a topic (chicago, apa, mla, plain, markdown, bibtex, csl-json)`,
    `• \`${command} help\`: this message`,
    '• Mention me in a channel (`@policybot <question>`): I answer in a thread, and follow-ups in that thread continue the conversation ("tell me more", "source?", "what should we do about it?")',
    '• Or send me a direct message.',
  ].join('\n');
  const blocks = [...message.blocks];
  const at = blocks.findIndex((b) => b.type === 'actions');
  blocks.splice(at === -1 ? blocks.length : at, 0, {
    type: 'section',
    text: { type: 'mrkdwn', text: usage },
  });
  return { text: message.text, blocks };
}

/**
 * `cite <topic> [style]`: each reference in a section of its own, ready to copy, with the words it
 * backs. An answer that found no topic is shown as it is (its "Did you mean" buttons included).
 */
export function renderCitation(
  answer: Answer,
  asked: string,
  style?: string,
  styled?: readonly FormattedReference[],
): SlackMessage {
  if (answer.topic === null) {
    const message = renderAnswer(answer);
    const note = `I found no topic for “${quoteUserWords(asked)}”.`;
    return {
      text: message.text,
      blocks: [message.blocks[0] ?? header(answer.title), ...sections(note, 1), ...message.blocks.slice(1)],
    };
  }
  const blocks: Block[] = [header(`Cite: ${answer.title}`)];
  if (style !== undefined && styled === undefined) {
    blocks.push(
      context(
        `I don't write ${escapeText(style.toUpperCase())} references (I write ${CITATION_STYLES.join(', ')}); here is the default style.`,
      ),
    );
  }
  const bySource = new Map((styled ?? []).map((r) => [r.sourceId, r]));
  const seen = new Set<string>();
  for (const citation of answer.citations) {
    const formatted = bySource.get(citation.sourceId);
    const reference = formatted ? referenceText(formatted) : citation.reference;
    if (seen.has(reference) || blocks.length >= LIMITS.blocks - 1) continue;
    seen.add(reference);
    // Machine formats go in a code block, so Slack leaves every brace and quote as it is.
    const code = formatted?.style === 'bibtex' || formatted?.style === 'csl-json';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          code ? `\`\`\`${escapeText(reference)}\`\`\`` : escapeText(reference),
          LIMITS.sectionText,
        ),
      },
    });
    const quotes = answer.citations.filter((c) => c.sourceId === citation.sourceId && c.quote !== undefined);
    for (const c of quotes.slice(0, 1)) {
      blocks.push(context(`For: _“${escapeText((c.quote ?? '').replace(/\s+/g, ' '))}”_`));
    }
  }
  if (seen.size === 0) blocks.push(...sections(`*${escapeText(answer.title)}* has no quoted source.`, 1));
  const references = [...seen].map(escapeText).join('\n');
  return {
    text: truncate(`Cite ${escapeText(answer.title)}: ${references}`, LIMITS.notificationText),
    blocks,
  };
}

/** A styled reference as a writer pastes it: the entry, then its note or in-text form. */
function referenceText(reference: FormattedReference): string {
  const extra = reference.note ?? reference.inText;
  return extra === undefined
    ? reference.entry
    : `${reference.entry}\n${reference.note ? 'Note' : 'In text'}: ${extra}`;
}

function context(mrkdwn: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.contextText) }] };
}

/** A short reply for when a handler failed: never the error itself. */
export const APOLOGY: SlackMessage = {
  text: 'Sorry, something went wrong while answering that. Please try again in a moment.',
  blocks: [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Sorry, something went wrong while answering that. Please try again in a moment.',
      },
    },
  ],
};
