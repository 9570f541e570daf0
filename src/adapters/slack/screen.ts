import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { PlatformSignals } from '../types.js';
import { declaredTooLarge, readBody } from '../../runtime/http.js';
import type { Logger } from '../../runtime/logger.js';
import { slackBodyProblem } from './payload.js';
import { mediaType, type Refusal, signatureMatches, signedHeaders } from './verify.js';

export interface ScreenOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  readonly signals?: PlatformSignals | undefined;
  readonly now?: () => number;
}

/** Slack's certificate check ("ssl_check=1", with a token field at most): tiny, and answered 200 unread. */
const SSL_CHECK = /^ssl_check=1(?:&token=[\w.-]{0,100})?$/;
const SSL_CHECK_MAX_BYTES = 200;

/**
 * The front of /slack/events. Bolt's own receivers parse a body before they check its signature,
 * so a stranger's megabyte of nested JSON costs tens of milliseconds of CPU; here, in order:
 * 1. headers only: a declared size over the cap (413), no well-formed signature or a timestamp
 *    outside five minutes (401) end the request before a byte of its body is read;
 * 2. the raw bytes (capped) are hashed once and the signature compared in constant time (401);
 * 3. only a signed body is parsed, and a malformed one refused with a 400 naming the problem;
 * 4. Bolt gets the request with its body already read and a bare media type (Slack may send
 *    `; charset=utf-8`, which Bolt's exact comparison would read as JSON).
 * Refusals are counted (`signals.refused`), never logged one line each: a flood must not fill the log.
 */
export async function screened(
  req: IncomingMessage,
  res: ServerResponse,
  listener: RequestListener,
  options: ScreenOptions,
): Promise<void> {
  const refuse = (status: 401 | 413, reason: Refusal): void => {
    options.signals?.refused('slack', reason);
    // The rest of an unread body is not worth reading: the connection closes after the answer.
    res
      .writeHead(status, { connection: 'close', 'content-type': 'text/plain; charset=utf-8' })
      .end(status === 413 ? 'Payload too large\n' : 'Unauthorized\n');
  };
  if (declaredTooLarge(req)) return refuse(413, 'too-large');
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const signed = signedHeaders(req.headers, now);
  if ('refused' in signed) {
    if (await isSslCheck(req)) {
      res.writeHead(200).end();
      return;
    }
    return refuse(401, signed.refused);
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 413) return refuse(413, 'too-large');
    res.writeHead(400).end();
    return;
  }
  if (!signatureMatches(options.signingSecret, signed, body)) return refuse(401, 'bad-signature');

  const type = mediaType(req.headers);
  const problem = slackBodyProblem(body.toString('utf8'), type);
  if (problem !== undefined) {
    options.logger.warn({ problem }, 'slack request malformed');
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`Bad request: ${problem}\n`);
    return;
  }
  req.headers['content-type'] = type;
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  listener(req, res);
}

/** Slack's unsigned certificate check: a form body of a few bytes, read only when declared that small. */
async function isSslCheck(req: IncomingMessage): Promise<boolean> {
  if (mediaType(req.headers) !== 'application/x-www-form-urlencoded') return false;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (!(declared > 0 && declared <= SSL_CHECK_MAX_BYTES)) return false;
  try {
    return SSL_CHECK.test((await readBody(req, SSL_CHECK_MAX_BYTES)).toString('latin1'));
  } catch {
    return false;
  }
}
