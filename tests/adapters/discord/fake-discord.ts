/**
 * Stand-ins for Discord on 127.0.0.1, so real discord.js runs end to end with no internet: a REST
 * API that records every request, and a gateway that does the handshake and dispatches events.
 * See /work/shared/research/platforms.md for what each must answer. Payload builders: payloads.ts.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { APP_ID, BOT_USER, discordMessage } from './payloads.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  /** A multipart request's parts (a reply with attachments): `payload_json` and the files. */
  readonly parts?: readonly MultipartPart[];
}

export interface MultipartPart {
  readonly name: string;
  /** Set for a file. */
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: string;
}

/** A multipart/form-data body as its parts, read by the platform's own FormData parser (undici's). */
async function multipartParts(raw: Buffer, contentType: string): Promise<MultipartPart[]> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const parts: MultipartPart[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') parts.push({ name, data: value });
    else parts.push({ name, filename: value.name, contentType: value.type, data: await value.text() });
  }
  return parts;
}

export interface FakeRest {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests answered with a 429, as Discord answers a rate-limited route. */
  readonly rateLimited: RecordedRequest[];
  /**
   * A 429 storm: the next `count` requests the predicate accepts get HTTP 429 with Retry-After
   * (seconds, fractions allowed), as Discord sends it, before the route is served again.
   */
  storm(predicate: (r: RecordedRequest) => boolean, count: number, retryAfter: number): void;
  /** Waits (bounded) for a request the predicate accepts, already received or still to come. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/** The REST API: gateway discovery, interaction callbacks (204, no body: the trap), command PUTs. */
export async function startFakeRest(options: { gatewayUrl?: string } = {}): Promise<FakeRest> {
  const requests: RecordedRequest[] = [];
  const rateLimited: RecordedRequest[] = [];
  const storms: { predicate: (r: RecordedRequest) => boolean; count: number; retryAfter: number }[] = [];
  const waiters: { predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      let body: unknown = raw;
      const contentType = req.headers['content-type'] ?? '';
      let parts: MultipartPart[] | undefined;
      try {
        parts = contentType.startsWith('multipart/form-data')
          ? await multipartParts(bytes, contentType)
          : undefined;
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            message: `The fake could not read the multipart body: ${String(error)}`,
            code: 50035,
          }),
        );
        return;
      }
      try {
        body =
          parts !== undefined
            ? JSON.parse(parts.find((p) => p.name === 'payload_json')?.data ?? 'null')
            : raw === ''
              ? null
              : JSON.parse(raw);
      } catch {
        // text: kept raw
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body,
        ...(parts === undefined ? {} : { parts }),
      };
      const storm = storms.find((s) => s.count > 0 && s.predicate(recorded));
      if (storm !== undefined) {
        storm.count -= 1;
        rateLimited.push(recorded);
        res
          .writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(storm.retryAfter),
            'x-ratelimit-scope': 'user',
          })
          .end(
            JSON.stringify({
              message: 'You are being rate limited.',
              retry_after: storm.retryAfter,
              global: false,
            }),
          );
        return;
      }
      requests.push(recorded);
      for (const w of [...waiters]) {
        if (w.predicate(recorded)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(recorded);
        }
      }
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (req.method === 'GET' && path === '/api/v10/gateway/bot') {
        json(200, {
          url: options.gatewayUrl ?? 'ws://127.0.0.1:9',
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        });
      } else if (req.method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
        res.writeHead(204).end();
      } else if (
        req.method === 'PATCH' &&
        /^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/(?:@|%40)original$/.test(path)
      ) {
        // Editing a deferred reply: Discord answers with the message as it now is.
        json(
          200,
          discordMessage({
            id: '900000000000000001',
            type: 20,
            edited_timestamp: '2024-06-01T12:00:03.000Z',
            ...(typeof body === 'object' && body !== null ? body : {}),
          }),
        );
      } else if (
        req.method === 'PUT' &&
        /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)
      ) {
        const list = Array.isArray(body) ? body : [];
        json(
          200,
          list.map((c: { name?: string }, i: number) => ({
            ...c,
            id: String(900000000000000000n + BigInt(i)),
            application_id: APP_ID,
            version: '1',
          })),
        );
      } else {
        json(404, { message: 'Unknown route in the fake', code: 0 });
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    rateLimited,
    storm(predicate, count, retryAfter) {
      storms.push({ predicate, count, retryAfter });
    },
    waitFor(predicate, timeoutMs = 5000) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('timed out waiting for a request to the fake REST API')),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FakeGateway {
  readonly url: string;
  /** Resolves with the IDENTIFY payload once a client has identified and been sent READY. */
  readonly identified: Promise<{ token: string; intents: number }>;
  dispatch(event: string, data: unknown): void;
  close(): Promise<void>;
}

/** The gateway handshake: HELLO, IDENTIFY -> READY, every heartbeat acknowledged. Plain JSON frames. */
export async function startFakeGateway(): Promise<FakeGateway> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let identify!: (d: { token: string; intents: number }) => void;
  const identified = new Promise<{ token: string; intents: number }>((resolve) => {
    identify = resolve;
  });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 40_000 } }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: { token: string; intents: number } };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        seq += 1;
        socket.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: seq,
            d: {
              v: 10,
              user: BOT_USER,
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
              application: { id: APP_ID, flags: 0 },
            },
          }),
        );
        identify(packet.d);
      }
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    identified,
    dispatch(event, data) {
      seq += 1;
      const frame = JSON.stringify({ op: 0, t: event, s: seq, d: data });
      for (const socket of sockets) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}

export * from './payloads.js';
