import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CITATION_STYLES, isCitationStyle, STYLE_LABELS } from '../../core/citations/styles.js';
import { openAssistant } from '../../runtime/open.js';
import { type CliIO, type Command, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN } from '../render.js';
import { renderVerify } from '../verify-render.js';

export const verify = {
  name: 'verify',
  summary: "checks a memo's quotations against the sources: exact, altered, misattributed or not found",
  usage: `policybot verify [FILE|-] [--style|-s ${CITATION_STYLES.join('|')}] [--json]  (exits 1 when a quotation is not exact)`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        style: { type: 'string', short: 's' },
        json: { type: 'boolean', default: false },
      },
    });
    const requested = values.style?.trim().toLowerCase();
    if (requested !== undefined && !isCitationStyle(requested)) {
      const styles = CITATION_STYLES.map((s) => `  ${s.padEnd(9)} ${STYLE_LABELS[s]}`).join('\n');
      writeLine(io.stderr, `Unknown style "${values.style}". Choose one of:\n${styles}`);
      return 2;
    }
    if (positionals.length > 1) {
      writeLine(io.stderr, `One file at a time.\nusage: ${verify.usage}`);
      return 2;
    }
    const file = positionals[0];
    let text: string;
    try {
      text = file === undefined || file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
    } catch (error) {
      writeLine(io.stderr, `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return 2;
    }
    if (text.includes('\u0000')) {
      writeLine(io.stderr, `${file ?? 'The input'} is not text: give a memo as plain text or Markdown.`);
      return 2;
    }
    if (text.trim() === '') {
      writeLine(io.stderr, `Nothing to check.\nusage: ${verify.usage}`);
      return 2;
    }
    const assistant = await openAssistant(io.env);
    const result = await assistant.verify(text, requested, { platform: 'cli' });
    if (values.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    else
      writeLine(
        result.refused === null ? io.stdout : io.stderr,
        renderVerify(result, useColour(io) ? COLOUR : PLAIN),
      );
    // A pre-publication check: only a text whose every quotation is exact passes.
    return result.refused !== null || !result.ok ? 1 : 0;
  },
} satisfies Command;

async function readAll(stream: CliIO['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
