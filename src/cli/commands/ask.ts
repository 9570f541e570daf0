import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../../config/core.js';
import { DEFAULT_MAX_QUESTION_LENGTH } from '../../core/index.js';
import type { Answer } from '../../core/index.js';
import { knowledgeDir, openAssistant } from '../../runtime/open.js';
import { renderExplanation } from '../explain.js';
import { type Command, terminalWidth, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, renderAnswer } from '../render.js';
import { FileConversationStore } from '../session.js';

export const ask = {
  name: 'ask',
  summary:
    'answer one question, or one per line of standard input (each line is a question of its own: a paste of several lines is several questions; the chat reads a paste as one)',
  usage:
    'policybot ask ["question"] [--json] [--explain] [--session NAME]  (a named session keeps its topic across calls for 10 idle minutes; on stdin, one question per line)',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        session: { type: 'string' },
      },
    });
    const session =
      values.session === undefined
        ? undefined
        : new FileConversationStore(values.session, await knowledgeDir(io.env), io.env);
    const assistant = await openAssistant(io.env, session);
    const maxLength =
      (await loadCoreConfig(io.env)).POLICYBOT_MAX_QUESTION_LENGTH ?? DEFAULT_MAX_QUESTION_LENGTH;
    const style = useColour(io) ? COLOUR : PLAIN;
    const context = {
      platform: 'cli',
      ...(values.session === undefined ? {} : { conversationId: values.session }),
    };

    const answerOne = async (question: string): Promise<void> => {
      const answer = await assistant.ask(question, context);
      if (values.json)
        writeLine(io.stdout, JSON.stringify(jsonLine(question, answer, maxLength, values.explain)));
      else {
        writeLine(io.stdout, renderAnswer(answer, style, terminalWidth(io)));
        if (values.explain) writeLine(io.stdout, `\n${renderExplanation(answer, style)}`);
        writeLine(io.stdout);
      }
    };
    if (positionals.length > 0) {
      await answerOne(positionals.join(' '));
      return 0;
    }
    // One question a line; lines stand alone unless --session ties them into one conversation.
    // readline loads only here: a question on the command line does not need it.
    const { createInterface } = await import('node:readline');
    let line = 0;
    for await (const question of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      line += 1;
      if (question.trim() === '') continue;
      await answerOne(question);
    }
    if (line === 0 && !values.json) writeLine(io.stderr, `usage: ${ask.usage}`);
    return 0;
  },
} satisfies Command;

/**
 * One JSON line: the question (cut at the length limit, and said to be, so a 200 MB line does not
 * come back as a 200 MB answer), then the answer; its trace only with --explain.
 */
function jsonLine(question: string, answer: Answer, maxLength: number, explain: boolean): object {
  const { trace, ...rest } = answer;
  const cut = question.length > maxLength;
  return {
    // Cut between characters, never inside an emoji's surrogate pair.
    question: cut ? [...question.slice(0, maxLength)].join('').replace(/[\uD800-\uDBFF]$/, '') : question,
    ...(cut ? { questionTruncated: true, questionLength: question.length } : {}),
    ...rest,
    ...(explain ? { explanation: trace } : { decidedBy: trace.decidedBy }),
  };
}
