import { referenceParts } from '../core/document/forms.js';
import { RECORD_STYLES } from '../core/citations/cited.js';
import type { CitationStyle } from '../core/citations/styles.js';
import type { Answer, CitationForm, Reference } from '../core/index.js';

/**
 * A file sent with a message where a platform's field is too small for what it must carry whole:
 * a machine record (BibTeX, CSL-JSON), references a message has no room for, a bibliography. Slack
 * uploads it (files.uploadV2), Discord attaches it; neither ever cuts the text instead.
 */
export interface OutFile {
  /** The file name: a stem of letters, digits, dots and dashes, and the format's extension. */
  readonly name: string;
  readonly content: string;
  /** What it holds, in a few words (Discord's attachment description, Slack's file title). */
  readonly title: string;
  /** Its media type, where the answer gives one. */
  readonly mediaType?: string;
}

/**
 * The files an answer carries (a bibliography's .bib, .ris, .json, .txt), titled by the export
 * action the core offers for each: a chat platform attaches them rather than showing buttons.
 */
export function answerFiles(answer: Answer): OutFile[] {
  return (answer.files ?? []).map((f) => {
    const action = answer.actions.find((a) => a.kind === 'export' && a.file === f.format);
    return { name: f.name, content: f.content, title: action?.label ?? f.name, mediaType: f.mediaType };
  });
}

/** The extension a reference manager expects for a style's records; a text style's list is .txt. */
export function extensionOf(r: Pick<Reference, 'kind' | 'style'>): 'bib' | 'ris' | 'json' | 'txt' {
  if (r.kind !== 'record') return 'txt';
  if (r.style === 'bibtex') return 'bib';
  return r.style === 'ris' ? 'ris' : 'json';
}

/** A name made only of what every platform keeps in a file name. */
export function fileStem(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'references'
  );
}

/**
 * References as one file in their style, each whole: BibTeX entries one after another, CSL-JSON
 * items in one array (each item once), a text style's forms one paragraph each. References of one
 * answer share a style, so they share a format.
 */
export function referencesFile(
  references: readonly Reference[],
  form: CitationForm,
  stem: string,
  title: string,
): OutFile {
  const first = references[0];
  const extension = first === undefined ? 'txt' : extensionOf(first);
  return { name: `${fileStem(stem)}.${extension}`, content: joined(references, form, extension), title };
}

function joined(references: readonly Reference[], form: CitationForm, extension: string): string {
  if (extension === 'json') {
    // Each record is a CSL-JSON array of its source (and a relay); one file holds one array.
    const items = new Map<string, unknown>();
    for (const r of references) {
      for (const item of JSON.parse(r.entry) as { id?: string }[])
        items.set(item.id ?? String(items.size), item);
    }
    return `${JSON.stringify([...items.values()], null, 2)}\n`;
  }
  const blocks = references.map((r) =>
    referenceParts(r, form)
      .map((p) => (p.label === undefined ? p.text : `${p.label}: ${p.text}`))
      .join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

/** A cited reference's parts as a file in its format: a record as it is, a text style's forms labelled. */
export function partsFile(
  parts: readonly { readonly label?: string; readonly text: string }[],
  style: CitationStyle,
  stem: string,
  title: string,
): OutFile {
  const extension = extensionOf({ kind: RECORD_STYLES.has(style) ? 'record' : 'text', style });
  const content = parts.map((p) => (p.label === undefined ? p.text : `${p.label}: ${p.text}`)).join('\n');
  return { name: `${fileStem(stem)}.${extension}`, content: `${content}\n`, title };
}
