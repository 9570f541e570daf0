import { parseArgs } from 'node:util';
import { type Command, writeLine } from '../io.js';
import { openAssistant } from '../../runtime/open.js';

const GROUPS = [
  ['threat', "Threats (ODNI's 2024 Annual Threat Assessment)"],
  ['solution', "Solutions (1787's Transnational Crime page)"],
  ['source', 'Sources'],
  ['related', 'Related'],
] as const;

export const topics = {
  name: 'topics',
  summary: 'list what the assistant can answer',
  usage: 'policybot topics [--json]',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean', default: false } } });
    const kb = (await openAssistant(io.env)).knowledgeBase;
    const all = [...kb.topics.values()];
    if (values.json) {
      const list = all
        .filter((t) => t.group !== 'fallback')
        .map((t) => ({ intent: t.id, group: t.group, title: t.title, summary: t.summary }));
      writeLine(io.stdout, JSON.stringify(list, null, 2));
      return 0;
    }
    for (const [group, heading] of GROUPS) {
      writeLine(io.stdout, heading);
      for (const t of all.filter((x) => x.group === group))
        writeLine(io.stdout, `  ${t.id.padEnd(22)} ${t.title}`);
      writeLine(io.stdout);
    }
    return 0;
  },
} satisfies Command;
