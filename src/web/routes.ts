import type { IncomingMessage, ServerResponse } from 'node:http';
import { citeEntries } from '../core/citations/cite.js';
import { citedSources } from '../core/citations/records.js';
import type { CitationStyle } from '../core/citations/styles.js';
import { CITATION_STYLES } from '../core/citations/styles.js';
import type { Assistant } from '../core/port.js';
import { isFollowUpKind } from '../knowledge/ids.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { type RouteHandler, readBody } from '../runtime/http.js';
import { type Asset, loadAssets } from './assets.js';
import { readBasket, sendBasket } from './downloads.js';
import type { Html } from './escape.js';
import { PATHS } from './layout.js';
import {
  MAX_CHECK_BYTES,
  MAX_CHECK_LENGTH,
  MAX_FORM_BYTES,
  MAX_SEARCH_LENGTH,
  MAX_SUGGESTIONS,
} from './limits.js';
import { askPage } from './pages/ask.js';
import { checkPage } from './pages/check.js';
import { problemPage } from './pages/errors.js';
import { homePage } from './pages/home.js';
import { sourcePage } from './pages/source.js';
import { topicPage } from './pages/topic.js';
import { PAGE_STYLES } from './references.js';
import { methodAllowed, SECURITY_HEADERS, sendHtml, sendJson } from './respond.js';
import { browserContext } from './session.js';

export interface WebOptions {
  /** The port, as every surface has it (the serving layer's service under `serve`). */
  readonly assistant: Assistant;
  /** How the page names itself to the port (logs, rate limits): `web`. */
  readonly platform?: string;
}

/**
 * The citation page as one handler: it routes its own paths (the front page and search, topic and
 * source pages, the question box, downloads, the JSON search, its two static files) and answers
 * anything else with a 404 page. Mounted beside /healthz under `serve`, alone under `policybot web`.
 */
export function webHandler(options: WebOptions): RouteHandler {
  const assets = loadAssets();
  const platform = options.platform ?? 'web';
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const a = options.assistant;
    if (path === PATHS.home) {
      if (!methodAllowed(req, res, ['GET'])) return;
      return sendHtml(res, 200, homePage({ topics: a.topics() }));
    }
    if (path === PATHS.search) {
      if (!methodAllowed(req, res, ['GET'])) return;
      const query = (url.searchParams.get('q') ?? '').trim();
      if (query.length > MAX_SEARCH_LENGTH) {
        return sendHtml(
          res,
          400,
          homePage({
            topics: a.topics(),
            problem: `A search is at most ${MAX_SEARCH_LENGTH} characters: try a word or two.`,
          }),
        );
      }
      if (query === '') return redirect(res, PATHS.home);
      return sendHtml(
        res,
        200,
        homePage({ topics: a.topics(), search: { query, found: a.findTopics(query, 10) } }),
      );
    }
    if (path === PATHS.api) {
      if (!methodAllowed(req, res, ['GET'])) return;
      const query = url.searchParams.get('q') ?? '';
      if (query.length > MAX_SEARCH_LENGTH) {
        return sendJson(res, 400, { error: `q is at most ${MAX_SEARCH_LENGTH} characters` });
      }
      const found = query.trim() === '' ? [] : a.findTopics(query, MAX_SUGGESTIONS);
      return sendJson(res, 200, {
        query,
        topics: found.map((m) => ({
          intent: m.intent,
          title: m.title,
          group: m.group,
          url: PATHS.topic(m.intent),
        })),
      });
    }
    if (path.startsWith('/topic/')) {
      if (!methodAllowed(req, res, ['GET'])) return;
      return sendPage(res, a, path, () => topic(a, decodePath(path.slice('/topic/'.length))));
    }
    if (path.startsWith('/source/')) {
      if (!methodAllowed(req, res, ['GET'])) return;
      return sendPage(res, a, path, () => source(a, decodePath(path.slice('/source/'.length))));
    }
    if (path === PATHS.download) {
      if (!methodAllowed(req, res, ['GET'])) return;
      const basket = readBasket(a.knowledgeBase, url.searchParams);
      if (!basket.ok) return sendHtml(res, 400, problemPage('Nothing to download', basket.problem));
      return sendBasket(res, a.knowledgeBase, basket);
    }
    if (path === PATHS.ask) {
      if (!methodAllowed(req, res, ['GET', 'POST'])) return;
      if (req.method !== 'POST') return sendHtml(res, 200, askPage({ kb: a.knowledgeBase }));
      return ask(req, res, a, platform);
    }
    if (path === PATHS.check) {
      if (!methodAllowed(req, res, ['GET', 'POST'])) return;
      if (req.method !== 'POST') return sendHtml(res, 200, checkPage({ style: pageStyle(a.defaultStyle) }));
      return check(req, res, a, platform);
    }
    if (path.startsWith('/assets/')) {
      if (!methodAllowed(req, res, ['GET'])) return;
      const asset = assets.get(path.slice('/assets/'.length));
      if (asset !== undefined) return sendAsset(req, res, asset);
    }
    sendHtml(res, 404, problemPage('No such page', 'This address is not a page of policybot.'));
  };
}

/** A path segment as typed; a malformed escape is simply no such page. */
function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location }).end();
}

/** A rendered page and its status. */
interface Rendered {
  readonly status: number;
  readonly page: Html;
}

/**
 * Topic and source pages depend on the knowledge base alone, and each renders its references in
 * every style through citeproc: rendered once per knowledge base (a reload brings a new one, whose
 * pages are rendered afresh) and served from memory after. Only known pages are kept.
 */
const renderedPages = new WeakMap<KnowledgeBase, Map<string, Rendered>>();

async function sendPage(
  res: ServerResponse,
  a: Assistant,
  path: string,
  render: () => Promise<Rendered>,
): Promise<void> {
  const kb = a.knowledgeBase;
  const pages = renderedPages.get(kb) ?? new Map<string, Rendered>();
  renderedPages.set(kb, pages);
  let rendered = pages.get(path);
  if (rendered === undefined) {
    rendered = await render();
    if (rendered.status === 200) pages.set(path, rendered);
  }
  sendHtml(res, rendered.status, rendered.page);
}

async function topic(a: Assistant, id: string): Promise<Rendered> {
  const kb = a.knowledgeBase;
  const found = kb.topics.get(id);
  if (found === undefined || found.group === 'bot' || found.group === 'fallback') {
    return { status: 404, page: problemPage('No such topic', 'policybot has no topic at this address.') };
  }
  const styles = await Promise.all(
    PAGE_STYLES.map(async (style) => {
      // No user in the context: a page render is not a person's request, and is not rate-limited.
      const result = await a.cite(id, style);
      const cited = result.kind === 'topic' || result.kind === 'source';
      return { style, entries: cited ? citeEntries(result).entries : [] };
    }),
  );
  return { status: 200, page: topicPage({ kb, topic: found, cited: citedSources(kb, found), styles }) };
}

async function source(a: Assistant, id: string): Promise<Rendered> {
  const kb = a.knowledgeBase;
  const found = kb.sources.get(id);
  if (found === undefined) {
    return { status: 404, page: problemPage('No such source', 'policybot has no source at this address.') };
  }
  const styles = await Promise.all(
    CITATION_STYLES.map(async (style: CitationStyle) => {
      const result = await a.cite(id, style);
      // The resolver names sources by id first: anything else would be a different source.
      const entries =
        result.kind === 'source' && result.sources.length === 1 && result.sources[0]?.id === id
          ? citeEntries(result).entries
          : [];
      return { style, entries };
    }),
  );
  return {
    status: 200,
    page: sourcePage({ kb, source: found, styles: styles.filter((s) => s.entries.length > 0) }),
  };
}

/**
 * The question box. A conversation per browser: a random id in an HttpOnly, SameSite=Strict
 * cookie, so a follow-up continues it; a form posted from another site is refused.
 */
async function ask(req: IncomingMessage, res: ServerResponse, a: Assistant, platform: string): Promise<void> {
  if (!sameOrigin(req)) {
    return sendHtml(
      res,
      403,
      problemPage('Not from this page', 'Questions are asked from policybot’s own page.'),
    );
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
  } catch {
    return sendHtml(
      res,
      413,
      askPage({
        kb: a.knowledgeBase,
        problem: `That is more than ${MAX_FORM_BYTES / 1024} KB: ask a shorter question.`,
      }),
    );
  }
  const { context, headers } = browserContext(req, platform);
  const action = form.get('action');
  const topicId = form.get('topic') ?? '';
  const kind = form.get('kind') ?? '';
  const known = a.knowledgeBase.topics.has(topicId);
  if (action === 'follow-up' && known && isFollowUpKind(kind)) {
    return sendHtml(
      res,
      200,
      askPage({ kb: a.knowledgeBase, answer: await a.followUp(kind, topicId, context) }),
      headers,
    );
  }
  if (action === 'topic' && known) {
    return sendHtml(
      res,
      200,
      askPage({ kb: a.knowledgeBase, answer: await a.showTopic(topicId, context) }),
      headers,
    );
  }
  const question = form.get('q') ?? '';
  if (question.trim() === '') {
    return sendHtml(res, 400, askPage({ kb: a.knowledgeBase, problem: 'Type a question first.' }), headers);
  }
  sendHtml(
    res,
    200,
    askPage({ kb: a.knowledgeBase, question, answer: await a.ask(question, context) }),
    headers,
  );
}

/** The style a page offers that is nearest what was asked: itself, else the default. */
function pageStyle(style: string | null | undefined, fallback: CitationStyle = 'chicago'): CitationStyle {
  return (PAGE_STYLES as readonly string[]).includes(style ?? '') ? (style as CitationStyle) : fallback;
}

/** The quote checker: the text through the port's `verify`, every finding on the page. */
async function check(
  req: IncomingMessage,
  res: ServerResponse,
  a: Assistant,
  platform: string,
): Promise<void> {
  const fallback = pageStyle(a.defaultStyle);
  if (!sameOrigin(req)) {
    return sendHtml(
      res,
      403,
      problemPage('Not from this page', 'Quotes are checked from policybot’s own page.'),
    );
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams((await readBody(req, MAX_CHECK_BYTES)).toString('utf8'));
  } catch {
    return sendHtml(res, 413, checkPage({ style: fallback, problem: tooLong() }));
  }
  const style = pageStyle(form.get('style'), fallback);
  const text = form.get('text') ?? '';
  if (text.length > MAX_CHECK_LENGTH) {
    return sendHtml(res, 413, checkPage({ style, problem: tooLong(text.length) }));
  }
  if (text.trim() === '') return sendHtml(res, 400, checkPage({ style, problem: 'Paste some text first.' }));
  const { context, headers } = browserContext(req, platform);
  sendHtml(res, 200, checkPage({ text, style, result: await a.verify(text, style, context) }), headers);
}

function tooLong(length?: number): string {
  const had = length === undefined ? '' : ` (this was ${length.toLocaleString('en-US')})`;
  return `Paste at most ${MAX_CHECK_LENGTH.toLocaleString('en-US')} characters at a time${had}: check a long memo a few pages at a time, or with policybot verify.`;
}

/** A form posted from this page, or by a client that sends no Origin (curl, an old browser). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': asset.type,
    etag: asset.etag,
    'cache-control': 'no-cache',
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': String(asset.body.length) }).end(asset.body);
}
