import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Html } from './escape.js';

/**
 * Every response of the page carries these. The CSP allows scripts and styles only from the page's
 * own files (no inline script, no inline style, no eval), forms to post only to itself, and no
 * framing; the rest keeps browsers from guessing types or sending the address elsewhere.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer a browser posts its own forms with `Origin: null`.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export function sendHtml(
  res: ServerResponse,
  status: number,
  page: Html,
  headers: Readonly<Record<string, string | string[]>> = {},
): void {
  const body = Buffer.from(page.value, 'utf8');
  res
    .writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      ...headers,
    })
    .end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
  res
    .writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
    })
    .end(body);
}

/** A file to save: the browser downloads it under `filename` instead of showing it. */
export function sendFile(res: ServerResponse, body: string, type: string, filename: string): void {
  const bytes = Buffer.from(body.endsWith('\n') ? body : `${body}\n`, 'utf8');
  res
    .writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': `${type}; charset=utf-8`,
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    })
    .end(bytes);
}

/** The page is read with GET (and HEAD); the question box posts. Anything else is refused. */
export function methodAllowed(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: readonly string[],
): boolean {
  const method = req.method ?? 'GET';
  if (allowed.includes(method) || (method === 'HEAD' && allowed.includes('GET'))) return true;
  res
    .writeHead(405, {
      ...SECURITY_HEADERS,
      allow: allowed.join(', '),
      'content-type': 'text/plain; charset=utf-8',
    })
    .end('Method not allowed\n');
  return false;
}

/** A cookie by name from the request, or undefined. */
export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
