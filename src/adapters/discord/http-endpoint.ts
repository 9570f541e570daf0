import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  type REST,
} from 'discord.js';
import { declaredTooLarge, type RouteHandler, readBody } from '../../runtime/http.js';
import type { InFlight } from '../../runtime/in-flight.js';
import { MemoryStateStore } from '../../state/memory/store.js';
import type { KeySet } from '../../state/port.js';
import type { PlatformSignals } from '../types.js';
import { APOLOGY, fromPayload, handleInteraction, type InteractionDeps, toResponse } from './interactions.js';
import { noticeMessage } from './render.js';
import { editOriginal, replyInTime } from './reply.js';
import { payloadProblem } from './payload.js';

export const INTERACTIONS_PATH = '/discord/interactions';

/** DER header of an Ed25519 SubjectPublicKeyInfo: the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex characters, from the Developer Portal) as a Node key. */
export function publicKeyFromHex(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Discord signs `timestamp + raw body` with Ed25519; anything malformed is simply not verified. */
export function verifySignature(key: KeyObject, signature: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signature) || timestamp === '') return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signature, 'hex'),
    );
  } catch {
    return false;
  }
}

export interface EndpointOptions {
  readonly publicKey: string;
  /** When set, interactions for another application are refused. */
  readonly applicationId?: string;
  /** Discord's REST API (DISCORD_API_URL), through which a deferred reply is edited into the answer. */
  readonly rest: REST;
  /** An edit still to come after the response is tracked here, so a graceful shutdown waits for it. */
  readonly inFlight?: InFlight;
  /**
   * Interaction ids already answered (the state store's, so shared by replicas with Redis): a
   * request replayed with the same id is refused. This process's memory unless given.
   */
  readonly answered?: KeySet;
  readonly signals?: PlatformSignals;
  readonly now?: () => number;
}

/** As Slack's five minutes: a signed request older or newer than this is a replay, not Discord. */
export const MAX_AGE_SECONDS = 5 * 60;
/** An interaction's token is good for 15 minutes: no id can be answered later than that anyway. */
const ANSWERED_TTL_MS = 15 * 60_000;

/** Whether the timestamp header is seconds since the epoch within the window of `nowSeconds`. */
export function timestampFresh(timestamp: string, nowSeconds: number): boolean {
  return /^\d{1,12}$/.test(timestamp) && Math.abs(nowSeconds - Number(timestamp)) <= MAX_AGE_SECONDS;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string';
  res
    .writeHead(status, { 'content-type': text ? 'text/plain; charset=utf-8' : 'application/json' })
    .end(text ? `${body}\n` : JSON.stringify(body));
}

/**
 * The HTTP interactions endpoint: no long-lived connection, so any number of instances can sit
 * behind a load balancer. Every request's signature is verified before anything is parsed; PING is
 * answered with PONG; everything else goes to the shared dispatch and is answered in the response,
 * or, when the answer is slow, deferred in the response and edited in over REST once it is ready.
 */
export function interactionsEndpoint(options: EndpointOptions, deps: InteractionDeps): RouteHandler {
  const key = publicKeyFromHex(options.publicKey);
  const answered =
    options.answered ??
    new MemoryStateStore().keys('discord:interactions', { ttlMs: ANSWERED_TTL_MS, max: 10_000 });
  return async (req, res) => {
    // Counted for the operators, never logged one line each: a flood must not fill the log.
    const refuse = (status: 401 | 409 | 413, reason: Parameters<PlatformSignals['refused']>[1]) => {
      options.signals?.refused('discord', reason);
      res.writeHead(status, { connection: 'close', 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        status === 413
          ? 'Payload too large\n'
          : status === 409
            ? 'already answered\n'
            : 'invalid request signature\n',
      );
    };
    if (req.method !== 'POST') {
      res
        .writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' })
        .end('Method not allowed\n');
      return;
    }
    // Headers first: a request that cannot be Discord's costs no read of its body.
    if (declaredTooLarge(req)) return refuse(413, 'too-large');
    const timestamp = header(req, 'x-signature-timestamp');
    const signature = header(req, 'x-signature-ed25519');
    if (!/^[0-9a-f]{128}$/i.test(signature) || timestamp === '') return refuse(401, 'unsigned');
    // A signed request replayed later, or a timestamp that is not one ("hello"), is refused as Slack's
    // are: Discord sends every interaction at once and never retries one.
    if (!timestampFresh(timestamp, Math.floor((options.now ?? Date.now)() / 1000)))
      return refuse(401, 'stale');
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if ((error as { status?: number }).status === 413) return refuse(413, 'too-large');
      send(res, 400, 'Bad request');
      return;
    }
    if (!verifySignature(key, signature, timestamp, body)) return refuse(401, 'bad-signature');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      send(res, 400, 'Bad request: the body is not JSON');
      return;
    }
    const problem = payloadProblem(parsed);
    if (problem !== undefined) {
      deps.logger.warn({ problem }, 'discord interaction malformed');
      send(res, 400, `Bad request: ${problem}`);
      return;
    }
    const payload = parsed as APIInteraction;
    if (options.applicationId !== undefined && payload.application_id !== options.applicationId) {
      deps.logger.warn(
        { applicationId: payload.application_id },
        'discord interaction for another application (check DISCORD_APPLICATION_ID)',
      );
      send(res, 401, 'wrong application');
      return;
    }
    if (payload.type === InteractionType.Ping) {
      send(res, 200, { type: InteractionResponseType.Pong });
      return;
    }
    // One answer per interaction id, on whichever replica the same signed request lands.
    if (!(await answered.firstTime(payload.id))) return refuse(409, 'replayed');
    const request = fromPayload(payload);
    let respond!: (response: APIInteractionResponse) => void;
    const first = new Promise<APIInteractionResponse>((resolve) => {
      respond = resolve;
    });
    const replying = replyInTime(request, handleInteraction(request, deps), {
      initial: async (response) => respond(response),
      edit: editOriginal(options.rest, { applicationId: payload.application_id, token: payload.token }),
      // The response is JSON: a reply with files is deferred and edited in with them over REST.
      filesInline: false,
    }).catch((error: unknown) => {
      deps.logger.error(
        { err: error instanceof Error ? error.message : String(error), interaction: payload.id },
        'discord reply failed',
      );
      // Had it failed before the first response, the request must still be answered (a settled
      // promise ignores this when the response has gone already).
      respond(toResponse({ kind: 'message', message: noticeMessage(APOLOGY) }));
    });
    void options.inFlight?.track(replying);
    send(res, 200, await first);
  };
}
