/**
 * Real components for the probe tests, started on loopback by the test itself: a PostgreSQL server
 * (Debian package postgresql; postgres refuses to run as root, so as the postgres user in a temp dir it owns)
 * and a node:http server. Nothing is mocked.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  return path.join(root, versions[0]!, 'bin');
}

export interface Postgres {
  /** postgresql://… with a password: tests assert it is never printed. */
  url: string;
  password: string;
  stop(): void;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-pg-'));
  const asRoot = process.getuid?.() === 0;
  // As root, run every PostgreSQL binary as the postgres user, in a directory it owns.
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    execFileSync(cmd as string, argv as string[], { stdio: 'pipe', cwd: dir });
  };
  const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const pwfile = path.join(dir, 'pwfile');
  writeFileSync(pwfile, password + '\n');
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    password,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

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
