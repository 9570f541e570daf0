/**
 * The curators' language rules (intents/language/*.yaml): synonyms, shorthand, citation style and
 * form names, framing, clause cues, attribution words, fact cues, the words that ask for the
 * conversation's bibliography, the words of questions about the bot itself and the lexicon (stop words, acronyms, source mentions), each file
 * validated by its schema in language-schema.ts. A missing file means its rules are empty, not an
 * error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CitationForm } from '../core/answer.js';
import type { CitationStyle } from '../core/citations/styles.js';
import {
  attributionFileSchema,
  bibliographyFileSchema,
  clausesFileSchema,
  factsFileSchema,
  framingFileSchema,
  lexiconFileSchema,
  selfFileSchema,
  shorthandFileSchema,
  stylesFileSchema,
  synonymsFileSchema,
} from './language-schema.js';
import { type Report, readYaml, validate } from './read.js';
import type { Language } from './types.js';

export function loadLanguage(root: string, report: Report): Language {
  const dir = join(root, 'intents', 'language');
  const read = <T>(name: string, schema: z.ZodType<T>): { file: string; data: T | undefined } => {
    const file = join(dir, name);
    return {
      file,
      data: existsSync(file) ? validate(schema, readYaml(file, report), file, report) : undefined,
    };
  };

  const synonyms: [string, string][] = [];
  const synonymFile = read('synonyms.yaml', synonymsFileSchema);
  const owner = new Map<string, string>();
  for (const { canonical, phrases } of synonymFile.data ?? []) {
    for (const raw of phrases) {
      const phrase = raw.replace(/\s+/g, ' ');
      const other = owner.get(phrase);
      if (other !== undefined && other !== canonical) {
        report(synonymFile.file, `${canonical}: phrases`, `"${phrase}" is also a phrase of ${other}`);
        continue;
      }
      if (other === undefined) synonyms.push([phrase, canonical]);
      owner.set(phrase, canonical);
    }
  }

  const shorthand = Object.entries(read('shorthand.yaml', shorthandFileSchema).data ?? {});

  const styleData = read('styles.yaml', stylesFileSchema).data;
  const styles: [string, CitationStyle][] = [];
  for (const [style, names] of Object.entries(styleData?.styles ?? {}) as [CitationStyle, string[]][]) {
    for (const name of [style, ...names]) styles.push([name.replace(/\s+/g, ' '), style]);
  }
  const framing = read('framing.yaml', framingFileSchema).data;
  const clauses = read('clauses.yaml', clausesFileSchema).data;
  const attribution = read('attribution.yaml', attributionFileSchema).data;
  const facts = read('facts.yaml', factsFileSchema).data;
  const bibliography = read('bibliography.yaml', bibliographyFileSchema).data;
  const phrases = (list: readonly string[] | undefined): string[] =>
    (list ?? []).map((p) => p.replace(/\s+/g, ' '));
  const lexicon = read('lexicon.yaml', lexiconFileSchema).data;
  const self = read('self.yaml', selfFileSchema).data;
  return {
    synonyms,
    shorthand,
    styles,
    unsupportedStyles: styleData?.unsupported ?? [],
    citationForms: Object.entries(styleData?.forms ?? {}).flatMap(([form, names]) =>
      (names ?? []).map(
        (name) => [name.replace(/\s+/g, ' '), form as Exclude<CitationForm, 'full'>] as const,
      ),
    ),
    framing: {
      before: framing?.before ?? [],
      beforeJoin: framing?.before_join ?? [' '],
      after: framing?.after ?? [],
      afterJoin: framing?.after_join ?? [' '],
      threatNouns: framing?.threat_nouns ?? [],
    },
    clauses: {
      split: clauses?.split ?? '.?!;:,',
      asks: clauses?.asks ?? [],
      frames: clauses?.frames ?? [],
      openers: clauses?.openers ?? [],
      subjects: clauses?.subjects ?? [],
      refers: clauses?.refers ?? [],
    },
    attribution: {
      authors: attribution?.authors ?? {},
      others: attribution?.others ?? [],
      cues: attribution?.cues ?? [],
      leads: attribution?.leads ?? [],
      relays: attribution?.relays ?? [],
      relaying: attribution?.relaying ?? [],
      pronouns: attribution?.pronouns ?? [],
      defaults: attribution?.defaults ?? {},
      writers: attribution?.writers ?? [],
      modals: attribution?.modals ?? [],
      determiners: attribution?.determiners ?? [],
      negations: attribution?.negations ?? [],
      qualifiers: attribution?.qualifiers ?? [],
      bound: attribution?.bound ?? [],
      coordinators: attribution?.coordinators ?? [],
      clauses: attribution?.clauses ?? [],
      backReferences: attribution?.backReferences ?? [],
    },
    factCues: { amount: facts?.amount ?? [], date: facts?.date ?? [] },
    bibliography: {
      alone: phrases(bibliography?.alone),
      lists: phrases(bibliography?.lists),
      scopes: phrases(bibliography?.scopes),
      idioms: phrases(bibliography?.idioms),
    },
    self: {
      // A name of the bot addresses it too.
      address: phrases([...(self?.address ?? []), ...(self?.names ?? [])]),
      names: phrases(self?.names),
      refers: self?.refers ?? [],
      about: self?.about ?? [],
      greetings: self?.greetings ?? [],
    },
    lexicon: {
      stopwords: [...new Set(Object.values(lexicon?.stopwords ?? {}).flat())],
      acronyms: Object.entries(lexicon?.acronyms ?? {}),
      sourceMentions: {
        names: lexicon?.source_mentions?.names ?? [],
        cues: lexicon?.source_mentions?.cues ?? [],
        between: lexicon?.source_mentions?.between ?? [],
      },
    },
  };
}
