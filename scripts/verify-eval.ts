/**
 * Scores the quote checker on a labelled corpus (default: tests/verify/corpus-dev.jsonl): per
 * verdict right and wrong, altered or misattributed quotations passed as exact, false alarms, and
 * the misses. `npm run verify:eval [FILE] [-- --json]`. Exits 1 under 98% or on any slip passed as exact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAssistant } from '../src/core/assistant.js';
import { VERDICTS } from '../src/core/verify/types.js';
import { parseVerifyCorpus, scoreVerify } from '../src/eval/verify.js';
import { loadKnowledgeBase } from '../src/knowledge/load.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const file =
  args.find((a) => !a.startsWith('--')) ??
  join(import.meta.dirname, '..', 'tests', 'verify', 'corpus-dev.jsonl');
const cases = parseVerifyCorpus(readFileSync(file, 'utf8'), file);
const kb = loadKnowledgeBase({ root: join(import.meta.dirname, '..') });
const assistant = createAssistant(kb);
const results = [];
for (const c of cases) results.push(await assistant.verify(c.text, 'plain'));
const score = scoreVerify(cases, results);
if (json) {
  console.log(JSON.stringify(score, null, 2));
} else {
  console.log(`${file}: ${cases.length} paragraphs, ${score.total} quotations`);
  console.log(`right: ${score.right}/${score.total} (${(score.accuracy * 100).toFixed(1)}%)`);
  for (const v of VERDICTS)
    console.log(`  ${v.padEnd(14)} right ${score.byVerdict[v].right}  wrong ${score.byVerdict[v].wrong}`);
  console.log(`altered or misattributed reported as exact: ${score.passedAsExact}`);
  console.log(`attribution read as labelled (of those right): ${score.attributionRight}/${score.right}`);
  console.log(`false alarms (checked what is no labelled quotation): ${score.falseAlarms}`);
  if (score.misses.length > 0) {
    console.log('\nmisses:');
    for (const m of score.misses)
      console.log(`  ${m.id}  expected ${m.expected}, got ${m.got}: “${m.quote.slice(0, 90)}”`);
  }
}
process.exitCode = score.accuracy >= 0.98 && score.passedAsExact === 0 ? 0 : 1;
