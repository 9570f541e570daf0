import { type APIStringSelectComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { PolicyAssistant } from '../../core/index.js';
import { type CiteThis, GROUP_LABELS, topicsByGroup } from '../cite-this.js';
import { citeMessage } from './commands/cite.js';
import { encodeAction, isCiteKey } from './custom-id.js';
import { escapeUserText, neutraliseMentions } from './escape.js';
import { LIMITS, truncate } from './limits.js';
import { type ActionRow, COLOURS, noticeMessage, type ReplyMessage } from './render.js';

export interface CiteThisOptions {
  /** The message's words, shown back ("On: …"); none for a topic picked from "Not this one?". */
  readonly asked?: string;
  /** Only the person who asked sees it: with Share (for everyone) and "Not this one?". */
  readonly ephemeral: boolean;
}

/**
 * "Cite this" on a message, in Discord's idiom: the citation as `/cite` shows it (each reference in
 * a code block ready to paste, with the verbatim quote it backs), then Share, Sources and "Not this
 * one?"; or, when the sources back nothing of it, that plainly, with the nearest topics.
 */
export function citeThisMessage(
  outcome: CiteThis,
  assistant: PolicyAssistant,
  options: CiteThisOptions,
): ReplyMessage {
  const on =
    options.asked === undefined
      ? undefined
      : `On: “${escapeUserText([...options.asked].slice(0, 200).join(''))}”`;
  switch (outcome.kind) {
    case 'rate-limited':
      return noticeMessage(outcome.text, true);
    case 'empty':
      return noticeMessage('That message has no words I can read: nothing to cite.', true);
    case 'too-long':
      return noticeMessage(
        `That message is ${outcome.length} characters long; I read up to ${outcome.max} as one claim. Ask me about the claim itself with /ask.`,
        true,
      );
    case 'unsupported': {
      const names = outcome.nearest.map((m) => `**${neutraliseMentions(m.title)}**`).join(', ');
      const description = [
        ...(on === undefined ? [] : [on, '']),
        names === ''
          ? 'The sources I hold do not support this: nothing in them says it, or anything near it.'
          : `The sources I hold do not support this: nothing in them says it. Nearest topics: ${names}.`,
      ].join('\n');
      const buttons = outcome.nearest.slice(0, LIMITS.buttonsPerRow).map((m) => ({
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: truncate(m.title, LIMITS.buttonLabel),
        custom_id: encodeAction({ kind: 'topic', topic: m.intent }),
      }));
      const rows: ActionRow[] =
        buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
      const pick = picker(assistant, undefined, 'Cite a topic');
      return {
        embeds: [{ title: 'Not in the sources', description, color: COLOURS.fallback }],
        components: pick ? [...rows, pick] : rows,
        ephemeral: options.ephemeral,
      };
    }
    case 'cited': {
      const message = citeMessage(outcome.result, options.ephemeral, assistant.knowledgeBase);
      const [embed, ...more] = message.embeds;
      const shown =
        embed === undefined || on === undefined
          ? message.embeds
          : [
              {
                ...embed,
                description: truncate(`${on}\n\n${embed.description ?? ''}`, LIMITS.embedDescription),
              },
              ...more,
            ];
      const buttons = [
        ...(options.ephemeral && isCiteKey(outcome.key)
          ? [
              {
                type: ComponentType.Button as const,
                style: ButtonStyle.Primary as const,
                label: 'Share',
                custom_id: encodeAction({
                  kind: 'shareCitation',
                  style: outcome.result.style,
                  key: outcome.key,
                }),
              },
            ]
          : []),
        ...(outcome.topic === undefined
          ? []
          : [
              {
                type: ComponentType.Button as const,
                style: ButtonStyle.Secondary as const,
                label: 'Sources',
                custom_id: encodeAction({ kind: 'followUp', followUp: 'source', topic: outcome.topic }),
              },
            ]),
      ];
      const rows: ActionRow[] =
        buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
      const pick = options.ephemeral ? picker(assistant, outcome.topic, 'Not this one?') : undefined;
      return {
        embeds: shown,
        components: pick ? [...rows, pick] : rows,
        ephemeral: options.ephemeral,
        ...(message.files === undefined ? {} : { files: message.files }),
      };
    }
  }
}

/** "Not this one?": every topic but the one cited (Discord takes 25 options), labelled with its group. */
function picker(
  assistant: PolicyAssistant,
  cited: string | undefined,
  placeholder: string,
): ActionRow | undefined {
  const options = topicsByGroup(assistant)
    .flatMap(({ group, topics }) => topics.map((t) => ({ group, topic: t })))
    .filter(({ topic }) => topic.intent !== cited)
    .slice(0, LIMITS.selectOptions)
    .map(({ group, topic }) => ({
      label: truncate(topic.title, LIMITS.selectLabel),
      value: topic.intent,
      description: truncate(GROUP_LABELS[group], LIMITS.selectDescription),
    }));
  if (options.length === 0) return undefined;
  const select: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: encodeAction({ kind: 'citePick' }),
    placeholder,
    options,
  };
  return { type: ComponentType.ActionRow, components: [select] };
}
