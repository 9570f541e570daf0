/**
 * Our APA style is a small subset written for speed (the complete style shipped with citation-js
 * takes seconds to load). Both must print the same references for our sources: the complete one,
 * maintained by the CSL project, is the reference implementation. This test is slow for that reason.
 */
import { Cite } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { toCslItem } from '../../src/core/citations/csl.js';
import { formatReference } from '../../src/core/citations/reference.js';
import { forApa } from '../../src/core/citations/render.js';
import { source } from './helpers.js';

describe('our APA subset', () => {
  it('matches the complete APA 7 style shipped with citation-js for both primary sources', {
    timeout: 60_000,
  }, async () => {
    const ata = source('odni-ata-2024');
    const page = source('1787-transnational-crime');
    const cite = new Cite([forApa(toCslItem(ata)), forApa(toCslItem(page))]);
    for (const s of [ata, page]) {
      const shipped = cite
        .format('bibliography', { template: 'apa', lang: 'en-US', format: 'text', entry: s.id })
        .trim();
      const shippedInText = cite.format('citation', {
        template: 'apa',
        lang: 'en-US',
        format: 'text',
        entry: s.id,
      });
      const ours = await formatReference(s, undefined, 'apa');
      expect(ours.entry).toBe(shipped);
      expect(ours.inText).toBe(shippedInText);
    }
  });
});
