/**
 * The conversation's bibliography as an answer: every source cited so far, once, ordered as the
 * style wants (conversation/bibliography.ts), with the files a reference manager imports and an
 * export action for each. Its words live here, with the rest of the core's.
 */
import { BIBLIOGRAPHY_ID } from '../../knowledge/ids.js';
import type { Action, Answer, AnswerFile, AnswerNote, Citation, ExportFormat } from '../answer.js';
import { EXPORT_FORMATS } from '../answer.js';
import { RECORD_STYLES } from '../citations/cited.js';
import { CITATION_STYLES, type CitationStyle, STYLE_LABELS } from '../citations/styles.js';
import { parseBlocks } from '../document/markup.js';
import { numberWord } from '../document/wording.js';
import type { Trace } from './decide.js';
import type { Decision } from './decision.js';
import { type ComposeContext, type CitedSoFar, documentOf, note } from './document.js';

/** Each export's file: its extension's label, media type and name. */
const FILES: Readonly<Record<ExportFormat, { readonly label: string; readonly mediaType: string }>> = {
  bib: { label: 'BibTeX (.bib)', mediaType: 'application/x-bibtex' },
  ris: { label: 'RIS (.ris)', mediaType: 'application/x-research-info-systems' },
  json: { label: 'CSL-JSON (.json)', mediaType: 'application/vnd.citationstyles.csl+json' },
  txt: { label: 'Text (.txt)', mediaType: 'text/plain; charset=utf-8' },
};

export const BIBLIOGRAPHY_FILE_STEM = 'policybot-bibliography';

/** What each style calls the list: its own heading. */
function listTitle(style: CitationStyle): string {
  if (style === 'apa') return 'References';
  if (style === 'mla') return 'Works Cited';
  return 'Bibliography';
}

/** The files of a bibliography, each whole and ending in a newline. */
export function bibliographyFiles(cited: CitedSoFar): AnswerFile[] {
  if (cited.list.references.length === 0) return [];
  return EXPORT_FORMATS.map((format) => {
    const content = format === 'txt' ? cited.text.files.txt : cited.list.files[format];
    return {
      format,
      name: `${BIBLIOGRAPHY_FILE_STEM}.${format}`,
      mediaType: FILES[format].mediaType,
      content: `${content}\n`,
    };
  });
}

export function composeBibliography(
  decision: Extract<Decision, { kind: 'bibliography' }>,
  trace: Trace,
  context: ComposeContext,
): Answer {
  const { style } = context;
  const cited = context.cited;
  const references = cited?.list.references ?? [];
  const n = references.length;
  const notes: AnswerNote[] = [];
  if (decision.unsupportedStyle !== undefined)
    notes.push(
      note(
        'unsupported-style',
        `I don't write ${decision.unsupportedStyle} references (I write ${CITATION_STYLES.join(', ')}); here they are in ${style}.`,
      ),
    );
  if (n === 0)
    notes.push(
      note(
        'nothing-cited',
        cited?.conversation === true
          ? 'Nothing has been cited in this conversation yet: ask about a threat or a solution, and every source its answers cite is listed here.'
          : 'This question stands alone, so nothing has been cited in it: in a conversation (a chat, a thread, a DM), every source its answers cite is listed here.',
      ),
    );
  const kindOf = RECORD_STYLES.has(style) ? 'records' : 'entries';
  const summary =
    n === 0
      ? ''
      : `Every source cited in this conversation, once: ${numberWord(n)} ${n === 1 ? 'source' : 'sources'}, in ${STYLE_LABELS[style]}${kindOf === 'records' ? ', one record each' : ''}.`;
  const files = cited === undefined ? [] : bibliographyFiles(cited);
  const actions: Action[] = files.map((f) => ({
    kind: 'export',
    file: f.format,
    label: FILES[f.format].label,
  }));
  const blocks = summary === '' ? [] : parseBlocks(summary, () => null);
  // The derived text (logs, `ask --json`) lists the entries too; surfaces render `references`.
  const text = [summary, ...references.map((r) => r.entry)].filter((t) => t !== '').join('\n\n');
  const document = documentOf({ ...context, form: 'bibliography' }, { notes, blocks, text });
  return {
    kind: 'bibliography',
    intent: BIBLIOGRAPHY_ID,
    confidence: decision.confidence,
    title: listTitle(style),
    ...document,
    references,
    citations: references.map(
      (r): Citation => ({
        sourceId: r.sourceId,
        title: r.label,
        publisher: r.publisher,
        date: r.date,
        url: r.url,
        ...(r.via === undefined ? {} : { via: r.via }),
        reference: r.entry,
      }),
    ),
    style,
    related: [],
    suggestions: [],
    actions,
    files,
    followUp: null,
    topic: null,
    group: 'bot',
    trace,
  };
}
