import { parseArgs } from 'node:util';
import type { Assistant } from '../../core/index.js';
import { openAssistant } from '../../runtime/open.js';
import { type Command, writeLine } from '../io.js';

const HEADINGS: Readonly<Record<string, string>> = {
  threat: "Threats (ODNI's 2024 Annual Threat Assessment)",
  solution: "Solutions (1787's Transnational Crime page, in its order)",
  source: 'Sources',
  related: 'Related',
};

/** The grouped list that `policybot topics` and the chat's /topics print. */
export function formatTopics(assistant: Pick<Assistant, 'topics'>): string {
  const all = assistant.topics();
  const groups = [...new Set(all.map((t) => t.group))];
  return groups
    .map((group) =>
      [
        HEADINGS[group] ?? group,
        ...all.filter((t) => t.group === group).map((t) => `  ${t.intent.padEnd(22)} ${t.title}`),
      ].join('\n'),
    )
    .join('\n\n');
}

export const topics = {
  name: 'topics',
  summary: 'list what the assistant can answer',
  usage: 'policybot topics [--json]',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean', default: false } } });
    const assistant = await openAssistant(io.env);
    if (values.json) {
      writeLine(io.stdout, JSON.stringify(assistant.topics(), null, 2));
      return 0;
    }
    writeLine(io.stdout, `${formatTopics(assistant)}\n`);
    return 0;
  },
} satisfies Command;
