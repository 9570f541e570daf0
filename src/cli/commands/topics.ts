import { parseArgs } from 'node:util';
import { INTENT_IDS } from '../../knowledge/ids.js';
import type { KnowledgeBase, Topic } from '../../knowledge/types.js';
import { openAssistant } from '../../runtime/open.js';
import { type Command, writeLine } from '../io.js';

const GROUPS = [
  ['threat', "Threats (ODNI's 2024 Annual Threat Assessment)"],
  ['solution', "Solutions (1787's Transnational Crime page, in its order)"],
  ['source', 'Sources'],
  ['related', 'Related'],
] as const;

/** Topics in the contract's order: the threats as the report lists them, the solutions as 1787 does. */
function ordered(kb: KnowledgeBase): Topic[] {
  return [...kb.topics.values()].sort((a, b) => INTENT_IDS.indexOf(a.id) - INTENT_IDS.indexOf(b.id));
}

/** The grouped list that `policybot topics` and the chat's /topics print. */
export function formatTopics(kb: KnowledgeBase): string {
  const all = ordered(kb);
  return GROUPS.map(([group, heading]) =>
    [heading, ...all.filter((t) => t.group === group).map((t) => `  ${t.id.padEnd(22)} ${t.title}`)].join(
      '\n',
    ),
  ).join('\n\n');
}

export const topics = {
  name: 'topics',
  summary: 'list what the assistant can answer',
  usage: 'policybot topics [--json]',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean', default: false } } });
    const kb = (await openAssistant(io.env)).knowledgeBase;
    if (values.json) {
      const list = ordered(kb)
        .filter((t) => t.group !== 'fallback')
        .map((t) => ({ intent: t.id, group: t.group, title: t.title, summary: t.summary }));
      writeLine(io.stdout, JSON.stringify(list, null, 2));
      return 0;
    }
    writeLine(io.stdout, `${formatTopics(kb)}\n`);
    return 0;
  },
} satisfies Command;
