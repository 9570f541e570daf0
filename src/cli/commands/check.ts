import { KnowledgeBaseError } from '../../knowledge/errors.js';
import { knowledgeDir, loadValidated, openKnowledge } from '../../runtime/open.js';
import { type Command, writeLine } from '../io.js';

export const check = {
  name: 'check',
  summary: 'validate intents/ and content/, naming the file and field of every problem',
  usage: 'policybot check',
  async run(_args, io) {
    try {
      const kb = await loadValidated(await knowledgeDir(io.env));
      // Valid: train and store the start-up cache now, so the first question is answered at full speed.
      await openKnowledge(io.env);
      const quotes = [...kb.topics.values()].reduce((n, t) => n + t.quotes.length, 0);
      writeLine(
        io.stdout,
        `Knowledge base OK: ${kb.topics.size} topics, ${kb.sources.size} sources, ${quotes} verbatim quotes, ${kb.examples.length} training phrases.`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof KnowledgeBaseError)) throw error;
      writeLine(io.stderr, error.message);
      return 1;
    }
  },
} satisfies Command;
