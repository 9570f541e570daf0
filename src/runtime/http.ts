import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InFlight } from './in-flight.js';
import type { Logger } from './logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * One HTTP server on PORT for every platform that takes webhooks (Slack's /slack/events, Discord's
 * /discord/interactions) and for operations endpoints, so a deployment exposes a single port.
 */
export class HttpRoutes {
  private readonly routes = new Map<string, RouteHandler>();
  private fallbackHandler: RouteHandler | undefined;
  private draining = false;

  /** With `inFlight`, every request counts as work in flight until its response is done. */
  constructor(private readonly options: { readonly inFlight?: InFlight } = {}) {}

  /**
   * Shutting down: requests that arrive from now on (on a kept-alive connection) get a 503 and the
   * connection closes; requests already being handled finish normally.
   */
  stopAccepting(): void {
    this.draining = true;
  }

  /** Registers a handler for an exact path (any method: handlers check their own). */
  add(path: string, handler: RouteHandler): void {
    if (this.routes.has(path)) throw new Error(`route ${path} is registered twice`);
    this.routes.set(path, handler);
  }

  /**
   * The handler of every path no exact route takes (the web page, which routes its own paths);
   * without one such a path gets a plain 404.
   */
  fallback(handler: RouteHandler): void {
    if (this.fallbackHandler) throw new Error('a fallback route is registered twice');
    this.fallbackHandler = handler;
  }

  get size(): number {
    return this.routes.size;
  }

  paths(): string[] {
    return [...this.routes.keys()];
  }

  /** Starts listening; a handler that throws gets a 500 and a log line, never a crashed process. */
  async listen(port: number, host: string | undefined, logger: Logger, name = 'http'): Promise<Server> {
    const server = createServer(
      {
        // Slack and Discord give up after 3 s: a body or headers still coming after 2 are a
        // slowloris, not a platform. Checked every quarter second, not Node's default 30 s.
        headersTimeout: HEADERS_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        connectionsCheckingInterval: 250,
      },
      (req, res) => {
        if (this.draining) {
          res
            .writeHead(503, { connection: 'close', 'content-type': 'text/plain; charset=utf-8' })
            .end('Shutting down\n');
          return;
        }
        const done = this.options.inFlight?.begin();
        if (done) res.once('close', done);
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const handler = this.routes.get(path) ?? this.fallbackHandler;
        if (!handler) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
          return;
        }
        Promise.resolve()
          .then(() => handler(req, res))
          .catch((error: unknown) => {
            logger.error(
              { err: error instanceof Error ? error.message : String(error), path },
              'http handler failed',
            );
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
            res.end('Internal error\n');
          });
      },
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    logger.info({ port: address.port, paths: this.paths() }, `${name} listening`);
    return server;
  }
}

/** How long a request's headers may take to arrive, and the whole request (headers and body). */
export const HEADERS_TIMEOUT_MS = 2000;
export const REQUEST_TIMEOUT_MS = 2500;

/** Platform payloads are small: Slack's and Discord's bodies are kilobytes. */
export const BODY_LIMIT = 1024 * 1024;

/** A body declared larger than the cap is refused from its headers alone, before a byte is read. */
export function declaredTooLarge(req: IncomingMessage, limit = BODY_LIMIT): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

/** Reads a request body with a size cap: platform payloads are small, and a flood must not fill memory. */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  if (declaredTooLarge(req, limit)) throw Object.assign(new Error('request body too large'), { status: 413 });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
