import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack refuses requests older than five minutes; so do we, before reading their bodies. */
export const MAX_AGE_SECONDS = 5 * 60;

/** Why a request was refused before anything in it was parsed: the label of the refusal metric. */
export type Refusal = 'unsigned' | 'stale' | 'bad-signature' | 'too-large';

export interface SignedHeaders {
  readonly timestamp: string;
  readonly signature: Buffer;
}

function one(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * What the headers alone say: a request without a well-formed signature, or with a timestamp
 * outside five minutes of our clock, is refused before a byte of its body is read, so a stranger's
 * request costs a couple of regular expressions on short strings.
 */
export function signedHeaders(
  headers: IncomingHttpHeaders,
  nowSeconds: number,
): SignedHeaders | { refused: Refusal } {
  const signature = SIGNATURE.exec(one(headers, 'x-slack-signature'))?.[1];
  const timestamp = one(headers, 'x-slack-request-timestamp');
  if (signature === undefined || !TIMESTAMP.test(timestamp)) return { refused: 'unsigned' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_AGE_SECONDS) return { refused: 'stale' };
  return { timestamp, signature: Buffer.from(signature, 'hex') };
}

/**
 * Slack's signature, v0=HMAC-SHA256("v0:<timestamp>:<raw body>"), checked on the raw bytes (one pass
 * of a hash, nothing parsed) and compared in constant time.
 */
export function signatureMatches(secret: string, signed: SignedHeaders, body: Buffer): boolean {
  const expected = createHmac('sha256', secret).update(`v0:${signed.timestamp}:`).update(body).digest();
  return expected.length === signed.signature.length && timingSafeEqual(expected, signed.signature);
}

/** The media type without its parameters ("application/json; charset=utf-8" is JSON), lower-cased. */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (one(headers, 'content-type').split(';')[0] ?? '').trim().toLowerCase();
}
