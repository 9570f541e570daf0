import type { ServerResponse } from 'node:http';
import type { HttpRoutes, RouteHandler } from '../runtime/http.js';
import type { Metrics } from './metrics.js';

export const HEALTH_PATHS = { live: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

/** What /readyz reports: each check by name, ready when all pass. */
export type ReadinessChecks = () => Readonly<Record<string, boolean>>;

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(`${JSON.stringify(body)}\n`);
}

/** Probes and scrapers only read: anything but GET or HEAD is refused. */
function readOnly(handler: RouteHandler): RouteHandler {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('Method not allowed\n');
      return;
    }
    return handler(req, res);
  };
}

/**
 * /healthz: the process answers HTTP (liveness: restart it if not).
 * /readyz: the knowledge base is loaded, every platform connected, and it is not shutting down
 * (readiness: send it traffic only then).
 */
export function registerHealthRoutes(http: HttpRoutes, checks: ReadinessChecks): void {
  http.add(
    HEALTH_PATHS.live,
    readOnly((_req, res) => json(res, 200, { status: 'ok' })),
  );
  http.add(
    HEALTH_PATHS.ready,
    readOnly((_req, res) => {
      const results = checks();
      const ready = Object.values(results).every(Boolean);
      json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results });
    }),
  );
}

/**
 * /metrics, in Prometheus text format: on PORT beside the webhooks, or on a listener of its own
 * (POLICYBOT_METRICS_ADDRESS) that need not be exposed where the webhooks are.
 */
export function registerMetricsRoute(http: HttpRoutes, metrics: Metrics): void {
  http.add(
    HEALTH_PATHS.metrics,
    readOnly(async (_req, res) => {
      const body = await metrics.registry.metrics();
      res
        .writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' })
        .end(body);
    }),
  );
}
