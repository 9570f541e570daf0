// `npm run bench:profile`: the core alone, for finding hot spots. Trains once, then asks the
// development sets' questions through answerNow (the pipeline the bench times), each time in a
// spelling not asked before, and prints wall-clock p50/p99 and CPU time per question. Run it
// under a profiler to see where the time goes:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.ts
// Timings here are for comparing two versions in the same minute on the same machine, several
// runs each; the figures to report are `npm run bench`'s.
import { parseArgs } from 'node:util';
import { createAssistant } from '../src/core/index.js';
import { readLabelled } from '../src/eval/dataset.js';
import { loadKnowledgeBase } from '../src/knowledge/index.js';
import { msSince, now, percentile, QuestionStream } from './measure.js';
import { ROOT } from './paths.js';
import { evalSets } from './sets.js';

const { values } = parseArgs({ options: { asks: { type: 'string', default: '4000' } } });
const asks = Number(values.asks);
if (!Number.isInteger(asks) || asks < 1) throw new Error(`--asks must be a whole number, not ${values.asks}`);

const kb = loadKnowledgeBase({ root: ROOT });
const trainStart = now();
const bot = createAssistant(kb);
const trainMs = msSince(trainStart);
const questions = evalSets(false).flatMap((s) => readLabelled(s.questions).map((q) => q.q));
const stream = new QuestionStream(questions);
// Warm up: every question once, so what is timed is answering, not first-use set-up.
for (let i = 0; i < questions.length; i++) bot.answerNow(stream.next());

const latencies = new Float64Array(asks);
const cpuStart = process.cpuUsage();
const start = now();
for (let i = 0; i < asks; i++) {
  const t = now();
  bot.answerNow(stream.next());
  latencies[i] = msSince(t) * 1000;
}
const wallMs = msSince(start);
const cpu = process.cpuUsage(cpuStart);
latencies.sort();
console.log(
  [
    `training ${trainMs.toFixed(0)} ms`,
    `${asks} asks`,
    `p50 ${percentile(latencies, 50).toFixed(0)} µs`,
    `p99 ${percentile(latencies, 99).toFixed(0)} µs`,
    `${((asks / wallMs) * 1000).toFixed(0)} q/s`,
    `CPU ${((cpu.user + cpu.system) / asks).toFixed(0)} µs a question (GC threads included)`,
  ].join(', '),
);
