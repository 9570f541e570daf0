import type { types } from '@slack/bolt';
import { type Answer, FEEDBACK_LABELS, FEEDBACK_VALUES, takesFeedback } from '../../core/index.js';
import { ACTION_IDS, actionIdOf, type ButtonValue, encodeValue, FEEDBACK_ACTION_IDS } from './actions.js';
import { escapeText, plainText, quoteUserWords, splitText, toMrkdwn, truncate } from './mrkdwn.js';

export type Block = types.KnownBlock;

/** A message body for chat.postMessage, a slash command's response or a response_url. */
export interface SlackMessage {
  /** Notification and accessibility text, shown where blocks are not. */
  readonly text: string;
  readonly blocks: Block[];
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
  /** The question, shown back (escaped, never a ping) above the sources: for a shared answer. */
  readonly asked?: string;
  /** Without follow-up buttons (the help text has its own). */
  readonly buttons?: boolean;
  /** A line of small print under the question (mrkdwn): how a shared answer can be continued. */
  readonly note?: string;
}

/** An Answer as Block Kit: header, answer, quotes and references, then buttons that continue it. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const context = contextBlock(answer, options.asked, options.note);
  const actions = options.buttons === false ? undefined : actionsBlock(answer, options.shareQuestion);
  const feedback = options.buttons === false ? undefined : feedbackBlock(answer);
  const reserved = 1 + (context ? 1 : 0) + (actions ? 1 : 0) + (feedback ? 1 : 0);
  const blocks: Block[] = [
    header(answer.title),
    ...sections(toMrkdwn(answer.text), LIMITS.blocks - reserved),
  ];
  if (context) blocks.push(context);
  if (actions) blocks.push(actions);
  if (feedback) blocks.push(feedback);
  return { text: notification(answer.title, answer.text), blocks };
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

export function notification(title: string, markdown: string): string {
  return truncate(`${escapeText(title)}: ${plainText(markdown)}`, LIMITS.notificationText);
}

/** The quotes the text does not already give, and the references, in small print. */
function contextBlock(
  answer: Answer,
  asked: string | undefined,
  note: string | undefined,
): Block | undefined {
  const elements: types.ContextBlockElement[] = [];
  if (asked !== undefined && asked.trim() !== '') {
    elements.push({ type: 'mrkdwn', text: `Asked: ${quoteUserWords(asked)}` });
  }
  if (note !== undefined) elements.push({ type: 'mrkdwn', text: truncate(note, LIMITS.contextText) });
  // A "Sources" answer already lists its quotes and references in its text.
  if (answer.followUp !== 'source') {
    const quotes = unique(
      answer.citations
        .map((c) => c.quote)
        .filter((q): q is string => q !== undefined && !answer.text.includes(q)),
    );
    if (answer.followUp === null) {
      for (const quote of quotes.slice(0, LIMITS.contextElements - elements.length - 1)) {
        const flat = quote.replace(/\s+/g, ' ');
        elements.push({ type: 'mrkdwn', text: truncate(`_“${escapeText(flat)}”_`, LIMITS.contextText) });
      }
    }
    const references = unique(answer.citations.map((c) => c.reference));
    if (references.length > 0) {
      const label = references.length === 1 ? 'Source' : 'Sources';
      const list = references.map((r) => escapeText(r)).join('\n');
      elements.push({ type: 'mrkdwn', text: truncate(`*${label}:* ${list}`, LIMITS.contextText) });
    }
  }
  return elements.length > 0 ? { type: 'context', elements } : undefined;
}

/** The answer's actions as buttons (the core decides which), and "Share in channel" when asked for. */
function actionsBlock(answer: Answer, shareQuestion: string | undefined): Block | undefined {
  const elements: types.Button[] = [];
  let topics = 0;
  for (const action of answer.actions) {
    if (action.kind === 'topic' && topics >= 5) continue;
    const id = actionIdOf(action, action.kind === 'topic' ? topics++ : 0);
    // Action ids must be unique within a block: one button per follow-up kind.
    if (elements.some((e) => e.action_id === id)) continue;
    elements.push(button(id, action.label, { topic: action.topic }));
  }
  if (shareQuestion !== undefined && answer.kind !== 'rate-limited') {
    const value: ButtonValue = { topic: answer.topic, followUp: answer.followUp, question: shareQuestion };
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

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
