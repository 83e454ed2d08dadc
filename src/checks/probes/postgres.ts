/**
 * Live configuration from PostgreSQL: one SELECT in a READ ONLY transaction, its rows are the observation.
 * The connection string comes from an environment variable and is never printed (it holds the password).
 *
 * A checks.yaml from a pull request must not be able to change the database, so every layer refuses a write:
 * - the text must be one SELECT (or WITH …, VALUES, TABLE), and it is always sent through the extended query
 *   protocol, where PostgreSQL itself refuses a second statement (`COMMIT; DROP TABLE …` cannot run);
 * - the session starts read-only (default_transaction_read_only) and the query runs in BEGIN READ ONLY, after
 *   pia's own first query, so `SET TRANSACTION READ WRITE` can no longer take effect;
 * - the role is checked first: a superuser, a member of pg_read_server_files / pg_write_server_files /
 *   pg_execute_server_program / pg_write_all_data, a role that can write (or owns) any table, or one that can call
 *   dblink is refused, unless the source says 書込み可能なロールを許可 with a reason;
 * - statement_timeout and lock_timeout stop the query on the server, and when pia's own deadline passes it
 *   cancels the backend (pg_cancel_backend) before giving up, so nothing keeps running after the report;
 * - the result is read up to `maxSourceBytes`.
 */
import { maxSourceBytes, mebibytes } from '../limits.ts';
import type { EnvRef, Observation } from '../types.ts';

export interface PostgresSpec {
  接続: EnvRef;
  問合せ: string;
  引数?: (string | number | boolean)[];
  待ち時間?: number;
  書込み可能なロールを許可?: string;
}

/** The first keyword of an SQL text, after whitespace, comments and opening parentheses; '' if none. */
export function firstKeyword(sql: string): string {
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const space = /^[\s(]+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
      continue;
    }
    if (rest.startsWith('/*')) {
      // PostgreSQL block comments nest.
      let depth = 0;
      while (i < sql.length) {
        if (sql.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (sql.startsWith('*/', i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      continue;
    }
    return /^[A-Za-z_]+/.exec(rest)?.[0].toUpperCase() ?? '';
  }
  return '';
}

const readKeywords = ['SELECT', 'WITH', 'VALUES', 'TABLE'];

/** One row that says whether the connected role is safe for a pull request's query. */
const roleCheck = `
SELECT current_user AS role,
  r.rolsuper AS superuser,
  (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname) FROM pg_roles g
     WHERE g.rolname IN ('pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program', 'pg_write_all_data')
       AND pg_has_role(current_user, g.oid, 'USAGE')) AS powerful_roles,
  (SELECT string_agg(t.name, ', ') FROM (
     SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
       AND (has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') OR has_any_column_privilege(c.oid, 'INSERT, UPDATE')
            OR pg_has_role(current_user, c.relowner, 'USAGE'))
     ORDER BY 1 LIMIT 3) t) AS writable_tables,
  EXISTS (SELECT 1 FROM pg_proc p WHERE p.proname IN ('dblink', 'dblink_exec', 'dblink_connect', 'dblink_connect_u', 'dblink_send_query')
            AND has_function_privilege(p.oid, 'EXECUTE')) AS dblink
FROM pg_roles r WHERE r.rolname = current_user`;

interface RoleRow {
  role: string;
  superuser: boolean;
  powerful_roles: string | null;
  writable_tables: string | null;
  dblink: boolean;
}

function roleProblem(row: RoleRow): string | undefined {
  if (row.superuser) return `接続したロール ${row.role} はスーパーユーザーです`;
  if (row.powerful_roles) return `接続したロール ${row.role} は ${row.powerful_roles} の権限を持っています`;
  if (row.writable_tables) return `接続したロール ${row.role} は書き込めるテーブルがあります(${row.writable_tables} など)`;
  if (row.dblink) return `接続したロール ${row.role} は dblink で別の接続を開けます`;
  return undefined;
}

type PgClient = InstanceType<(typeof import('pg'))['default']['Client']>;

export async function readPostgresSource(spec: PostgresSpec, env: NodeJS.ProcessEnv): Promise<Observation> {
  const variable = spec.接続.環境変数;
  const label = `PostgreSQL(環境変数 ${variable})`;
  const connectionString = env[variable];
  if (!connectionString) return { ok: false, label, kind: 'refused', detail: `環境変数 ${variable} に接続文字列が設定されていません` };
  const keyword = firstKeyword(spec.問合せ);
  if (!readKeywords.includes(keyword)) {
    return { ok: false, label, kind: 'unsafe', detail: `問合せは SELECT(または WITH … SELECT)の1文だけを実行します(${keyword || '空の問合せ'} は実行しません)` };
  }
  // Loaded lazily: a run with file sources only should not pay for the driver.
  const { default: pg } = await import('pg');
  const timeout = spec.待ち時間 ?? 10_000;
  let client: PgClient;
  try {
    client = new pg.Client({
      connectionString,
      connectionTimeoutMillis: timeout,
      application_name: 'pia-check',
      statement_timeout: timeout,
      lock_timeout: timeout,
      idle_in_transaction_session_timeout: timeout + 1000,
      options: '-c default_transaction_read_only=on',
    });
  } catch {
    // The parser's message may quote the connection string: say only that it is malformed.
    return { ok: false, label, kind: 'refused', detail: `環境変数 ${variable} の接続文字列を読めません(postgresql://ユーザー@ホスト:ポート/データベース の形か確認してください)` };
  }
  client.on('error', () => {}); // a dropped connection surfaces as a failed query below

  let timedOut = false;
  let tooLarge = false;
  let cancelling: Promise<void> | undefined;
  // Stop reading at once (the socket), then tell the server to stop the query (a second connection).
  const abandon = () => {
    if (cancelling) return;
    destroy(client);
    cancelling = cancelBackend(pg, connectionString, client);
  };
  const deadline = setTimeout(() => {
    timedOut = true;
    abandon();
  }, timeout);
  try {
    try {
      await client.connect();
    } catch (error) {
      if (timedOut) return { ok: false, label, kind: 'unreachable', detail: `${timeout} ミリ秒以内に接続できませんでした` };
      return { ok: false, label, kind: 'unreachable', detail: `接続できません(${connectError(error)})` };
    }
    // Bound the result at the socket: rows are parsed as they arrive, so count the bytes that carry them.
    let received = 0;
    const stream = (client as unknown as { connection: { stream: NodeJS.ReadableStream } }).connection.stream;
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxSourceBytes && !tooLarge) {
        tooLarge = true;
        abandon();
      }
    });
    try {
      await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${timeout}; SET LOCAL lock_timeout = ${timeout}`);
      const role = ((await client.query({ text: roleCheck, queryMode: 'extended' } as never)) as { rows: RoleRow[] }).rows[0];
      const problem = role ? roleProblem(role) : '接続したロールを確認できません';
      if (problem && spec.書込み可能なロールを許可 === undefined) {
        return { ok: false, label, kind: 'unsafe', detail: `${problem}。checks.yaml の問合せには読み取り専用のロールで接続してください` };
      }
      // queryMode 'extended': Parse/Bind/Execute even without 引数, so PostgreSQL refuses a second statement.
      const result = await client.query({ text: spec.問合せ, values: spec.引数 ?? [], queryMode: 'extended' } as never);
      if (tooLarge || timedOut) throw new Error('abandoned');
      await client.query('ROLLBACK');
      return { ok: true, data: (result as { rows: unknown[] }).rows, label };
    } catch (error) {
      if (tooLarge) return { ok: false, label, kind: 'malformed', detail: `問合せの結果が上限 ${mebibytes(maxSourceBytes)} を超えました(問合せは取り消しました)` };
      if (timedOut) return { ok: false, label, kind: 'unreachable', detail: `${timeout} ミリ秒以内に終わりませんでした(問合せは取り消しました)` };
      const code = (error as { code?: string }).code;
      if (code === '57014') return { ok: false, label, kind: 'unreachable', detail: `${timeout} ミリ秒以内に終わりませんでした(サーバーが問合せを取り消しました)` };
      return { ok: false, label, kind: 'malformed', detail: `問合せが失敗しました(${(error as Error).message})` };
    }
  } finally {
    clearTimeout(deadline);
    // Report only once the server has been told to stop: nothing of this run keeps running afterwards. An
    // abandoned client's socket is already destroyed (ending it would wait for an 'end' that never comes).
    if (cancelling) await cancelling;
    else await client.end().catch(() => {});
  }
}

function connectError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code) return e.code;
  return e instanceof TypeError ? '接続文字列の形式が正しくありません' : (e.message ?? 'unknown');
}

function destroy(client: PgClient): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/** Asks the server to stop our backend's running query from a second connection (the same role may cancel its own). */
async function cancelBackend(pg: (typeof import('pg'))['default'], connectionString: string, client: PgClient): Promise<void> {
  const pid = (client as unknown as { processID?: number }).processID;
  if (!pid) return;
  const canceller = new pg.Client({ connectionString, connectionTimeoutMillis: 2000, application_name: 'pia-check-cancel' });
  canceller.on('error', () => {});
  try {
    await canceller.connect();
    await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // The server-side statement_timeout stops the query in any case.
  } finally {
    await canceller.end().catch(() => {});
  }
}
