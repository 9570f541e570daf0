import type { types } from '@slack/bolt';
import type { CitationStyle } from '../../core/citations/styles.js';
import type { PolicyAssistant } from '../../core/index.js';
import { type CiteThis, GROUP_LABELS, topicsByGroup } from '../cite-this.js';
import { ACTION_IDS, encodeCitationValue, encodeValue } from './actions.js';
import { renderCitation } from './command.js';
import { escapeText, quoteUserWords, truncate } from './mrkdwn.js';
import { type Block, header, LIMITS, type SlackMessage, sections } from './render.js';

/** Slack's limits for a select menu's options (plain_text of 75 characters, 100 options). */
const OPTION_TEXT = 75;
const OPTIONS_MAX = 100;

export interface CiteThisOptions {
  /** The message's words, shown back ("On: …"); none for a topic picked from "Not this one?". */
  readonly asked?: string;
  /** The style the references are in: what Share posts them in. */
  readonly style: CitationStyle;
  /** With "Share in channel" (a private reply), or without (the shared copy). */
  readonly shareable: boolean;
}

/**
 * A "Cite this" reply: the topic or source the message's words are about, its verbatim quotes and
 * references (as `/policy cite` shows them), then Share, Sources and "Not this one?"; or, when the
 * sources back nothing of it, that plainly, with the nearest topics.
 */
export function renderCiteThis(
  outcome: CiteThis,
  assistant: PolicyAssistant,
  options: CiteThisOptions,
): SlackMessage {
  const on: Block[] = options.asked === undefined ? [] : [context(`On: “${quoteUserWords(options.asked)}”`)];
  switch (outcome.kind) {
    case 'rate-limited':
      return notice('One moment, please', escapeText(outcome.text));
    case 'empty':
      return notice('Nothing to cite', 'That message has no words I can read: nothing to cite.');
    case 'too-long':
      return notice(
        'Nothing to cite',
        `That message is ${outcome.length} characters long; I read up to ${outcome.max} as one claim. Ask me about the claim itself with \`/policy\`.`,
      );
    case 'unsupported': {
      const near = outcome.nearest;
      const names = near.map((m) => `*${escapeText(m.title)}*`).join(', ');
      const text =
        near.length > 0
          ? `The sources I hold do not support this: nothing in them says it. Nearest topics: ${names}.`
          : 'The sources I hold do not support this: nothing in them says it, or anything near it.';
      const blocks: Block[] = [header('Not in the sources'), ...on, ...sections(text, 2)];
      const buttons = near.slice(0, 5).map(
        (m, i): types.Button => ({
          type: 'button',
          action_id: `${ACTION_IDS.topic}_${i}`,
          text: { type: 'plain_text', text: truncate(m.title, LIMITS.buttonText), emoji: false },
          value: encodeValue({ topic: m.intent }),
        }),
      );
      const pick = picker(assistant, undefined, 'Cite a topic');
      blocks.push({ type: 'actions', elements: [...buttons, ...(pick ? [pick] : [])] });
      return { text: 'Not in the sources: nothing in them says this.', blocks };
    }
    case 'cited': {
      const citation = renderCitation(outcome.result, outcome.key);
      const [first, ...rest] = citation.blocks;
      const elements: types.Button[] = [];
      if (options.shareable) {
        elements.push({
          type: 'button',
          action_id: ACTION_IDS.shareCitation,
          text: { type: 'plain_text', text: 'Share in channel', emoji: false },
          style: 'primary',
          value: encodeCitationValue({ key: outcome.key, style: options.style }),
        });
      }
      if (outcome.topic !== undefined) {
        elements.push({
          type: 'button',
          action_id: ACTION_IDS.source,
          text: { type: 'plain_text', text: 'Sources', emoji: false },
          value: encodeValue({ topic: outcome.topic }),
        });
      }
      const pick = options.shareable ? picker(assistant, outcome.topic, 'Not this one?') : undefined;
      const actions: Block[] =
        elements.length > 0 || pick
          ? [{ type: 'actions', elements: [...elements, ...(pick ? [pick] : [])] }]
          : [];
      // Room for the lines added around the citation, within Slack's 50 blocks.
      const body = rest.slice(0, LIMITS.blocks - 1 - on.length - actions.length);
      return {
        text: citation.text,
        blocks: [...(first ? [first] : []), ...on, ...body, ...actions],
        ...(citation.files === undefined ? {} : { files: citation.files }),
      };
    }
  }
}

/** "Not this one?": every topic, by group, but the one cited; picking one cites it instead. */
function picker(
  assistant: PolicyAssistant,
  cited: string | undefined,
  placeholder: string,
): types.StaticSelect | undefined {
  let room = OPTIONS_MAX;
  const groups = topicsByGroup(assistant).flatMap(({ group, topics }) => {
    const options = topics
      .filter((t) => t.intent !== cited)
      .slice(0, room)
      .map((t) => ({
        text: { type: 'plain_text' as const, text: truncate(t.title, OPTION_TEXT), emoji: false },
        value: t.intent,
      }));
    room -= options.length;
    return options.length > 0
      ? [
          {
            label: { type: 'plain_text' as const, text: truncate(GROUP_LABELS[group], OPTION_TEXT) },
            options,
          },
        ]
      : [];
  });
  if (groups.length === 0) return undefined;
  return {
    type: 'static_select',
    action_id: ACTION_IDS.citePick,
    placeholder: { type: 'plain_text', text: placeholder, emoji: false },
    option_groups: groups,
  };
}

function context(mrkdwn: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.contextText) }] };
}

function notice(title: string, mrkdwn: string): SlackMessage {
  return { text: title, blocks: [header(title), ...sections(mrkdwn, 1)] };
}
