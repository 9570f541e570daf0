import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assistant, knowledgeBase } from '../support/assistant.js';
import { launchChromium, startWebCommand } from './browser.js';
import { expectedItems, expectRoundTrip } from './support.js';

// End to end in a real browser: `policybot web` started as a person starts it, Debian's headless
// Chromium driven by playwright-core through search, copy (the clipboard read back), the basket's
// downloads (parsed back), the question box, keyboard use, an accessibility audit (axe-core) and
// screenshots at desktop and phone widths.
let browser: Browser;
let web: Awaited<ReturnType<typeof startWebCommand>>;
let context: BrowserContext;
const problems: string[] = [];
const kb = knowledgeBase();
/** The APA reference the core gives, computed while Chromium starts (citation-js loads slowly in a test worker). */
let apa: Awaited<ReturnType<ReturnType<typeof assistant>['cite']>>;

beforeAll(async () => {
  const starting = startWebCommand({
    POLICYBOT_CACHE_DIR: inject('modelCacheDir'),
    POLICYBOT_CITATION_STYLE: 'plain',
  });
  const expected = assistant().cite('threat.drugs', 'apa');
  browser = await launchChromium();
  apa = await expected;
  web = await starting;
  context = await browser.newContext({ baseURL: web.url, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: web.url.replace(/\/$/, ''),
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  expect(await web?.stop()).toBe(0);
});

/** A page that records script errors and CSP violations (Chromium logs both as console errors). */
async function open(path: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(path);
  return page;
}

// Generous bounds for a busy machine: alone, the whole file takes well under a minute.
describe('the citation page in Chromium', { timeout: 90_000 }, () => {
  it('typing "fent" lists illicit drugs first; its page shows the verbatim quote', async () => {
    const page = await open('/');
    await page.getByLabel('Search the topics').pressSequentially('fent', { delay: 20 });
    const first = page.locator('#suggestions a').first();
    await expect.poll(() => first.textContent()).toBe('Illicit drugs and trafficking');
    await first.click();
    await page.waitForURL('**/topic/threat.drugs');
    const quote = kb.topics.get('threat.drugs')?.quotes[0]?.text;
    expect(await page.locator('blockquote').first().textContent()).toBe(quote);
    await page.close();
  });

  it('the APA copy button puts the exact APA reference on the clipboard', async () => {
    if (apa.kind !== 'topic') throw new Error('not a topic');
    const page = await open('/topic/threat.drugs');
    const entry = page.locator('button.copy[data-style="apa"][data-part="0"]').first();
    expect(await entry.isVisible()).toBe(true);
    await entry.click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(apa.references[0]?.entry);
    await page.locator('button.copy[data-style="apa"][data-part="1"]').first().click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(apa.references[0]?.inText);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Copied to the clipboard');
    await page.close();
  });

  it('a basket of three topics downloads as .bib, .ris and .json that citation-js parses back', async () => {
    const basket = ['threat.drugs', 'threat.ransomware', 'solution.treaties'];
    const page = await open('/');
    for (const id of basket) await page.locator(`input[name="topic"][value="${id}"]`).check();
    expect(await page.locator('#basket-count').textContent()).toBe('3 topics ticked. Download as:');
    for (const [format, label] of [
      ['bibtex', 'BibTeX (.bib)'],
      ['ris', 'RIS (.ris)'],
      ['csl-json', 'CSL-JSON (.json)'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: label }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`policybot-3-topics.${label.slice(-5, -1).replace('.', '')}`);
      const file = join(tmpdir(), `policybot-basket-${process.pid}-${format}`);
      await download.saveAs(file);
      await expectRoundTrip(readFileSync(file, 'utf8'), format, expectedItems(kb, basket));
    }
    await page.close();
  });

  it('the question box answers, and its buttons follow on in the same conversation', async () => {
    const page = await open('/ask');
    await page.getByLabel('Your question').fill('how does the report describe ransomware?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.locator('#answer-title').textContent()).toBe('Ransomware');
    await page.getByRole('button', { name: 'Tell me more' }).click();
    await expect.poll(() => page.locator('#answer-title').textContent()).toBe('Ransomware');
    await page.getByLabel('Your question').fill('source?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.locator('.answer').textContent()).toContain('Annual Threat Assessment');
    await page.close();
  });

  it('the quote checker marks an altered quotation and gives the words the source has', async () => {
    const page = await open('/check');
    await page
      .getByLabel('Text with quotations')
      .fill(
        'The ATA warns that "Western Hemisphere-based TCOs involved in illicit drug production and trafficking bound for the United States and partner nations, endanger the safety of millions of individuals."',
      );
    await page.getByLabel('References in').selectOption('apa');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.locator('.finding h3 .verdict').first().textContent()).toBe('Altered');
    expect(await page.locator('.finding ins').first().textContent()).toBe('[the source has: health and]');
    await page.close();
  });

  it('works from the keyboard: skip link, search, arrow keys into the results', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('Skip to content');
    await page.getByLabel('Search the topics').focus();
    await page.keyboard.type('ransom');
    await page.locator('#suggestions a').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('Ransomware');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/topic/threat.ransomware');
    await page.close();
  });

  it('passes axe-core’s WCAG 2 A and AA rules on every kind of page', async () => {
    // axe is injected into the page, which the CSP would refuse: this context alone bypasses it.
    const audit = await browser.newContext({ baseURL: web.url, bypassCSP: true });
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const path of ['/', '/topic/threat.drugs', '/source/odni-ata-2024', '/ask', '/check']) {
      const page = await open(path, audit);
      if (path === '/check') {
        // The result page too: verdicts, the diff, the references.
        await page
          .getByLabel('Text with quotations')
          .fill(
            'The ATA warns that "Western Hemisphere-based TCOs endanger the safety of millions of individuals."',
          );
        await page.getByRole('button', { name: 'Check', exact: true }).click();
        await page.locator('.finding').first().waitFor();
      }
      await page.addScriptTag({ content: axe });
      // The page's own globals are not typed here (no DOM lib in the tests): an expression as text.
      const violations = await page.evaluate<string[]>(`
        axe
          .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } })
          .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))
      `);
      expect(violations, path).toEqual([]);
      await page.close();
    }
    await audit.close();
  });

  it('screenshots of the main pages at desktop and phone widths, nothing wider than the screen', async () => {
    const dir = join(tmpdir(), `policybot-screens-${process.pid}`);
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const screen = await browser.newContext({ baseURL: web.url, viewport });
      for (const [name, path] of [
        ['home', '/'],
        ['topic', '/topic/threat.drugs'],
        ['source', '/source/odni-ata-2024'],
        ['ask', '/ask'],
      ] as const) {
        const page = await open(path, screen);
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, `${name} at ${device} width`).toBeLessThanOrEqual(0);
        const file = join(dir, `${name}-${device}.png`);
        await page.screenshot({ path: file });
        expect(statSync(file).size, file).toBeGreaterThan(10_000);
        await page.close();
      }
      await screen.close();
    }
  });

  it('no script error and no CSP violation on any page', () => {
    expect(problems).toEqual([]);
  });
});
