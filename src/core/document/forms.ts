import type { Answer, CitationForm, Reference } from '../answer.js';
import { LABELS } from './wording.js';

/** One form of a reference to show: a label (none for the entry itself) and the text, pasted whole. */
export interface ReferencePart {
  readonly label?: string;
  readonly text: string;
  /** A machine record (BibTeX, RIS, CSL-JSON): several lines, to be shown whole and unchanged. */
  readonly record: boolean;
}

/** The footnote this answer gives a source, else its full note. */
function noteText(r: Reference): { label: string; text: string } | undefined {
  if (r.note === undefined) return undefined;
  if (r.footnote === undefined) return { label: LABELS.note, text: r.note.full };
  const text = r.footnote.form === 'full' ? r.note.full : r.note.short;
  return { label: `${LABELS.note} ${r.footnote.number}`, text };
}

/**
 * The forms of a reference an answer shows, in order, as every surface lays them out: the entry,
 * the in-text form (APA, MLA) and the footnote (Chicago), or only the form asked for. A style
 * without the form asked for gives its nearest (Chicago's note for an in-text citation, APA's
 * in-text form for a note); the answer's notes say so.
 */
export function referenceParts(r: Reference, form: CitationForm): ReferencePart[] {
  const record = r.kind === 'record';
  const entry: ReferencePart = { text: r.entry, record };
  if (record) return [entry];
  const inText: ReferencePart[] =
    r.inText === undefined
      ? []
      : [
          { label: LABELS.inText, text: r.inText, record: false },
          ...(r.nameInText === undefined
            ? []
            : [{ label: LABELS.nameInText, text: r.nameInText, record: false }]),
        ];
  const n = noteText(r);
  const note: ReferencePart[] = n === undefined ? [] : [{ label: n.label, text: n.text, record: false }];
  switch (form) {
    case 'bibliography':
      return [entry];
    case 'in-text':
      return inText.length > 0 ? inText : note.length > 0 ? note : [entry];
    case 'note':
      return note.length > 0 ? note : inText.length > 0 ? inText : [entry];
    case 'full':
      return [entry, ...inText, ...(r.footnote === undefined ? [] : note)];
  }
}

/** The quotes an answer gives that its blocks do not show. */
export function quotesToList(answer: Answer): Answer['quotes'] {
  return answer.quotes.filter((q) => !q.shownInText);
}

/** "Source" or "Sources". */
export function referencesHeading(answer: Answer): string {
  return answer.references.length === 1 ? LABELS.source : LABELS.sources;
}
