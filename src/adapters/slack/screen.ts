import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import { readBody } from '../../runtime/http.js';
import type { Logger } from '../../runtime/logger.js';
import { slackBodyProblem } from './payload.js';

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * Reads the body once, refuses a malformed one with a 400 (after checking its signature, so a
 * stranger learns nothing but 401), and hands a well-formed one to Bolt with the body already read:
 * Bolt takes `rawBody` as it is, and verifies the signature and timestamp again itself.
 */
export async function screened(
  req: IncomingMessage,
  res: ServerResponse,
  listener: RequestListener,
  signingSecret: string,
  logger: Logger,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    res.writeHead((error as { status?: number }).status ?? 400).end();
    return;
  }
  const raw = body.toString('utf8');
  const problem = slackBodyProblem(raw, header(req, 'content-type'));
  if (problem !== undefined) {
    const signed = isValidSlackRequest({
      signingSecret,
      body: raw,
      headers: {
        'x-slack-signature': header(req, 'x-slack-signature'),
        'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')),
      },
    });
    if (signed) logger.warn({ problem }, 'slack request malformed');
    res
      .writeHead(signed ? 400 : 401, { 'content-type': 'text/plain; charset=utf-8' })
      .end(signed ? `Bad request: ${problem}\n` : 'Unauthorized\n');
    return;
  }
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  listener(req, res);
}
