/**
 * Our Chicago, APA and MLA styles are CSL files (src/core/citations/styles/*.csl), edited by hand or
 * in a CSL editor. citeproc is lenient about what it reads, so a typo can silently drop a part of a
 * reference: each file is checked here as an XML document and against the structure the CSL 1.0
 * specification requires. (The CSL project's RELAX NG schema is not vendored, and the one npm
 * package that wraps a validator for it has a single release; these checks are structural.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const STYLES_DIR = join(ROOT, 'src/core/citations/styles');
const CSL_NS = 'http://purl.org/net/xbiblio/csl';

interface Element {
  readonly name: string;
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: Element[];
  text: string;
}

/** A strict, namespace-aware parse (saxes reports every well-formedness error); throws on the first. */
function parse(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Element[] = [];
  let root: Element | undefined;
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) {
      if (typeof attribute !== 'string' && attribute.prefix !== 'xmlns' && name !== 'xmlns')
        attributes[attribute.local] = attribute.value;
    }
    const element: Element = { name: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const open = stack.at(-1);
    if (open) open.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

function* walk(element: Element): Generator<Element> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

const child = (element: Element, name: string): Element | undefined =>
  element.children.find((c) => c.name === name);

/** The elements of CSL 1.0 (specification, "Rendering Elements" and the sections before it). */
const CSL_ELEMENTS = new Set(
  (
    'style info title title-short id link author contributor name email uri category issn eissn issnl ' +
    'summary published updated rights locale terms term single multiple style-options date date-part ' +
    'macro citation bibliography sort key layout text number label names name-part et-al substitute ' +
    'group choose if else-if else'
  ).split(' '),
);

/** CSL 1.0's variables (Appendix IV), the ones a `variable` attribute may name. */
const CSL_VARIABLES = new Set(
  (
    'abstract annote archive archive_location archive-place authority call-number citation-label ' +
    'citation-number collection-title container-title container-title-short dimensions DOI event ' +
    'event-place first-reference-note-number genre ISBN ISSN jurisdiction keyword locator medium note ' +
    'original-publisher original-publisher-place original-title page page-first PMCID PMID publisher ' +
    'publisher-place references reviewed-title scale section source status title title-short URL ' +
    'version year-suffix chapter-number collection-number edition issue number number-of-pages ' +
    'number-of-volumes volume accessed container event-date issued original-date submitted author ' +
    'collection-editor composer container-author director editor editorial-director illustrator ' +
    'interviewer original-author recipient reviewed-author translator'
  ).split(' '),
);

/** The terms the en-US locale that renders our references defines. */
function localeTerms(): Set<string> {
  const require = createRequire(import.meta.url);
  const locales = require('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;
  return new Set([...(locales['en-US'] ?? '').matchAll(/<term name="([^"]+)"/g)].map((m) => m[1] ?? ''));
}

const files = readdirSync(STYLES_DIR).filter((f) => f.endsWith('.csl'));

describe('the CSL style files', () => {
  it('are the three styles the engine registers', () => {
    expect(files.sort()).toEqual(['apa.csl', 'chicago.csl', 'mla.csl']);
  });

  describe.each(files)('%s', (file) => {
    const xml = readFileSync(join(STYLES_DIR, file), 'utf8');
    const style = parse(xml);
    const all = [...walk(style)];

    it('is well-formed XML, UTF-8, with a CSL 1.0 <style> root', () => {
      expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
      expect(style.name).toBe('style');
      expect(style.uri).toBe(CSL_NS);
      expect(style.attributes.version).toBe('1.0');
      expect(['in-text', 'note']).toContain(style.attributes.class);
      for (const element of all) {
        expect(element.uri, element.name).toBe(CSL_NS);
        expect(CSL_ELEMENTS.has(element.name), `<${element.name}> is not a CSL element`).toBe(true);
      }
    });

    it('has the info the specification requires: title, id and updated, first', () => {
      const info = style.children[0];
      expect(info?.name).toBe('info');
      if (!info) return;
      expect(child(info, 'title')?.text.trim()).not.toBe('');
      // Our ids are the names render.ts registers the styles under.
      expect(child(info, 'id')?.text.trim()).toBe(`policybot-${file.replace(/\.csl$/, '')}`);
      const updated = child(info, 'updated')?.text.trim() ?? '';
      expect(updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/);
      expect(Number.isNaN(Date.parse(updated))).toBe(false);
      const format = child(info, 'category')?.attributes['citation-format'];
      expect(['author-date', 'author', 'numeric', 'label', 'note']).toContain(format);
      // A note style's citations are notes; an in-text style's are not.
      expect(format === 'note').toBe(style.attributes.class === 'note');
    });

    it('has one citation and one bibliography, each with one layout, after the macros', () => {
      const names = style.children.map((c) => c.name);
      expect(names.filter((n) => n === 'citation')).toHaveLength(1);
      expect(names.filter((n) => n === 'bibliography')).toHaveLength(1);
      expect(names.lastIndexOf('macro')).toBeLessThan(names.indexOf('citation'));
      expect(names.indexOf('citation')).toBeLessThan(names.indexOf('bibliography'));
      for (const section of ['citation', 'bibliography']) {
        const element = child(style, section);
        expect(
          element?.children.filter((c) => c.name === 'layout'),
          section,
        ).toHaveLength(1);
      }
    });

    it('calls only macros it defines, defines each once, and uses every one', () => {
      const defined = style.children.filter((c) => c.name === 'macro').map((m) => m.attributes.name ?? '');
      expect(new Set(defined).size).toBe(defined.length);
      const called = new Set(
        all.flatMap((e) => (e.attributes.macro === undefined ? [] : [e.attributes.macro])),
      );
      for (const name of called) expect(defined, `macro "${name}" is called but not defined`).toContain(name);
      for (const name of defined) expect(called.has(name), `macro "${name}" is never used`).toBe(true);
    });

    it('names only CSL variables and terms the en-US locale has', () => {
      const terms = localeTerms();
      for (const element of all) {
        for (const variable of (element.attributes.variable ?? '').split(/\s+/).filter(Boolean))
          expect(CSL_VARIABLES.has(variable), `<${element.name} variable="${variable}">`).toBe(true);
        const term = element.attributes.term;
        if (term !== undefined) expect(terms.has(term), `<${element.name} term="${term}">`).toBe(true);
      }
    });
  });

  it('are rejected when malformed, so the checks above can fail', () => {
    expect(() => parse('<style xmlns="http://purl.org/net/xbiblio/csl"><info></style>')).toThrow();
    expect(() => parse('<style><text value="a & b"/></style>')).toThrow();
  });
});
