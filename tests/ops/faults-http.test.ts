import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdown } from '../../src/ops/shutdown.js';
import { appendLine, readRecords } from '../../src/ops/unanswered.js';
import { HttpRoutes } from '../../src/runtime/http.js';
import { InFlight } from '../../src/runtime/in-flight.js';
import { silentLogger } from '../../src/runtime/logger.js';

const dir = mkdtempSync(join(tmpdir(), 'policybot-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(port: number, path: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP server under shutdown and slow clients', () => {
  it('answers 503 on a kept-alive connection while it drains, instead of resetting it', async () => {
    const inFlight = new InFlight();
    const http = new HttpRoutes({ inFlight });
    let finish!: () => void;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    http.add('/slow', async (_req, res) => {
      await held;
      res.end('done');
    });
    http.add('/fast', (_req, res) => {
      res.end('ok');
    });
    const server = await http.listen(0, '127.0.0.1', silentLogger);
    const port = (server.address() as AddressInfo).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // A kept-alive connection, idle once its first request is answered.
    expect(await get(port, '/fast', agent)).toBe(200);
    const slow = get(port, '/slow', new Agent());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = shutdown({ http, server, inFlight, platforms: [], graceMs: 5000, logger: silentLogger });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The same idle connection, reused: a 503, not a reset.
    expect(await get(port, '/fast', agent)).toBe(503);
    finish();
    expect(await slow).toBe(200);
    expect(await stopping).toEqual({ drained: true });
    agent.destroy();
  });

  it('cuts a request whose body is still coming after 2.5 s (Slack gives up at 3)', async () => {
    const http = new HttpRoutes();
    http.add('/slack/events', async (req, res) => {
      // Reads the body, as the webhooks do: it never comes in full.
      for await (const _chunk of req);
      res.end('never');
    });
    const server = await http.listen(0, '127.0.0.1', silentLogger);
    const port = (server.address() as AddressInfo).port;
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nslowly');
      });
      let text = '';
      socket.on('data', (d: Buffer) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    const ms = Date.now() - started;
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(ms).toBeLessThan(3000);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('the curators’ record file', () => {
  it('appends whole lines: a partial line left by an earlier failure is never joined to the next record', () => {
    const file = join(dir, 'unanswered.jsonl');
    writeFileSync(
      file,
      '{"time":"2026-01-01T00:00:00Z","question":"whole","intent":"fallback"}\n{"time":"2026-01-0',
    );
    appendLine(file, '{"time":"2026-01-02T00:00:00Z","question":"next","intent":"fallback"}\n');
    const { records, skipped } = readRecords(file);
    expect(records.map((r) => r.question)).toEqual(['whole', 'next']);
    expect(skipped).toBe(1);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });
});
