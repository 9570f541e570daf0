import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { CITATION_STYLES, isCitationStyle } from '../../core/citations/styles.js';
import type { Answer, AskContext, ExportFormat, PolicyAssistant } from '../../core/index.js';

/** The files `/export` writes, by extension: what a reference manager imports, or the list as text. */
const FILES = { '.bib': 'bib', '.ris': 'ris', '.json': 'json', '.txt': 'txt' } as const;

/**
 * The chat's citation commands: `/style NAME` (the conversation's style from now on) and
 * `/export FILE` (.bib, .ris, .json or .txt). `/bibliography` is the core's bibliography answer,
 * shown as any answer is (chat.ts). Returns the reply, or undefined when the input is none of them.
 */
export async function citationCommand(
  input: string,
  assistant: Pick<PolicyAssistant, 'chooseStyle' | 'showBibliography'>,
  context: AskContext,
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
    case '/export': {
      const kind = FILES[extname(argument).toLowerCase() as keyof typeof FILES];
      if (argument === '' || kind === undefined)
        return 'Say /export and a file ending in .bib, .ris, .json or .txt.';
      // The core's bibliography answer carries every file whole; the chat only writes one.
      const file = (await assistant.showBibliography(context)).files?.find((f) => f.format === kind);
      if (file === undefined) return 'Nothing cited yet in this conversation.';
      const path = resolve(cwd, argument);
      writeFileSync(path, file.content);
      return `Wrote ${path}.`;
    }
    default:
      return undefined;
  }
}

/**
 * A bibliography answer's file, pressed by its number in "Next:": written whole into the working
 * directory under its own name, as a browser saves a download.
 */
export function saveExport(
  answer: Answer | undefined,
  format: ExportFormat,
  cwd: string = process.cwd(),
): string {
  const file = answer?.files?.find((f) => f.format === format);
  if (file === undefined) return 'That file is no longer at hand: ask for the bibliography again.';
  const path = resolve(cwd, file.name);
  writeFileSync(path, file.content);
  return `Wrote ${path}.`;
}
