import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BRACKETED_PASTE, PasteJoiner } from '../paste.js';
import { parseArgs } from 'node:util';
import { loadOpsConfig } from '../../config/ops.js';
import { type Answer, asksToVerify } from '../../core/index.js';
import { feedbackReply } from '../../core/feedback.js';
import { AssistantService } from '../../ops/service.js';
import { UnansweredRecorder } from '../../ops/unanswered.js';
import { hashKey, userHasher } from '../../ops/user-hash.js';
import { silentLogger } from '../../runtime/logger.js';
import { openAssistant } from '../../runtime/open.js';
import { renderExplanation } from '../explain.js';
import { type CliIO, type Command, terminalWidth, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, renderAnswer, wrap } from '../render.js';
import { renderVerify } from '../verify-render.js';
import { citationCommand, saveExport } from './chat-citations.js';
import { formatTopics } from './topics.js';

const HELP = `Ask anything about transnational crime threats (ODNI's 2024 assessment) and 1787's solutions.
Paste a paragraph with quotations (or "check these quotes: …") and I check each against the sources.
After an answer: "tell me more", "source?", "what should we do about it?", or a number from "Next:".
Commands: /help  /topics  /style NAME  /bibliography  /export FILE (.bib .ris .json .txt)  /good /bad  /explain  /quit`;

export const chat = {
  name: 'chat',
  summary: 'talk with the assistant in the terminal (the default with no platform configured)',
  usage: 'policybot chat',
  async run(args, io: CliIO) {
    // No options: one given by mistake is refused, not ignored.
    parseArgs({ args: [...args], options: {} });
    // The serving layer, as `serve` has it, for the curators' record: /bad on an answer is kept
    // with the question, for `policybot report` and `policybot learn`.
    const ops = loadOpsConfig(io.env);
    const record = ops.unansweredLog === undefined ? undefined : resolve(ops.unansweredLog);
    const key = hashKey(ops.userHashKey, record && join(dirname(record), '.user-hash-salt'));
    const assistant = new AssistantService({
      assistant: await openAssistant(io.env),
      logger: silentLogger,
      hashUser: userHasher(key.key),
      ...(record === undefined
        ? {}
        : { recorder: new UnansweredRecorder({ file: record, maxBytes: ops.unansweredMaxBytes }) }),
      lowConfidence: ops.lowConfidence,
    });
    const style = useColour(io) ? COLOUR : PLAIN;
    const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
    const rl = createInterface({
      input: io.stdin,
      output: io.stdout,
      terminal: interactive,
      historySize: 200,
      prompt: interactive ? style.accent('you › ') : '',
    });
    const context = { conversationId: 'terminal', platform: 'cli', user: 'terminal' };
    let explain = false;
    let last: Answer | undefined;
    // The last answer's actions, numbered: typing "2" presses the second, as a button would.
    let actions: Answer['actions'] = [];
    const show = (answer: Answer): void => {
      last = answer;
      writeLine(io.stdout, `\n${renderAnswer(answer, style, terminalWidth(io))}`);
      actions = answer.actions;
      if (actions.length > 0)
        writeLine(
          io.stdout,
          style.dim(
            wrapList(
              'Next: ',
              actions.map((a, i) => `${i + 1} ${a.label}`),
              terminalWidth(io),
            ),
          ),
        );
      writeLine(io.stdout);
      if (explain) writeLine(io.stdout, `${renderExplanation(answer, style)}\n`);
    };
    if (interactive) {
      // Where /good and /bad go is said before anything is written there.
      const where =
        record === undefined
          ? 'Marks are not recorded (POLICYBOT_UNANSWERED_LOG=off).'
          : `Marks and unanswered questions are kept for the curators in ${record} (POLICYBOT_UNANSWERED_LOG).`;
      writeLine(
        io.stdout,
        `${style.bold('policybot')} — ${HELP}\n${style.dim(wrap(where, terminalWidth(io)))}\n`,
      );
    }
    // A paste of several lines is one question (bracketed paste, where the terminal has it).
    const paste = new PasteJoiner();
    const onKey = (_: unknown, key: { name?: string } | undefined): void => paste.key(key?.name);
    if (interactive) {
      io.stdout.write(BRACKETED_PASTE.on);
      io.stdin.on('keypress', onKey);
    }
    rl.prompt();
    for await (const line of rl) {
      const joined = paste.line(line);
      if (joined === undefined) continue;
      const input = joined.trim();
      if (input === '/quit' || input === '/exit') break;
      try {
        const number = /^\d{1,2}$/.test(input) ? Number(input) : undefined;
        const pressed = number === undefined ? undefined : actions[number - 1];
        if (number !== undefined && pressed === undefined)
          writeLine(io.stdout, wrap(offered(number, actions.length), terminalWidth(io)));
        else if (/^\/(?:style|export)\b/.test(input))
          writeLine(io.stdout, (await citationCommand(input, assistant, context)) ?? '');
        else if (input === '/help') show(assistant.help(context));
        else if (input === '/bibliography') show(await assistant.showBibliography(context));
        else if (input === '/topics') writeLine(io.stdout, formatTopics(assistant));
        else if (input === '/good' || input === '/bad') {
          if (last?.ref === undefined)
            writeLine(io.stdout, 'Ask me something first, then say whether it helped.');
          else {
            const value = input === '/good' ? 'helpful' : 'not-helpful';
            writeLine(io.stdout, feedbackReply(value, await assistant.feedback(last.ref, value, context)));
          }
        } else if (input === '/explain') {
          explain = !explain;
          writeLine(io.stdout, `Explanations ${explain ? 'on' : 'off'}.`);
        } else if (/^\/\S*$/.test(input)) {
          writeLine(io.stdout, `Unknown command ${input}. ${HELP.split('\n').at(-1) ?? ''}`);
        } else if (pressed?.kind === 'export') {
          writeLine(io.stdout, saveExport(last, pressed.file));
        } else if (pressed !== undefined) {
          show(
            pressed.kind === 'follow-up'
              ? await assistant.followUp(pressed.followUp, pressed.topic, context)
              : pressed.kind === 'bibliography'
                ? await assistant.showBibliography(context)
                : await assistant.showTopic(pressed.topic, context),
          );
        } else if (asksToVerify(input)) {
          // Quotations to check ("check these quotes: “…”", a pasted paragraph), not a question.
          const result = await assistant.verify(input, undefined, context);
          writeLine(io.stdout, `\n${renderVerify(result, style)}\n`);
        } else if (input !== '') {
          show(await assistant.ask(input, context));
        }
      } catch (error) {
        // One bad question must not end the session.
        writeLine(io.stderr, `Sorry, something went wrong answering that: ${(error as Error).message}`);
      }
      rl.prompt();
    }
    rl.close();
    if (interactive) {
      io.stdin.off('keypress', onKey);
      io.stdout.write(BRACKETED_PASTE.off);
    }
    return 0;
  },
} satisfies Command;

/** What a number the last answer did not offer gets: the numbers it did offer, if any. */
function offered(number: number, count: number): string {
  if (count === 0) return `There is no option ${number} now: ask a question, or /help.`;
  const which = count === 1 ? 'Only 1 is offered' : `Choose 1 to ${count}`;
  return `There is no option ${number}. ${which} (the numbers on the "Next:" line), or ask a question.`;
}

/**
 * A label and a list on as few lines as the width allows, each item whole on its line where it
 * fits, a long one word-wrapped, never cut mid-word; further lines are indented under the first item.
 */
export function wrapList(label: string, items: readonly string[], width: number): string {
  const sep = ' · ';
  const indent = ' '.repeat(label.length);
  const lines: string[] = [];
  let current = label;
  for (const [i, item] of items.entries()) {
    const piece = i === 0 ? item : `${sep}${item}`;
    if (current.length + piece.length <= width || current.trim() === label.trim()) current += piece;
    else {
      lines.push(current);
      current = `${indent}${item}`;
    }
  }
  lines.push(current);
  // An item longer than the width on its own: word-wrapped, its own indent kept.
  return wrap(lines.join('\n'), width);
}
