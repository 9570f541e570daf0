import { type ReferencePart, referenceParts } from '../../core/citations/cite.js';
import type { CitationStyle } from '../../core/citations/styles.js';
import { creditLine, notFoundLine, shownNotes, summaryLine } from '../../core/verify/summary.js';
import type { DiffPart, Finding, Verdict, VerifyResult } from '../../core/verify/types.js';
import { type Html, html, join } from '../escape.js';
import { PATHS, page } from '../layout.js';
import { MAX_CHECK_LENGTH } from '../limits.js';
import { citeprocHtml, PAGE_STYLES, styleName } from '../references.js';

export interface CheckPageData {
  /** The text checked, shown back in the box (as text). */
  readonly text?: string;
  readonly style: CitationStyle;
  readonly result?: VerifyResult;
  readonly problem?: string;
}

/** What each verdict means to the writer: said in words, never by colour alone. */
const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  exact: 'Exact',
  altered: 'Altered',
  misattributed: 'Misattributed',
  'not-found': 'Not found',
};

/**
 * The quote checker: paste a paragraph or a memo, and each quotation (or sentence crediting words
 * to a source) comes back with its verdict from the port's `verify`: exact, altered (a word-level
 * diff and the quotation as the source has it), misattributed, or not found; with its reference.
 */
export function checkPage({ text, style, result, problem }: CheckPageData): Html {
  return page(
    { title: 'Check quotes', current: 'check' },
    html`<h1>Check a memo’s quotes</h1>
${problem === undefined ? '' : html`<p class="problem" role="alert">${problem}</p>`}
<form class="ask" action="${PATHS.check}" method="post">
<label for="text">Text with quotations</label>
<textarea id="text" name="text" rows="8" required aria-describedby="text-hint">${text ?? ''}</textarea>
<p id="text-hint" class="hint">Paste a paragraph or a memo (at most ${MAX_CHECK_LENGTH.toLocaleString('en-US')} characters). Each quotation is checked against the sources word for word, with who said it.</p>
<label for="style">References in</label>
<select id="style" name="style">${join(
      PAGE_STYLES.map(
        (s) => html`<option value="${s}"${s === style ? html` selected` : ''}>${styleName(s)}</option>`,
      ),
    )}</select>
<p><button type="submit">Check</button></p>
</form>
${result === undefined ? '' : resultSection(result)}`,
  );
}

function resultSection(result: VerifyResult): Html {
  if (result.refused !== null) return html`<p class="problem" role="alert">${result.refused.text}</p>`;
  return html`<section class="answer" aria-labelledby="result-title">
<h2 id="result-title">${result.ok && result.findings.length > 0 ? 'Every quotation is exact' : 'What the check found'}</h2>
<p role="status">${summaryLine(result).replace(/\.?$/, '.')}</p>
${join(result.findings.map(finding))}
</section>`;
}

function finding(f: Finding, i: number): Html {
  const id = `finding-${i}`;
  return html`<article class="finding" aria-labelledby="${id}">
<h3 id="${id}"><span class="verdict verdict-${f.verdict}">${VERDICT_WORDS[f.verdict]}</span> “${clip(f.quote, 120)}”</h3>
${credit(f)}
${f.diff === null ? '' : html`<p class="diff"><span class="vh">Word by word, your text against the source: </span>${join(f.diff.map(diffPart))}</p>`}
${f.corrected === null ? '' : html`<p class="part-label">As the source has it</p><blockquote><p>${f.corrected}</p></blockquote>`}
${shownNotes(f).length === 0 ? '' : html`<ul class="notes">${join(shownNotes(f).map((n) => html`<li>${n}</li>`))}</ul>`}
${f.reference === null ? '' : join(referenceParts(f.reference).map((part) => referencePart(part, f.reference?.style ?? 'plain')))}
</article>`;
}

/** A part of the finding's reference (entry, in-text form, note), with its copy button. */
function referencePart(part: ReferencePart, style: CitationStyle): Html {
  const what = part.label ?? 'reference';
  return html`<div class="part">
${part.label === undefined ? '' : html`<p class="part-label">${part.label}</p>`}
<p class="ref">${part.html === undefined ? part.text : citeprocHtml(part.html)}</p>
<button type="button" class="copy" data-copy="${part.text}" data-style="${style}" hidden>Copy<span class="vh"> ${styleName(style)} ${what}</span></button>
</div>`;
}

/** Whose words they are, or that no source holds them: the core's one wording. */
function credit(f: Finding): Html {
  const line = f.verdict === 'not-found' ? notFoundLine(f) : creditLine(f);
  return line === null ? html`` : html`<p>${line}</p>`;
}

/** Words only in the writer's text are struck out, words only in the source inserted. */
function diffPart(part: DiffPart): Html {
  if (part.op === 'same') return html`${part.text} `;
  return part.op === 'added'
    ? html`<del><span class="vh">[not in the source: </span>${part.text}<span class="vh">]</span></del> `
    : html`<ins><span class="vh">[the source has: </span>${part.text}<span class="vh">]</span></ins> `;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
