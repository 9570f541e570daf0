import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Slack received: a Web API call or a POST to a response_url. */
export interface Call {
  readonly path: string;
  readonly method: string;
  readonly authorization: string | undefined;
  /** Form fields or JSON, with JSON-valued form fields (blocks) parsed. */
  readonly body: Record<string, unknown>;
  /** For a post Slack accepted: the ts it gave the message (what replies in its thread carry). */
  ts?: string;
}

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_ID = 'T0001';

/**
 * A local stand-in for Slack's Web API (https://slack.com/api/<method>) and for response_urls, on
 * 127.0.0.1: it answers like Slack does and records every call.
 */
export class FakeSlack {
  readonly calls: Call[] = [];
  /** What apps.connections.open returns (Socket Mode). */
  socketUrl = '';
  /** Web API methods that fail with this Slack error code. */
  readonly failures = new Map<string, string>();
  /** Web API methods this fake does not serve at all (HTTP 404), like a proxy that only forwards some. */
  readonly missing = new Set<string>();
  /** chat.postMessage to these channels fails with this Slack error code (not_in_channel, …). */
  readonly channelFailures = new Map<string, string>();
  /** A 429 storm: the next `count` posts to a channel get HTTP 429 with Retry-After (seconds). */
  readonly storms = new Map<string, { count: number; retryAfter: number }>();
  /**
   * Slack's own limit of about one post a second per channel, enforced when set: a post sooner
   * than this after the last one accepted in its channel gets a 429 with Retry-After 1.
   */
  paceMs: number | undefined;
  /** Every call answered with a 429. */
  readonly rateLimited: Call[] = [];
  /** The posts Slack accepted (chat.postMessage answered ok), in order. */
  readonly delivered: Call[] = [];
  /**
   * Files shared through files.uploadV2 (files.getUploadURLExternal, the upload to its URL,
   * files.completeUploadExternal): where each went and what it holds, byte for byte.
   */
  readonly files: Array<{
    readonly id: string;
    readonly filename: string;
    readonly title: string | undefined;
    readonly content: string;
    readonly channel: string | undefined;
    readonly threadTs: string | undefined;
  }> = [];
  /** Uploaded bytes by file id, until completed. */
  private readonly uploads = new Map<
    string,
    { filename: string; length: number; content?: string | undefined }
  >();
  /** Web API methods whose answer is held until `release(method)`: a Slack that is slow or hangs. */
  readonly held = new Set<string>();
  private readonly lastPost = new Map<string, number>();
  private readonly holding: Array<{ method: string; wake: () => void }> = [];
  private server: Server | undefined;
  private nextTs = 1;
  private waiters: Array<() => void> = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(([status, body, headers]) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    if (!this.server) throw new Error('the fake Slack is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Web API base to give Bolt (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.origin}/response/${id}`;
  }

  callsTo(path: string): Call[] {
    return this.calls.filter((c) => c.path === path);
  }

  posts(): Call[] {
    return this.callsTo('/api/chat.postMessage');
  }

  /** Waits until `count` calls went to `path` (or fails after `timeoutMs`). */
  async waitFor(path: string, count = 1, timeoutMs = 5000): Promise<Call[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(path).length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`expected ${count} call(s) to ${path}, got ${this.callsTo(path).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.callsTo(path);
  }

  /** Answers the held calls to a method (and stops holding it). */
  release(method: string): void {
    this.held.delete(method);
    for (const h of this.holding.filter((x) => x.method === method)) {
      this.holding.splice(this.holding.indexOf(h), 1);
      h.wake();
    }
  }

  async close(): Promise<void> {
    for (const h of this.holding.splice(0)) h.wake();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private rateLimit(channel: string): number | undefined {
    const storm = this.storms.get(channel);
    if (storm !== undefined && storm.count > 0) {
      storm.count -= 1;
      return storm.retryAfter;
    }
    if (this.paceMs !== undefined) {
      const now = Date.now();
      const last = this.lastPost.get(channel);
      if (last !== undefined && now - last < this.paceMs) return 1;
      this.lastPost.set(channel, now);
    }
    return undefined;
  }

  private async handle(req: IncomingMessage): Promise<[number, object, Record<string, string>?]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // A file's bytes, POSTed to the upload_url files.getUploadURLExternal gave (not a Web API
    // call): raw, or as the file part of a multipart form (what Bolt's WebClient sends).
    const upload = /^\/upload\/(F\w+)$/.exec(path)?.[1];
    if (upload !== undefined) {
      const pending = this.uploads.get(upload);
      if (pending === undefined) return [404, { error: 'unknown upload' }];
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('multipart/form-data')) {
        const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
        const file = [...form.values()].find((v) => typeof v !== 'string');
        pending.content = file === undefined ? undefined : await file.text();
      } else {
        pending.content = raw;
      }
      return [200, { ok: true }];
    }
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const call: Call = { path, method: req.method ?? '', authorization: req.headers.authorization, body };
    this.calls.push(call);
    if (path.startsWith('/response/')) return [200, { ok: true }];
    const method = path.replace(/^\/api\//, '');
    if (this.held.has(method)) await new Promise<void>((wake) => this.holding.push({ method, wake }));
    if (method === 'chat.postMessage') {
      const limited = this.rateLimit(String(body.channel));
      if (limited !== undefined) {
        this.rateLimited.push(call);
        return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limited) }];
      }
      const failure = this.channelFailures.get(String(body.channel));
      if (failure !== undefined) return [200, { ok: false, error: failure }];
    }
    const failure = this.failures.get(method);
    if (failure !== undefined) return [200, { ok: false, error: failure }];
    if (this.missing.has(method)) return [404, { error: 'not found' }];
    switch (method) {
      case 'auth.test':
        return [
          200,
          {
            ok: true,
            url: 'https://example.slack.com/',
            team: 'Test',
            user: 'policybot',
            team_id: TEAM_ID,
            user_id: BOT_USER_ID,
            bot_id: BOT_ID,
          },
        ];
      case 'chat.postMessage': {
        const ts = `1700000100.${String(this.nextTs++).padStart(6, '0')}`;
        call.ts = ts;
        this.delivered.push(call);
        return [200, { ok: true, channel: body.channel, ts, message: { text: body.text, ts } }];
      }
      case 'views.open':
      case 'views.publish':
        // The view as Slack stores it; a Home tab or a modal holds at most 100 blocks.
        if (
          Array.isArray((body.view as { blocks?: unknown[] })?.blocks) &&
          (body.view as { blocks: unknown[] }).blocks.length > 100
        )
          return [200, { ok: false, error: 'invalid_arguments' }];
        return [200, { ok: true, view: { id: `V${this.nextTs++}`, ...(body.view as object) } }];
      case 'chat.unfurl':
        return [200, { ok: true }];
      case 'conversations.open':
        // The bot's DM with a person: the same channel each time.
        return [200, { ok: true, channel: { id: `D${String(body.users)}` } }];
      case 'files.getUploadURLExternal': {
        const id = `F${this.nextTs++}`;
        if (typeof body.filename !== 'string' || Number(body.length) <= 0)
          return [200, { ok: false, error: 'invalid_arguments' }];
        this.uploads.set(id, { filename: body.filename, length: Number(body.length) });
        return [200, { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id }];
      }
      case 'files.completeUploadExternal': {
        const list = (Array.isArray(body.files) ? body.files : []) as { id?: string; title?: string }[];
        for (const f of list) {
          const pending = f.id === undefined ? undefined : this.uploads.get(f.id);
          // Slack refuses a file whose bytes never came, or came short.
          if (pending?.content === undefined || Buffer.byteLength(pending.content) !== pending.length)
            return [200, { ok: false, error: 'file_not_found' }];
        }
        for (const f of list) {
          const pending = this.uploads.get(f.id ?? '');
          if (pending === undefined || f.id === undefined) continue;
          this.uploads.delete(f.id);
          this.files.push({
            id: f.id,
            filename: pending.filename,
            title: f.title,
            content: pending.content ?? '',
            channel: typeof body.channel_id === 'string' ? body.channel_id : undefined,
            threadTs: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
          });
        }
        return [200, { ok: true, files: list.map((f) => ({ id: f.id, title: f.title })) }];
      }
      case 'apps.connections.open':
        return [200, { ok: true, url: this.socketUrl }];
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

/** Signs a request body as Slack does: v0=HMAC-SHA256("v0:<ts>:<body>"). */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  readonly secret: string;
  /** Seconds since the epoch; now unless given (a stale one tests replay protection). */
  readonly timestamp?: number;
  /** Replaces the computed signature. */
  readonly signature?: string;
  readonly headers?: Record<string, string>;
}

/** POSTs a signed request to the bot, as Slack would. */
export async function sendToBot(
  url: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SendOptions,
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(options.secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

let seq = 0;

/** An Events API envelope for an event, as Slack posts it (or wraps it in Socket Mode). */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${++seq}`,
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0001',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A fresh message timestamp. */
export function ts(): string {
  seq += 1;
  return `1700000000.${String(seq).padStart(6, '0')}`;
}

/** The fields of a slash command, as Slack posts them (form-encoded) or puts them in a Socket Mode envelope. */
export function slashCommand(
  text: string,
  responseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'test',
    channel_id: 'C0001',
    channel_name: 'policy',
    user_id: 'U0001',
    user_name: 'ana',
    command: '/policy',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
    ...extra,
  };
}

/** A block_actions payload for a click on `button` of a message. */
export function buttonClick(
  button: { action_id: string; value: string; text?: unknown },
  where: { channel: string; messageTs: string; threadTs?: string; ephemeral?: boolean; responseUrl: string },
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: 'U0001', username: 'ana', name: 'ana', team_id: TEAM_ID },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: where.messageTs,
      channel_id: where.channel,
      is_ephemeral: where.ephemeral === true,
      ...(where.threadTs === undefined ? {} : { thread_ts: where.threadTs }),
    },
    trigger_id: '1.2.3',
    team: { id: TEAM_ID, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: where.channel, name: 'policy' },
    ...(where.ephemeral === true
      ? {}
      : {
          message: {
            type: 'message',
            ts: where.messageTs,
            ...(where.threadTs === undefined ? {} : { thread_ts: where.threadTs }),
          },
        }),
    state: { values: {} },
    response_url: where.responseUrl,
    actions: [{ type: 'button', block_id: 'b1', action_ts: '1700000200.000001', ...button }],
  };
}
