import type { types } from '@slack/bolt';
import { type Dialect, quoted, writeBlock, writeInline } from '../../core/document/dialect.js';
import { quotesToList, referenceParts, referencesHeading } from '../../core/document/forms.js';
import {
  type Answer,
  type Block as AnswerBlock,
  FEEDBACK_LABELS,
  FEEDBACK_VALUES,
  type Inline,
  LABELS,
  type Reference,
  takesFeedback,
} from '../../core/index.js';
import { answerFiles, type OutFile, referencesFile } from '../files.js';
import { ACTION_IDS, actionIdOf, type ButtonValue, encodeValue, FEEDBACK_ACTION_IDS } from './actions.js';
import { escapeText, quoteUserWords, splitText, truncate } from './mrkdwn.js';

export type Block = types.KnownBlock;

/** A message body for chat.postMessage, a slash command's response or a response_url. */
export interface SlackMessage {
  /** Notification and accessibility text, shown where blocks are not. */
  readonly text: string;
  readonly blocks: Block[];
  /**
   * Files to upload with it (files.ts): an answer's own (a bibliography's), and whatever a
   * section is too small to hold whole (a record longer than 3,000 characters), never cut.
   */
  readonly files?: readonly OutFile[];
}

/** Slack's Block Kit limits. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  notificationText: 300,
} as const;

export interface RenderOptions {
  /** Adds "Share in channel" (slash command answers), which posts this answer for everyone. */
  readonly shareQuestion?: string;
  /** The reference the answer is kept under, which "Share in channel" carries back. */
  readonly shareRef?: string;
  /** The question, shown back (escaped, never a ping) above the sources: for a shared answer. */
  readonly asked?: string;
  /** Without follow-up buttons (the help text has its own). */
  readonly buttons?: boolean;
  /** A line of small print under the question (mrkdwn): how a shared answer can be continued. */
  readonly note?: string;
  /**
   * Where the answer's files (a bibliography's) are sent, which the message says: beside it, or in
   * the person's direct messages (see files.ts); or nowhere, where the bot cannot upload (a
   * conversation it is not in), when the message says nothing of them. Beside it unless said.
   */
  readonly files?: 'attached' | 'direct-message' | 'not-sent';
}

/** Slack's mrkdwn: every run's words escaped, styles applied per run, never by re-reading marked-up text. */
const MRKDWN: Dialect = {
  text: escapeText,
  strong: (words) => `*${escapeText(words)}*`,
  emphasis: (words) => `_${escapeText(words)}_`,
  link: (words, url) => `<${escapeText(url).replace(/\|/g, '%7C')}|${escapeText(words)}>`,
  listItem: (item) => `• ${item}`,
  quote: (words) => `>${escapeText(quoted(words))}`,
};

/** Inline runs as mrkdwn, escaped. */
export function inlineMrkdwn(content: readonly Inline[]): string {
  return writeInline(content, MRKDWN);
}

const blockMrkdwn = (block: AnswerBlock): string => writeBlock(block, MRKDWN);

/**
 * A reference's forms, each a preformatted block a person copies whole (no bullet, no label, no
 * wrapping inside it), its label above it. Escaped: Slack shows `&lt;` inside a code block as `<`.
 */
function referenceMrkdwn(answer: Answer, r: Reference): string {
  return referenceParts(r, answer.form)
    .map(
      (p) => `${p.label === undefined ? '' : `*${escapeText(p.label)}:*\n`}\`\`\`${escapeText(p.text)}\`\`\``,
    )
    .join('\n');
}

/**
 * An Answer as Block Kit: header, notes and body as sections, every quote the body does not show
 * (in sections, so none is dropped at the context block's 10-element cap), "Did you mean", each
 * reference in preformatted blocks, then buttons that continue it.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const names = (answer.files ?? []).map((f) => f.name);
  const filesNote =
    names.length === 0 || options.files === 'not-sent'
      ? undefined
      : options.files === 'direct-message'
        ? LABELS.filesInDirectMessage(names)
        : LABELS.filesAttached(names);
  const context = contextBlock(
    options.asked,
    [options.note, filesNote === undefined ? undefined : `:paperclip: ${escapeText(filesNote)}`]
      .filter((n) => n !== undefined)
      .join('\n') || undefined,
  );
  const actions =
    options.buttons === false ? undefined : actionsBlock(answer, options.shareQuestion, options.shareRef);
  const feedback = options.buttons === false ? undefined : feedbackBlock(answer);
  const reserved = 1 + (context ? 1 : 0) + (actions ? 1 : 0) + (feedback ? 1 : 0);
  const body = [...answer.notes.map((n) => inlineMrkdwn(n.content)), ...answer.blocks.map(blockMrkdwn)].join(
    '\n\n',
  );
  const quotes = quotesToList(answer).map((q) => `>_${escapeText(quoted(q.text))}_`);
  const offer =
    answer.didYouMean.length > 0
      ? `${LABELS.didYouMean}: ${answer.didYouMean.map((r) => `*${escapeText(r.title)}*`).join(' · ')}?`
      : undefined;
  // A reference a section cannot hold whole goes in a file the message names, never cut.
  const room = LIMITS.sectionText - referencesHeading(answer).length - 8;
  const tooLong =
    options.files === 'not-sent'
      ? []
      : answer.references.filter((r) => referenceMrkdwn(answer, r).length > room);
  const moved = new Set(tooLong);
  const overflow =
    tooLong.length === 0
      ? undefined
      : referencesFile(tooLong, answer.form, `${answer.topic ?? 'answer'}-references`, answer.title);
  const references = [
    ...answer.references.filter((r) => !moved.has(r)).map((r) => referenceMrkdwn(answer, r)),
    ...(overflow === undefined
      ? []
      : [
          `_${escapeText(filesSaid(LABELS.referencesAttached(tooLong.length, overflow.name), overflow, options.files))}_`,
        ]),
  ];
  const pieces = [
    ...splitText(body.trim() || ' ', LIMITS.sectionText),
    ...packed(quotes, LIMITS.sectionText),
    ...(offer === undefined ? [] : [offer]),
    ...(references.length > 0
      ? packed([`*${referencesHeading(answer)}*`, ...references], LIMITS.sectionText)
      : []),
  ];
  const blockRoom = LIMITS.blocks - reserved;
  if (pieces.length > blockRoom) {
    // Never silently: the last section left says how many did not fit.
    const left = pieces.length - (blockRoom - 1);
    pieces.length = blockRoom - 1;
    pieces.push(`_${LABELS.moreSections(left)}_`);
  }
  const blocks: Block[] = [
    header(answer.title),
    ...pieces.map((text): Block => ({ type: 'section', text: { type: 'mrkdwn', text } })),
  ];
  if (context) blocks.push(context);
  if (actions) blocks.push(actions);
  if (feedback) blocks.push(feedback);
  const files = [
    ...(options.files === 'not-sent' ? [] : answerFiles(answer)),
    ...(overflow === undefined ? [] : [overflow]),
  ];
  return { text: notification(answer.title, answer.summary), blocks, ...(files.length > 0 ? { files } : {}) };
}

/** What the message says of a file it names: attached, or sent to the person's direct messages. */
export function filesSaid(said: string, file: OutFile, where: RenderOptions['files']): string {
  return where === 'direct-message' ? `${said} ${LABELS.filesInDirectMessage([file.name])}` : said;
}

/**
 * Pieces joined by blank lines into sections of at most `max` characters; a piece is never split
 * (one longer than a section, which no reference is, goes whole into a section of its own, cut by
 * splitText only as a last resort).
 */
function packed(pieces: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    if (last !== undefined && last.length + 2 + piece.length <= max)
      out[out.length - 1] = `${last}\n\n${piece}`;
    else out.push(...splitText(piece, max));
  }
  return out;
}

export function header(title: string): Block {
  // plain_text is shown literally: no escaping, and emoji codes in a title stay words.
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(title, LIMITS.headerText), emoji: false },
  };
}

/** Mrkdwn as section blocks of at most 3000 characters, at most `maxBlocks` of them. */
export function sections(mrkdwn: string, maxBlocks: number): Block[] {
  const pieces = splitText(mrkdwn.trim() || ' ', LIMITS.sectionText);
  if (pieces.length > maxBlocks) {
    pieces.length = Math.max(1, maxBlocks);
    const last = pieces.length - 1;
    pieces[last] = truncate(`${pieces[last]} …`, LIMITS.sectionText);
  }
  return pieces.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

export function notification(title: string, summary: string): string {
  return truncate(
    `${escapeText(title)}: ${escapeText(summary.replace(/\s+/g, ' ').trim())}`,
    LIMITS.notificationText,
  );
}

/** The question asked (a shared answer) and a line of small print, when there are any. */
function contextBlock(asked: string | undefined, note: string | undefined): Block | undefined {
  const elements: types.ContextBlockElement[] = [];
  if (asked !== undefined && asked.trim() !== '') {
    elements.push({ type: 'mrkdwn', text: `Asked: ${quoteUserWords(asked)}` });
  }
  if (note !== undefined) elements.push({ type: 'mrkdwn', text: truncate(note, LIMITS.contextText) });
  return elements.length > 0 ? { type: 'context', elements } : undefined;
}

/** The answer's actions as buttons (the core decides which), and "Share in channel" when asked for. */
function actionsBlock(
  answer: Answer,
  shareQuestion: string | undefined,
  shareRef: string | undefined,
): Block | undefined {
  const elements: types.Button[] = [];
  let topics = 0;
  for (const action of answer.actions) {
    // A bibliography's exports are its files, uploaded with it: no button to press.
    if (action.kind === 'export') continue;
    if (action.kind === 'topic' && topics >= 5) continue;
    const id = actionIdOf(action, action.kind === 'topic' ? topics++ : 0);
    // Action ids must be unique within a block: one button per follow-up kind.
    if (elements.some((e) => e.action_id === id)) continue;
    elements.push(button(id, action.label, { topic: action.kind === 'bibliography' ? null : action.topic }));
  }
  if (shareQuestion !== undefined && answer.kind !== 'rate-limited') {
    const value: ButtonValue = {
      topic: answer.topic,
      followUp: answer.followUp,
      question: shareQuestion,
      ...(shareRef === undefined ? {} : { ref: shareRef }),
    };
    elements.push({ ...button(ACTION_IDS.share, 'Share in channel', value), style: 'primary' });
  }
  return elements.length > 0
    ? { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements) }
    : undefined;
}

/**
 * "Helpful" / "Not helpful" under an answer, apart from what continues it: a click is acknowledged
 * to the person who clicked alone, and the answer stays as it was. The value is the answer's ref.
 */
function feedbackBlock(answer: Answer): Block | undefined {
  if (!takesFeedback(answer) || answer.ref === undefined) return undefined;
  const ref = answer.ref;
  return {
    type: 'actions',
    block_id: 'policybot_feedback',
    elements: FEEDBACK_VALUES.map((value) => ({
      type: 'button',
      action_id: FEEDBACK_ACTION_IDS[value],
      text: { type: 'plain_text', text: FEEDBACK_LABELS[value], emoji: false },
      value: ref,
    })),
  };
}

function button(actionId: string, label: string, value: ButtonValue): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: false },
    value: encodeValue(value),
  };
}
