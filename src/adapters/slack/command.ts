import { RECORD_STYLES } from '../../core/citations/cited.js';
import { CITATION_STYLES } from '../../core/citations/styles.js';
import { LABELS } from '../../core/index.js';
import { type OutFile, partsFile } from '../files.js';
import { citeEntries } from '../../core/citations/cite.js';
import type { Answer, CiteResult } from '../../core/index.js';
import { ACTION_IDS, encodeValue } from './actions.js';
import { escapeText, quoteUserWords, truncate } from './mrkdwn.js';
import {
  type Block,
  filesSaid,
  header,
  LIMITS,
  renderAnswer,
  type SlackMessage,
  sections,
} from './render.js';

/** What `/policy …` asks for. */
export type SlashRequest =
  | { readonly kind: 'help' }
  | { readonly kind: 'ask'; readonly question: string }
  /** `cite <topic or source> [style]`: the core's cite resolver reads the style from the text. */
  | { readonly kind: 'cite'; readonly query: string }
  /** `check <text>`: the quotations in the text, checked against the sources. */
  | { readonly kind: 'check'; readonly text: string };

export function parseSlashCommand(text: string): SlashRequest {
  const trimmed = text.trim();
  if (trimmed === '' || /^(?:help|\?|-h|--help)$/i.test(trimmed)) return { kind: 'help' };
  const cite = /^cite\b\s*(.*)$/is.exec(trimmed);
  if (cite) {
    const query = (cite[1] ?? '').trim();
    return query === '' ? { kind: 'help' } : { kind: 'cite', query };
  }
  const check = /^check\b\s*(.*)$/is.exec(trimmed);
  if (check) {
    const text = (check[1] ?? '').trim();
    return text === '' ? { kind: 'help' } : { kind: 'check', text };
  }
  return { kind: 'ask', question: trimmed };
}

/** The core's own help, then how to reach the bot in Slack. */
export function renderHelp(help: Answer, command: string): SlackMessage {
  const message = renderAnswer(help);
  const usage = [
    '*In Slack*',
    `• \`${command} <question>\`: an answer only you see, with a button to share it in the channel`,
    `• \`${command} cite <topic> [style]\`: the copy-ready reference for a topic (${CITATION_STYLES.join(', ')})`,
    `• \`${command} check <text with quotations>\`: each quotation checked against the sources (exact, altered, misattributed or not found), or *Check quotes* in a message's ⋯ menu`,
    `• \`${command} help\`: this message`,
    '• Mention me in a channel (`@policybot <question>`): I answer in a thread, and follow-ups in that thread continue the conversation ("tell me more", "source?", "what should we do about it?")',
    '• Or send me a direct message.',
    "• *Cite this* in a message's ⋯ menu: the topic it is about, with its verbatim quote and reference (or that the sources do not support it)",
    '• *Ask policybot* in the shortcut menu: a form for a longer question, its style, and who sees the answer',
    '• My *Home* tab: your own citation style, every topic, and your last answers',
  ]
    // "<question>" is not markup: Slack asks for every "<", ">" and "&" outside markup to be escaped.
    .map(escapeText)
    .join('\n');
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
 * backs. Text that names no topic gets the nearest topics as buttons, never a citation.
 */
export function renderCitation(result: CiteResult, asked: string): SlackMessage {
  if (result.kind === 'rate-limited') {
    return { text: result.text, blocks: sections(escapeText(result.text), 1) };
  }
  if (result.kind === 'none') {
    const near = result.suggestions;
    const note =
      near.length > 0
        ? `I have no topic called “${quoteUserWords(asked)}”. Did you mean one of these?`
        : `I have no topic called “${quoteUserWords(asked)}”. Try \`/policy help\` for what I can cite.`;
    const blocks: Block[] = [header('Nothing to cite'), ...sections(note, 1)];
    if (near.length > 0) {
      blocks.push({
        type: 'actions',
        elements: near.map((m, i) => ({
          type: 'button',
          action_id: `${ACTION_IDS.topic}_${i}`,
          text: { type: 'plain_text', text: truncate(m.title, LIMITS.buttonText), emoji: false },
          value: encodeValue({ topic: m.intent }),
        })),
      });
    }
    return { text: truncate(`No topic called “${quoteUserWords(asked)}”`, LIMITS.notificationText), blocks };
  }
  const { title, entries } = citeEntries(result);
  const blocks: Block[] = [header(`Cite: ${title}`)];
  if (result.unsupportedStyle !== undefined) {
    blocks.push(
      context(
        `I don't write ${quoteUserWords(result.unsupportedStyle, 40)} references (I write ${CITATION_STYLES.join(', ')}); here is ${result.style}.`,
      ),
    );
  }
  const references: string[] = [];
  const files: OutFile[] = [];
  // Said beside a reference sent as a file: a slash command's reply is private, so its files go
  // to the person's direct messages (files.ts).
  const said = (text: string, file: OutFile) => escapeText(filesSaid(text, file, 'direct-message'));
  for (const [i, { label, parts, reference, quote }] of entries.entries()) {
    if (blocks.length >= LIMITS.blocks - 3) {
      // No room for more sections: the rest go whole in one file, and the message says so.
      const rest = entries.slice(i);
      const file = partsFile(
        rest.flatMap((e) => e.parts),
        reference.style,
        `${title}-references`,
        title,
      );
      files.push(file);
      blocks.push(context(`_${said(LABELS.referencesAttached(rest.length, file.name), file)}_`));
      break;
    }
    if (label !== undefined) blocks.push(context(`*${escapeText(label)}*`));
    // Machine formats go in a code block, so Slack leaves every brace and quote as it is.
    const code = RECORD_STYLES.has(reference.style);
    const text = parts
      .map((p) => {
        const body = code ? `\`\`\`${escapeText(p.text)}\`\`\`` : escapeText(p.text);
        return p.label === undefined ? body : `*${escapeText(p.label)}*\n${body}`;
      })
      .join('\n');
    // Too long for a section (3,000 characters): whole in a file, never cut.
    const file =
      text.length <= LIMITS.sectionText
        ? undefined
        : partsFile(parts, reference.style, `${i + 1}-${reference.sourceId}`, label ?? title);
    if (file !== undefined) files.push(file);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: file === undefined ? text : `_${said(LABELS.attached(file.name), file)}_`,
      },
    });
    references.push(escapeText(reference.entry));
    if (quote !== undefined) blocks.push(context(`For: _“${escapeText(quote.replace(/\s+/g, ' '))}”_`));
  }
  if (entries.length === 0) blocks.push(...sections(`*${escapeText(title)}* has no source to cite.`, 1));
  return {
    text: truncate(`Cite ${escapeText(title)}: ${references.join('\n')}`, LIMITS.notificationText),
    blocks,
    ...(files.length > 0 ? { files } : {}),
  };
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
