import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { RECORD_STYLES } from '../../core/citations/cited.js';
import { CITATION_STYLES, isCitationStyle } from '../../core/citations/styles.js';
import type { AskContext, PolicyAssistant } from '../../core/index.js';
import type { Style } from '../render.js';

/** The files `/export` writes, by extension: what a reference manager imports, or the list as text. */
const FILES = { '.bib': 'bib', '.ris': 'ris', '.json': 'json', '.txt': 'txt' } as const;

/**
 * The chat's citation commands: `/style NAME` (the conversation's style from now on),
 * `/bibliography` (every source cited so far) and `/export FILE` (.bib, .ris, .json or .txt).
 * Returns the reply, or undefined when the input is none of them.
 */
export async function citationCommand(
  input: string,
  assistant: Pick<PolicyAssistant, 'chooseStyle' | 'bibliography' | 'defaultStyle'>,
  context: AskContext,
  style: Style,
  cwd: string = process.cwd(),
): Promise<string | undefined> {
  const [command, ...rest] = input.split(/\s+/);
  const argument = rest.join(' ').trim();
  switch (command) {
    case '/style': {
      const name = argument.toLowerCase();
      if (!isCitationStyle(name)) return `Say /style and one of: ${CITATION_STYLES.join(', ')}.`;
      await assistant.chooseStyle(name, context);
      return `References in ${name} from now on, in this conversation.`;
    }
    case '/bibliography': {
      const bibliography = await assistant.bibliography(context);
      if (bibliography.references.length === 0) return 'Nothing cited yet in this conversation.';
      // Whole entries, one after another: never wrapped, nothing in front of them.
      return `${style.bold('Bibliography')}\n${bibliography.references.map((r) => r.entry).join('\n\n')}`;
    }
    case '/export': {
      const kind = FILES[extname(argument).toLowerCase() as keyof typeof FILES];
      if (argument === '' || kind === undefined)
        return 'Say /export and a file ending in .bib, .ris, .json or .txt.';
      const text =
        kind === 'txt'
          ? await textList(assistant, context)
          : (await assistant.bibliography(context)).files[kind];
      if (text === undefined || text === '' || text === '[]')
        return 'Nothing cited yet in this conversation.';
      const path = resolve(cwd, argument);
      writeFileSync(path, `${text}\n`);
      return `Wrote ${path}.`;
    }
    default:
      return undefined;
  }
}

/** The reference list as text: in the conversation's style, or the bot's when that is a record format. */
async function textList(
  assistant: Pick<PolicyAssistant, 'bibliography' | 'defaultStyle'>,
  context: AskContext,
): Promise<string> {
  const chosen = await assistant.bibliography(context);
  if (!RECORD_STYLES.has(chosen.style)) return chosen.files.txt;
  const fallback = RECORD_STYLES.has(assistant.defaultStyle) ? 'chicago' : assistant.defaultStyle;
  return (await assistant.bibliography(context, fallback)).files.txt;
}
