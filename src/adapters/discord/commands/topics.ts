import { type APIStringSelectComponent, ComponentType } from 'discord.js';
import type { TopicSummary } from '../../../core/index.js';
import { encodeAction } from '../custom-id.js';
import { neutraliseMentions } from '../escape.js';
import { contentTopics } from '../knowledge.js';
import { fitEmbed, LIMITS, truncate } from '../limits.js';
import { type ActionRow, COLOURS } from '../render.js';
import { COMMAND_DEFAULTS, type Command, isPrivate, PRIVATE_OPTION } from './types.js';

const GROUPS = [
  {
    group: 'threat',
    heading: "Threats (ODNI's 2024 Annual Threat Assessment)",
    placeholder: 'Pick a threat',
  },
  {
    group: 'solution',
    heading: "Solutions (1787's Transnational Crime page)",
    placeholder: 'Pick a solution',
  },
] as const;

/** `/topics`: the threats and solutions, listed and each selectable from a menu to get its answer. */
export const topicsCommand = {
  data: {
    ...COMMAND_DEFAULTS,
    name: 'topics',
    description: 'The threats and solutions I can answer about; pick one to read it',
    options: [PRIVATE_OPTION],
  },
  execute(request, { assistant }) {
    const all = contentTopics(assistant);
    const listed = GROUPS.map(({ group, heading }) => ({
      heading,
      topics: all.filter((t) => t.group === group),
    }));
    const fields = listed
      .filter((g) => g.topics.length > 0)
      .map((g) => ({
        name: g.heading,
        value: g.topics.map((t) => `- ${neutraliseMentions(t.title)}`).join('\n'),
      }));
    const components: ActionRow[] = GROUPS.flatMap(({ group, placeholder }) => {
      const topics = all.filter((t) => t.group === group);
      return topics.length === 0
        ? []
        : [{ type: ComponentType.ActionRow, components: [menu(group, placeholder, topics)] }];
    });
    return {
      embeds: [
        fitEmbed({
          title: 'What I can answer',
          description:
            'Pick a topic below, or ask in your own words with `/ask`. Every answer quotes its source.',
          color: COLOURS.bot,
          fields,
        }),
      ],
      components,
      ephemeral: isPrivate(request),
    };
  },
} satisfies Command;

function menu(group: string, placeholder: string, topics: readonly TopicSummary[]): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: encodeAction({ kind: 'pick', group }),
    placeholder,
    options: topics.slice(0, LIMITS.selectOptions).map((t) => ({
      label: truncate(t.title, LIMITS.selectLabel),
      value: t.intent,
      description: truncate(t.summary.replace(/\s+/g, ' '), LIMITS.selectDescription),
    })),
  };
}
