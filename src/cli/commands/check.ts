import { parseArgs } from 'node:util';
import { checkPhrases } from '../../eval/phrases.js';
import { KnowledgeBaseError } from '../../knowledge/errors.js';
import { assistantFrom, knowledgeDir, loadValidated, openKnowledge } from '../../runtime/open.js';
import { loadCoreConfig } from '../../config/core.js';
import { type Command, writeLine } from '../io.js';

export const check = {
  name: 'check',
  summary: 'validate intents/ and content/, then run every training phrase through the whole pipeline',
  usage: 'policybot check',
  async run(args, io) {
    // No options: one given by mistake is refused, not ignored.
    parseArgs({ args: [...args], options: {} });
    let kb: Awaited<ReturnType<typeof loadValidated>>;
    try {
      kb = await loadValidated(await knowledgeDir(io.env));
    } catch (error) {
      if (!(error instanceof KnowledgeBaseError)) throw error;
      writeLine(io.stderr, error.message);
      return 1;
    }
    // Valid: train and store the start-up cache now, so the first question is answered at full speed.
    const config = await loadCoreConfig(io.env);
    const assistant = assistantFrom(await openKnowledge(io.env, config), config);
    const result = checkPhrases(assistant);
    const quotes = [...kb.topics.values()].reduce((n, t) => n + t.quotes.length, 0);
    const problems = [
      ...result.misses.map((m) => `${m.file}: ${m.intent}: "${m.phrase}" gets ${m.got}`),
      ...result.limits.map(
        (l) => `content/limits.yaml: ${l.limit}: "${l.question}" should be ${l.expected} by this rule`,
      ),
    ];
    if (problems.length > 0) {
      writeLine(
        io.stderr,
        `The knowledge base loads, but ${problems.length} phrase${problems.length === 1 ? '' : 's'} ${problems.length === 1 ? 'is' : 'are'} answered otherwise:\n${problems.map((p) => `  ${p}`).join('\n')}\n\nReword the phrase, move it to the intent it gets, or mark it as an accepted exception:\n  - text: "the phrase"\n    exception: why it may get another answer`,
      );
      return 1;
    }
    const n = result.accepted.length;
    const accepted = n === 0 ? '' : `, ${n} accepted exception${n === 1 ? '' : 's'}`;
    writeLine(
      io.stdout,
      `Knowledge base OK: ${kb.topics.size} topics, ${kb.sources.size} sources, ${quotes} verbatim quotes, ${kb.examples.length} training phrases, each answered as its own intent${accepted}; ${kb.limits.length} limits, each declining its examples.`,
    );
    return 0;
  },
} satisfies Command;
