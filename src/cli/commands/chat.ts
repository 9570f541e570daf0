import { createInterface } from 'node:readline';
import { openAssistant } from '../../runtime/open.js';
import { type CliIO, type Command, terminalWidth, useColour, writeLine } from '../io.js';
import { COLOUR, PLAIN, renderAnswer, wrap } from '../render.js';
import { renderExplanation } from './ask.js';
import { formatTopics } from './topics.js';

const HELP = `Ask anything about transnational crime threats (ODNI's 2024 assessment) and 1787's solutions.
After an answer: "tell me more", "source?", "what should we do about it?".
Commands: /help  /topics  /explain (toggle the evidence)  /quit`;

export const chat = {
  name: 'chat',
  summary: 'talk with the assistant in the terminal (the default with no platform configured)',
  usage: 'policybot chat',
  async run(_args, io: CliIO) {
    const assistant = await openAssistant(io.env);
    const style = useColour(io) ? COLOUR : PLAIN;
    const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
    const rl = createInterface({
      input: io.stdin,
      output: io.stdout,
      terminal: interactive,
      historySize: 200,
      prompt: interactive ? style.accent('you › ') : '',
    });
    let explain = false;
    if (interactive) writeLine(io.stdout, `${style.bold('policybot')} — ${HELP}\n`);
    rl.prompt();
    for await (const line of rl) {
      const input = line.trim();
      if (input === '/quit' || input === '/exit') break;
      if (input === '/help') writeLine(io.stdout, HELP);
      else if (input === '/topics') writeLine(io.stdout, formatTopics(assistant.knowledgeBase));
      else if (input === '/explain') {
        explain = !explain;
        writeLine(io.stdout, `Explanations ${explain ? 'on' : 'off'}.`);
      } else if (/^\/\S*$/.test(input)) {
        writeLine(io.stdout, `Unknown command ${input}. ${HELP.split('\n').at(-1) ?? ''}`);
      } else if (input !== '') {
        try {
          const { answer, explanation } = assistant.explain(input, {
            conversationId: 'terminal',
            platform: 'cli',
          });
          writeLine(io.stdout, `\n${wrap(renderAnswer(answer, style), terminalWidth(io))}\n`);
          if (explain) writeLine(io.stdout, `${renderExplanation(answer, explanation, style)}\n`);
        } catch (error) {
          // One bad question must not end the session.
          writeLine(io.stderr, `Sorry, something went wrong answering that: ${(error as Error).message}`);
        }
      }
      rl.prompt();
    }
    rl.close();
    return 0;
  },
} satisfies Command;
