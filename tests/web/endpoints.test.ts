import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTopics } from '../../src/core/topics.js';
import { MAX_CHECK_LENGTH, MAX_SEARCH_LENGTH } from '../../src/web/limits.js';
import { assistant, knowledgeBase } from '../support/assistant.js';
import { expectedItems, expectRoundTrip, startWeb } from './support.js';

// The page's endpoints over real HTTP on 127.0.0.1, in this process: what each returns, its
// headers, its size, and what bad input, huge input and injection get.
let web: Awaited<ReturnType<typeof startWeb>>;
const kb = knowledgeBase();

beforeAll(async () => {
  web = await startWeb(assistant());
});
afterAll(() => web.close());

const get = (path: string, init?: RequestInit) => fetch(`${web.base}${path}`, init);
const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${web.base}/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });

/** Nothing inline a CSP without 'unsafe-inline' would block: no script body, no style element or attribute, no on* handler. */
function expectNothingInline(body: string) {
  expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(body).not.toMatch(/<style\b/i);
  expect(body).not.toMatch(/\sstyle=/i);
  expect(body).not.toMatch(/\son[a-z]+=/i);
}

describe('pages', () => {
  const pages = [
    '/',
    '/search?q=ransom',
    '/ask',
    '/check',
    ...listTopics(kb).map((t) => `/topic/${t.id}`),
    ...[...kb.sources.keys()].map((id) => `/source/${id}`),
  ];

  it('every page is HTML under 100 KB, with the CSP and nothing inline', async () => {
    for (const path of pages) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = await res.text();
      expect(Buffer.byteLength(body), path).toBeLessThan(100 * 1024);
      expectNothingInline(body);
      expect(body).toMatch(/<h1>/);
      expect(body).toContain('<html lang="en">');
    }
  });

  it('a topic page shows the quote word for word, its references and citation metadata', async () => {
    const body = await (await get('/topic/threat.drugs')).text();
    const quote = kb.topics.get('threat.drugs')?.quotes[0]?.text ?? '';
    expect(body).toContain(`<blockquote><p>${quote}</p></blockquote>`);
    const apa = await assistant().cite('threat.drugs', 'apa');
    if (apa.kind !== 'topic') throw new Error('not a topic');
    expect(body).toContain(`data-copy="${apa.references[0]?.entry}"`);
    expect(body).toContain(
      '<meta name="citation_title" content="Annual Threat Assessment of the U.S. Intelligence Community">',
    );
    expect(body).toContain('<meta name="citation_publication_date" content="2024/02/05">');
    expect(body).toContain('class="Z3988"');
    expect(body).toContain('href="/download?topic=threat.drugs&amp;format=ris"');
  });

  it('a topic about a source cites the source on its page', async () => {
    const body = await (await get('/topic/source.ata')).text();
    expect(body).toContain('The report itself');
    expect(body).toContain('data-style="apa"');
  });

  it('a source page gives its reference in every style', async () => {
    const body = await (await get('/source/odni-ata-2024')).text();
    for (const style of ['Chicago', 'APA', 'MLA', 'plain text', 'Markdown', 'BibTeX', 'CSL-JSON'])
      expect(body).toContain(`>${style}`);
    expect(body).toContain('The report itself');
    expect(body).toContain('As quoted in 1787');
  });

  it('unknown topics, sources and paths get a 404 page; bot topics are not pages', async () => {
    for (const path of [
      '/topic/nope',
      '/topic/bot.help',
      '/topic/fallback',
      '/source/nope',
      '/nope',
      '/topic/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('<h1>No such');
    }
  });

  it('methods other than GET (and POST to /ask) are refused', async () => {
    expect((await get('/', { method: 'DELETE' })).status).toBe(405);
    expect((await get('/topic/threat.drugs', { method: 'POST' })).status).toBe(405);
    expect((await get('/', { method: 'HEAD' })).status).toBe(200);
  });

  it('the static files are served with a validator', async () => {
    const res = await get('/assets/app.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = res.headers.get('etag') ?? '';
    expect((await get('/assets/app.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await get('/assets/style.css')).status).toBe(200);
    expect((await get('/assets/icon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get('/assets/../package.json')).status).toBe(404);
  });
});

describe('search', () => {
  it('the JSON endpoint finds topics as one types: "fent" lists illicit drugs first', async () => {
    const body = (await (await get('/api/topics?q=fent')).json()) as {
      topics: { intent: string; url: string }[];
    };
    expect(body.topics[0]).toMatchObject({ intent: 'threat.drugs', url: '/topic/threat.drugs' });
    const typo = (await (await get('/api/topics?q=ransomwear')).json()) as { topics: { intent: string }[] };
    expect(typo.topics[0]?.intent).toBe('threat.ransomware');
    const empty = (await (await get('/api/topics?q=')).json()) as { topics: unknown[] };
    expect(empty.topics).toEqual([]);
  });

  it('a query over the cap is refused with a message, on the page and the endpoint', async () => {
    const long = 'a'.repeat(MAX_SEARCH_LENGTH + 1);
    const api = await get(`/api/topics?q=${long}`);
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ error: `q is at most ${MAX_SEARCH_LENGTH} characters` });
    const page = await get(`/search?q=${long}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(`A search is at most ${MAX_SEARCH_LENGTH} characters`);
    // Far bigger than any header Node takes: refused by the server itself, which stays up.
    expect((await get(`/search?q=${'x'.repeat(20_000)}`)).status).toBe(431);
    expect((await get('/')).status).toBe(200);
  });

  it('what was typed comes back as text, never markup', async () => {
    const attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>\u202e';
    const body = await (await get(`/search?q=${encodeURIComponent(attack)}`)).text();
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('\u202e');
    expect(body).toContain(
      'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"',
    );
    const api = (await (await get(`/api/topics?q=${encodeURIComponent(attack)}`)).json()) as {
      query: string;
    };
    expect(api.query).toBe(attack);
  });

  it('an empty search goes back to the front page', async () => {
    const res = await get('/search?q=%20', { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('downloads', () => {
  const basket = ['threat.drugs', 'threat.ransomware', 'solution.treaties'];
  const query = basket.map((t) => `topic=${t}`).join('&');

  for (const [format, extension, type] of [
    ['bibtex', 'bib', 'application/x-bibtex'],
    ['ris', 'ris', 'application/x-research-info-systems'],
    ['csl-json', 'json', 'application/vnd.citationstyles.csl+json'],
  ] as const) {
    it(`a basket of three topics as .${extension} parses back field for field`, async () => {
      const res = await get(`/download?${query}&format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="policybot-3-topics.${extension}"`,
      );
      await expectRoundTrip(await res.text(), format, expectedItems(kb, basket));
    });
  }

  it('one topic downloads under its own name', async () => {
    const res = await get('/download?topic=threat.drugs&format=bibtex');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="policybot-threat.drugs.bib"');
  });

  it('bad baskets get a 400 page saying what is wrong, the typed id escaped', async () => {
    const cases: [string, string][] = [
      ['/download?format=bibtex', 'Tick at least one topic'],
      ['/download?topic=threat.drugs&format=docx', 'Choose BibTeX, RIS or CSL-JSON'],
      ['/download?topic=%3Cb%3Ebold%3C/b%3E&format=ris', 'No topic called “&lt;b&gt;bold&lt;/b&gt;”'],
      ['/download?topic=bot.help&format=ris', 'No topic called “bot.help”'],
      [`/download?${'topic=threat.drugs&'.repeat(101)}format=ris`, 'At most 100 topics'],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain(message);
    }
  });
});

describe('the question box', () => {
  it('answers through the port, keeps a conversation in a cookie, and follows on', async () => {
    const first = await post({ q: 'what does the report say about fentanyl' });
    expect(first.status).toBe(200);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const body = await first.text();
    expect(body).toContain('<h2 id="answer-title">Illicit drugs and trafficking</h2>');
    expect(body).toContain('name="kind" value="more"');
    const more = await (await post({ q: 'tell me more' }, { cookie })).text();
    expect(more).toContain('<h2 id="answer-title">Illicit drugs and trafficking</h2>');
    // The follow-up button posts the action, not words.
    const button = await post({ action: 'follow-up', kind: 'source', topic: 'threat.drugs' }, { cookie });
    expect(await button.text()).toContain('Annual Threat Assessment');
  });

  it("renders the answer's structure: its blocks, its quotes, and each reference's parts to copy", async () => {
    const question = 'cite the ransomware quote in apa';
    const expected = await assistant().ask(question);
    const body = await (await post({ q: question })).text();
    const reference = expected.references[0];
    expect(reference?.style).toBe('apa');
    expect(body).toContain(`data-copy="${reference?.entry}"`);
    expect(body).toContain(`data-copy="${reference?.inText}"`);
    for (const quote of expected.quotes) expect(body).toContain(`<p>${quote.text}</p>`);
    expect(body).not.toContain('**');
  });

  it('a question with markup is answered as text, and the box keeps it', async () => {
    const body = await (await post({ q: '<script>alert(1)</script> **ransomware**?' })).text();
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; **ransomware**?</textarea>');
  });

  it('empty, huge and cross-site posts get a clear answer', async () => {
    const empty = await post({ q: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Type a question first.');
    const huge = await post({ q: 'fentanyl '.repeat(5000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('ask a shorter question');
    const long = await post({ q: 'fentanyl '.repeat(200) });
    expect(long.status).toBe(200);
    expect(await long.text()).toContain('data-kind="decline"');
    const foreign = await post({ q: 'fentanyl' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const bogus = await post({ action: 'follow-up', kind: 'nope', topic: 'threat.drugs' });
    expect(bogus.status).toBe(400);
  });
});

describe('the quote checker', () => {
  const altered =
    'The ATA warns that "Western Hemisphere-based TCOs involved in illicit drug production and trafficking bound for the United States and partner nations, endanger the safety of millions of individuals." ';
  const check = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${web.base}/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });

  it("gives the port's verdict, the words the source has, and the reference in the style chosen", async () => {
    const res = await check({
      text: `${altered}Then 1787 says "we must build a wall of money around the border".`,
      style: 'apa',
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    const result = await assistant().verify(altered, 'apa');
    expect(result.findings[0]?.verdict).toBe('altered');
    expect(body).toContain('2 quotations: 0 exact, 1 altered, 0 misattributed, 1 not found.');
    expect(body).toContain('<span class="verdict verdict-altered">Altered</span>');
    expect(body).toContain('[the source has: </span>health and<span class="vh">]</span></ins>');
    expect(body).toContain(`<blockquote><p>${result.findings[0]?.corrected}</p></blockquote>`);
    expect(body).toContain(`data-copy="${result.findings[0]?.reference?.entry}"`);
    expect(body).toContain(`data-copy="${result.findings[0]?.reference?.inText}"`);
    expect(body).toContain('<span class="verdict verdict-not-found">Not found</span>');
  });

  it('what was pasted comes back as text, never markup', async () => {
    const body = await (
      await check({
        text: 'They said "<script>alert(1)</script> <img src=x onerror=alert(2)> and a long quotation here".',
      })
    ).text();
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;');
  });

  it('a memo at the cap, all quotations, stays under 100 KB; over the cap, empty or cross-site is refused', async () => {
    const memo = altered.repeat(Math.floor(MAX_CHECK_LENGTH / altered.length));
    const full = await check({ text: memo, style: 'mla' });
    expect(full.status).toBe(200);
    const body = await full.text();
    expect(body).toContain('altered');
    expect(Buffer.byteLength(body)).toBeLessThan(100 * 1024);
    const over = await check({ text: 'x'.repeat(MAX_CHECK_LENGTH + 1) });
    expect(over.status).toBe(413);
    expect(await over.text()).toContain('Paste at most 8,000 characters at a time (this was 8,001)');
    expect((await check({ text: ' ' })).status).toBe(400);
    expect((await check({ text: altered }, { origin: 'https://evil.example' })).status).toBe(403);
    // An unknown style is the default style, not an error.
    expect((await check({ text: altered, style: 'vancouver' })).status).toBe(200);
  });
});
