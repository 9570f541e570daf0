import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { HttpRoutes } from '../../runtime/http.js';
import { jsonLogger, type Logger } from '../../runtime/logger.js';
import { openAssistant } from '../../runtime/open.js';
import { type Command, writeLine } from '../io.js';

const DEFAULT_PORT = 8787;

export const web = {
  name: 'web',
  summary: 'the citation page on this machine (127.0.0.1, no tokens): search, quotes, copy, downloads',
  usage: `policybot web [--port N | -p N]   (default ${DEFAULT_PORT}; 0 picks a free port)`,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string', short: 'p' } },
      strict: true,
    });
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!/^\d{1,5}$/.test(values.port ?? String(DEFAULT_PORT)) || port > 65_535) {
      writeLine(
        io.stderr,
        `--port must be a port number (0-65535), not "${values.port}"\nusage: ${web.usage}`,
      );
      return 2;
    }
    // The same assistant as `ask` and `chat`, in this process: conversations in memory.
    const assistant = await openAssistant(io.env);
    const { webHandler } = await import('../../web/routes.js');
    const routes = new HttpRoutes();
    routes.fallback(webHandler({ assistant }));
    // Problems only, on stderr: standard output is the address, for a person or a script to open.
    const errors = jsonLogger(io.stderr);
    const logger: Logger = { info: () => {}, debug: () => {}, warn: errors.warn, error: errors.error };
    let server: Server;
    try {
      server = await routes.listen(port, '127.0.0.1', logger, 'web');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      writeLine(
        io.stderr,
        code === 'EADDRINUSE'
          ? `Port ${port} is in use: try policybot web --port ${port + 1} (or --port 0 for any free port).`
          : `Cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`,
      );
      return 1;
    }
    const address = server.address() as AddressInfo;
    writeLine(io.stdout, `policybot web: http://127.0.0.1:${address.port}/  (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return 0;
  },
} satisfies Command;
