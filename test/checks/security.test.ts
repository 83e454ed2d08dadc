/**
 * pia check as an attacker with write access to a pull request would use it (issue 10): each attack is a
 * checks.yaml source run against the real PostgreSQL and HTTP servers started here on loopback, real files,
 * FIFOs and symlinks, and real processes. Every case must end within its limit as a located エラー, the
 * database must be unchanged (a checksum of its tables before and after), and no planted secret may appear in
 * any output format, nor in the --sarif and --junit files.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { checkAssessment } from '../../src/checks/run.ts';
import type { CheckRun, ClaimResult } from '../../src/checks/types.ts';
import { readOnlyRoleSql, roleUrl, startHttp, startPostgres, type HttpServer, type Postgres } from './servers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const referenceAssessment = path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml');
const random = () => Math.random().toString(36).slice(2, 12);
const token = `tok-${random()}${random()}`;
const unusedSecret = `unused-${random()}`;
const githubToken = `ghs_${random()}${random()}`;
const readerPassword = `reader-${random()}`;
const writerPassword = `writer-${random()}`;
const malformedPassword = `malformed-${random()}`;

let db: Postgres;
let admin: pg.Client;
let echo: HttpServer;
let stall: HttpServer;
let huge: HttpServer;
let deep: HttpServer;
let workDir: string;
let repo: string;
let caseDir: string;
let env: Record<string, string>;

/** Every value that must never be printed: the planted secrets and the credential parts of the URLs. */
const planted = () => [token, unusedSecret, githubToken, readerPassword, writerPassword, malformedPassword, db.password, env.PIA_TEST_DB_URL!, env.PIA_TEST_ADMIN_URL!, token.slice(0, 12), token.slice(6, 18)];

/** md5 of every user table's rows, and the list of user tables: any write, drop or create changes it. */
async function checksum(): Promise<string> {
  const tables = (await admin.query(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`)).rows.map((r) => r.name as string);
  const parts = [tables.join(',')];
  for (const table of tables) parts.push((await admin.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`)).rows[0].h);
  return parts.join(';');
}

const claim = (id: string, source: string, extra = '') => `  - ID: ${id}
    項目: /リスク対策/監査/実施の有無/外部監査
    点検: { 取得元: ${source}${extra.includes('条件:') ? '' : ', 条件: "true"'}${extra} }
`;

interface Attack {
  id: string;
  /** One source, as a YAML mapping value (flow style). */
  source: string;
  /** Extra keys of the claim's 点検 (e.g. `, 観測値: …`). */
  check?: string;
  expect: RegExp;
  rule?: string;
  /** The case must end within this many milliseconds (its own limit plus start-up on a busy machine). */
  within: number;
  /** Runs after the case (e.g. the server-side query or the grandchild must be gone). */
  after?: () => Promise<void> | void;
}

const sleepPidFile = () => path.join(caseDir, 'grandchild.pid');
/**
 * The process has exited: no /proc entry, or a zombie (killed, waiting for a reaper that a container may not have).
 * A process that was sent SIGKILL may still show as running for a moment while the kernel tears it down: it gets
 * up to 2 s to go, which is well inside the case's own limit.
 */
const assertGone = async (pidFile: string) => {
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  assert.ok(pid > 0);
  const stateOf = () => {
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  };
  const deadline = Date.now() + 2000;
  let state = stateOf();
  while (state !== '' && state !== 'Z' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = stateOf();
  }
  assert.ok(state === '' || state === 'Z', `grandchild ${pid} still runs (state ${state})`);
};

const attacks: Attack[] = [
  // PostgreSQL: writes through multi-statement tricks, even when the role could write.
  { id: 'pg-commit-drop', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "COMMIT; DROP TABLE app.accounts" }`, expect: /安全のため読みませんでした: 問合せは SELECT\(または WITH … SELECT\)の1文だけを実行します\(COMMIT は実行しません\)/, within: 3000 },
  { id: 'pg-commit-delete', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "commit; delete from app.accounts" }`, expect: /\(COMMIT は実行しません\)/, within: 3000 },
  { id: 'pg-rollback-insert', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "ROLLBACK; INSERT INTO app.accounts VALUES ('x', 'y', 'z')" }`, expect: /\(ROLLBACK は実行しません\)/, within: 3000 },
  { id: 'pg-set-read-write', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "SET TRANSACTION READ WRITE; DELETE FROM app.accounts; COMMIT" }`, expect: /\(SET は実行しません\)/, within: 3000 },
  { id: 'pg-comment-hidden-delete', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "/* SELECT /* nested */ */ -- SELECT\\n DELETE FROM app.accounts" }`, expect: /\(DELETE は実行しません\)/, within: 3000 },
  // The same tricks behind a leading SELECT, as a superuser allowed explicitly: only the extended protocol stands in the way.
  { id: 'pg-select-then-drop', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 書込み可能なロールを許可: 回帰テスト, 問合せ: "SELECT 1; COMMIT; DROP TABLE app.accounts" }`, expect: /問合せが失敗しました\(cannot insert multiple commands into a prepared statement\)/, within: 3000 },
  { id: 'pg-select-then-rollback-insert', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 書込み可能なロールを許可: 回帰テスト, 問合せ: "SELECT 1; ROLLBACK; INSERT INTO app.accounts VALUES ('x', 'y', 'z')" }`, expect: /cannot insert multiple commands into a prepared statement/, within: 3000 },
  { id: 'pg-select-then-set-rw', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 書込み可能なロールを許可: 回帰テスト, 問合せ: "SELECT 1; SET TRANSACTION READ WRITE; DELETE FROM app.accounts; COMMIT" }`, expect: /cannot insert multiple commands into a prepared statement/, within: 3000 },
  { id: 'pg-cte-delete', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 書込み可能なロールを許可: 回帰テスト, 問合せ: "WITH d AS (DELETE FROM app.accounts RETURNING 1) SELECT count(*) FROM d" }`, expect: /read-only transaction/, within: 3000 },
  { id: 'pg-set-config-rw', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 書込み可能なロールを許可: 回帰テスト, 問合せ: "SELECT set_config('transaction_read_only', 'off', true)" }`, expect: /transaction read-write mode must be set before any query/, within: 3000 },
  // Superuser powers.
  { id: 'pg-copy-to-program', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 書込み可能なロールを許可: 回帰テスト, 問合せ: "COPY app.accounts TO PROGRAM 'touch pwned'" }`, expect: /\(COPY は実行しません\)/, within: 3000, after: () => assert.equal(existsSync(path.join(caseDir, 'pwned')), false) },
  { id: 'pg-read-file-superuser', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_ADMIN_URL }, 問合せ: "SELECT pg_read_file('/etc/passwd') AS f" }`, expect: /安全のため読みませんでした: 接続したロール postgres はスーパーユーザーです/, within: 3000 },
  { id: 'pg-writer-role', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_WRITER_URL }, 問合せ: "SELECT count(*) FROM app.accounts" }`, expect: /接続したロール pia_writer は書き込めるテーブルがあります\(app\.accounts など\)/, within: 3000 },
  // Limits: the server-side query is cancelled; a huge result is cut off; a malformed connection string is an error.
  {
    id: 'pg-timeout', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "SELECT pg_sleep(60)", 待ち時間: 500 }`, expect: /500 ミリ秒以内に終わりませんでした/, within: 4000,
    after: async () => {
      // pg_stat_activity lags the cancel by a few milliseconds; the query must be gone well before its 60 s.
      let active = -1;
      for (let i = 0; i < 20 && active !== 0; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 50));
        active = (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid()`)).rows[0].n;
      }
      assert.equal(active, 0, 'the query still runs on the server');
    },
  },
  { id: 'pg-huge-result', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "SELECT repeat('x', 1000000) AS x FROM generate_series(1, 40)" }`, expect: /問合せの結果が上限 16 MiB を超えました/, within: 8000 },
  { id: 'pg-malformed-url', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_MALFORMED_URL }, 問合せ: "SELECT 1" }`, expect: /接続文字列を読めません/, within: 3000 },
  // Files: nothing outside the folder of checks.yaml, nothing but regular files, nothing huge or too deep.
  { id: 'file-dotdot', source: `{ 種類: file, パス: ../../../../../../../../etc/passwd, 形式: text }`, expect: /安全のため読みませんでした: ファイルの範囲\(.*\)の外のファイルは読みません/, within: 3000 },
  { id: 'file-absolute', source: `{ 種類: file, パス: /etc/shadow, 形式: text }`, expect: /絶対パスは読みません/, within: 3000 },
  { id: 'file-proc-environ', source: `{ 種類: file, パス: ../../../../../../../../proc/self/environ, 形式: text }`, expect: /の外のファイルは読みません/, within: 3000 },
  { id: 'file-symlink-out', source: `{ 種類: file, パス: environ-link.txt, 形式: text }`, expect: /シンボリックリンクがファイルの範囲\(.*\)の外を指しているため読みません/, within: 3000 },
  { id: 'file-symlink-dir-out', source: `{ 種類: file, パス: etc-link/passwd, 形式: text }`, expect: /シンボリックリンクがファイルの範囲/, within: 3000 },
  { id: 'file-fifo', source: `{ 種類: file, パス: fifo.json }`, expect: /通常のファイルではないため読みません/, within: 3000 },
  { id: 'file-huge', source: `{ 種類: file, パス: huge.json }`, expect: /ファイルが上限 16 MiB を超えています/, within: 3000 },
  { id: 'file-deep-json', source: `{ 種類: file, パス: deep.json }`, expect: /内容を読めませんでした: (JSON として読めません|入れ子)/, within: 8000 },
  { id: 'file-deep-150', source: `{ 種類: file, パス: deep-150.json }`, expect: /内容の入れ子が 100 段を超えています/, within: 3000 },
  // HTTP: a stalled body, a huge body, deep JSON; an endpoint that echoes the request (bearer token) is masked.
  { id: 'http-stalled-body', source: `{ 種類: http, URL: "STALL/", 待ち時間: 500 }`, expect: /応答の本文が 500 ミリ秒以内に届き終わりませんでした/, within: 3000 },
  { id: 'http-huge-body', source: `{ 種類: http, URL: "HUGE/" }`, expect: /応答が上限 16 MiB を超えています/, within: 8000 },
  { id: 'http-huge-declared', source: `{ 種類: http, URL: "HUGE/declared" }`, expect: /応答が上限 16 MiB を超えています/, within: 3000 },
  { id: 'http-deep-json', source: `{ 種類: http, URL: "DEEP/" }`, expect: /入れ子が 100 段を超えています/, within: 5000 },
  // JSONata: a regular expression with catastrophic backtracking runs in one step; the worker is terminated.
  { id: 'jsonata-redos', source: `{ 種類: file, パス: ok.json }`, check: `, 観測値: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)'`, rule: 'assertion', expect: /観測値を評価できませんでした: 3000 ミリ秒以内に終わらないため評価を打ち切りました/, within: 6000 },
  { id: 'jsonata-redos-condition', source: `{ 種類: file, パス: ok.json }`, check: `, 観測値: a, 条件: '$count($match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)) = 0'`, rule: 'assertion', expect: /条件を評価できませんでした: 3000 ミリ秒以内に終わらないため評価を打ち切りました/, within: 6000 },
  // Commands (only with --allow-commands): the whole process group goes, on timeout and after the shell exits.
  {
    id: 'command-grandchild-timeout', source: `{ 種類: command, コマンド: "sleep 60 & echo $! > grandchild.pid; wait", 待ち時間: 500 }`, expect: /500 ミリ秒以内に終わりませんでした\(プロセスグループごと停止しました\)/, within: 3000,
    after: () => assertGone(sleepPidFile()),
  },
  {
    id: 'command-grandchild-left-behind', source: `{ 種類: command, コマンド: "sleep 60 & echo $! > grandchild.pid; echo '{}'", 待ち時間: 5000 }`, expect: /.*/, rule: 'assertion', within: 3000,
    after: () => assertGone(sleepPidFile()),
  },
  { id: 'command-huge-output', source: `{ 種類: command, コマンド: "yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 待ち時間: 20000 }`, expect: /出力が上限 16 MiB を超えました/, within: 10000 },
];

/** Sources whose content carries a secret: masked wherever it goes, including substrings an expression picks. */
const leaks: { id: string; source: string; check: string }[] = [
  { id: 'http-echo-token', source: `{ 種類: http, URL: "ECHO/", ヘッダ: { Authorization: { 環境変数: PIA_TEST_TOKEN, 接頭辞: "Bearer " } } }`, check: `, 観測値: "headers.authorization", 条件: "false"` },
  { id: 'http-echo-substring', source: `{ 種類: http, URL: "ECHO/", ヘッダ: { Authorization: { 環境変数: PIA_TEST_TOKEN, 接頭辞: "Bearer " } } }`, check: `, 観測値: "$substring(headers.authorization, 7, 12)", 条件: "false"` },
  { id: 'file-with-secrets', source: `{ 種類: file, パス: leaked.json }`, check: `, 観測値: "$", 条件: "false"` },
  { id: 'command-printenv', source: `{ 種類: command, コマンド: "printenv", 形式: text }`, check: `, 観測値: "$", 条件: "false"` },
  { id: 'pg-settings-row', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "SELECT value FROM app.settings" }`, check: `, 観測値: "$observed[0].value", 条件: "false"` },
];

function checksYaml(entries: { id: string; source: string; check?: string }[]): string {
  const urls = (s: string) => s.replace('STALL/', stall.url + '/').replace('HUGE/', huge.url + '/').replace('DEEP/', deep.url + '/').replace('ECHO/', echo.url + '/');
  return `取得元:\n${entries.map((e) => `  ${e.id}: ${urls(e.source)}`).join('\n')}\n主張:\n${entries.map((e) => claim(e.id, e.id, e.check ?? '')).join('')}`;
}

/** A repository (with .git) holding one assessment and the files the attacks use. */
function setUpCase(entries: { id: string; source: string; check?: string }[]): string {
  const dir = path.join(repo, 'assessments', 'attack');
  writeFileSync(path.join(dir, 'checks.yaml'), checksYaml(entries));
  return path.join(dir, 'assessment.yaml');
}

async function runOne(entry: { id: string; source: string; check?: string }): Promise<{ result: ClaimResult; ms: number }> {
  const assessment = setUpCase([entry]);
  const start = performance.now();
  const outcome = await checkAssessment(assessment, { env, today: '2026-11-25', allowCommands: true });
  const ms = performance.now() - start;
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return { result: (outcome as { run: CheckRun }).run.results[0]!, ms };
}

before(async () => {
  db = await startPostgres();
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA app; CREATE SCHEMA kodomo;
    CREATE TABLE app.accounts (user_id text PRIMARY KEY, role text NOT NULL, status text NOT NULL);
    INSERT INTO app.accounts SELECT 'u' || i, 'kodomo_iryohi', 'active' FROM generate_series(1, 50) i;
    CREATE TABLE kodomo.jukyusha (id int, name text); INSERT INTO kodomo.jukyusha VALUES (1, '越谷 太郎');`);
  // A settings table that happens to hold the connection string pia was given (with its password).
  await admin.query(`CREATE TABLE app.settings (value text); INSERT INTO app.settings VALUES ('postgresql://pia_check:${readerPassword}@db.example/postgres')`);
  await admin.query(readOnlyRoleSql(readFileSync(path.join(root, 'README.md'), 'utf8'), 'postgres', readerPassword));
  await admin.query(`CREATE ROLE pia_writer LOGIN PASSWORD '${writerPassword}'; GRANT USAGE ON SCHEMA app TO pia_writer; GRANT SELECT, INSERT ON app.accounts TO pia_writer;`);
  const port = new URL(db.url).port;
  env = {
    PIA_TEST_DB_URL: roleUrl(db, 'pia_check', readerPassword),
    PIA_TEST_ADMIN_URL: db.url,
    PIA_TEST_WRITER_URL: roleUrl(db, 'pia_writer', writerPassword),
    PIA_TEST_MALFORMED_URL: `postgresql://pia_check:${malformedPassword}@[127.0.0.1:${port}/postgres`,
    PIA_TEST_TOKEN: token,
    PIA_UNUSED_SECRET: unusedSecret,
    GITHUB_TOKEN: githubToken,
  };
  echo = await startHttp((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers }));
  });
  stall = await startHttp((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"mfa": '); // and never the rest
  });
  huge = await startHttp((req, res) => {
    const total = 20 * 1024 * 1024;
    res.writeHead(200, { 'content-type': 'application/json', ...(req.url === '/declared' ? { 'content-length': String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  deep = await startHttp((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('['.repeat(5000) + ']'.repeat(5000));
  });

  workDir = mkdtempSync(path.join(os.tmpdir(), 'pia-security-'));
  repo = path.join(workDir, 'repo');
  caseDir = path.join(repo, 'assessments', 'attack');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(caseDir, { recursive: true });
  copyFileSync(referenceAssessment, path.join(caseDir, 'assessment.yaml'));
  writeFileSync(path.join(caseDir, 'ok.json'), JSON.stringify({ a: ['x'] }));
  writeFileSync(path.join(caseDir, 'deep.json'), '['.repeat(5000) + ']'.repeat(5000));
  writeFileSync(path.join(caseDir, 'deep-150.json'), '['.repeat(150) + ']'.repeat(150));
  writeFileSync(path.join(caseDir, 'huge.json'), '');
  truncateSync(path.join(caseDir, 'huge.json'), 17 * 1024 * 1024);
  writeFileSync(path.join(caseDir, 'leaked.json'), JSON.stringify({ note: `committed by mistake: ${token} and ${readerPassword}`, url: env.PIA_TEST_DB_URL }));
  symlinkSync('/proc/self/environ', path.join(caseDir, 'environ-link.txt'));
  symlinkSync('/etc', path.join(caseDir, 'etc-link'));
  symlinkSync('ok.json', path.join(caseDir, 'inside-link.json'));
  await new Promise<void>((resolve, reject) => execFile('mkfifo', [path.join(caseDir, 'fifo.json')], (error) => (error ? reject(error) : resolve())));
});

after(async () => {
  await admin?.end();
  await Promise.all([echo, stall, huge, deep].map((s) => s?.close()));
  db?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

for (const attack of attacks) {
  test(`攻撃 ${attack.id}: 期限内に場所つきのエラーで終わり、DB は変わらない`, async () => {
    const before = await checksum();
    const { result, ms } = await runOne(attack);
    if (attack.id === 'command-grandchild-left-behind') assert.equal(result.status, 'satisfied', result.message);
    else {
      assert.equal(result.status, 'error', result.message);
      assert.equal(result.rule, attack.rule ?? 'source-error', result.message);
      assert.match(result.message, attack.expect);
    }
    assert.ok(ms < attack.within, `${attack.id} took ${ms.toFixed(0)} ms (limit ${attack.within} ms)`);
    assert.ok(result.assessment.line > 0 && result.checks.line > 0, 'located in the assessment and in checks.yaml');
    for (const secret of planted()) assert.ok(!result.message.includes(secret), `secret in message: ${result.message}`);
    await attack.after?.();
    assert.equal(await checksum(), before, 'the database changed');
  });
}

test('フォルダの中のシンボリックリンク(中を指すもの)は読める', async () => {
  const { result } = await runOne({ id: 'file-symlink-inside', source: '{ 種類: file, パス: inside-link.json }', check: ', 観測値: a, 条件: "$value = [\'x\']"' });
  assert.equal(result.status, 'satisfied', result.message);
});

test('読み取り専用のロールなら SELECT は実行され、引数は $1 に渡る', async () => {
  const { result } = await runOne({ id: 'pg-reader', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "SELECT count(*)::int AS n FROM app.accounts WHERE status = $1", 引数: [active] }`, check: ', 観測値: "$observed[0].n", 条件: "$value = 50"' });
  assert.equal(result.status, 'satisfied', result.message);
});

test('取得元の内容にある秘密(エコーされたトークン・その一部・誤ってコミットされた値・環境変数)は *** になる', async () => {
  for (const leak of leaks) {
    const { result } = await runOne(leak);
    assert.equal(result.status, 'contradicted', `${leak.id}: ${result.message}`);
    assert.match(result.observed!.value, /\*\*\*/, leak.id);
    for (const secret of planted()) assert.ok(!result.message.includes(secret) && !result.observed!.value.includes(secret), `${leak.id}: secret in ${result.observed!.value}`);
  }
});

test('ファイルの範囲がリポジトリの外なら checks.yaml の誤り(行:列つき)', async () => {
  const assessment = setUpCase([{ id: 'ok', source: '{ 種類: file, パス: ok.json }' }]);
  const checksFile = path.join(path.dirname(assessment), 'checks.yaml');
  writeFileSync(checksFile, `ファイルの範囲: ../../..\n` + readFileSync(checksFile, 'utf8'));
  const outcome = await checkAssessment(assessment, { env, today: '2026-11-25' });
  assert.equal(outcome.kind, 'invalid');
  const [d] = (outcome as { diagnostics: { rule: string; line: number; message: string }[] }).diagnostics;
  assert.deepEqual([d!.rule, d!.line], ['checks-file-scope', 1]);
  assert.match(d!.message, /ファイルの範囲「\.\.\/\.\.\/\.\.」はリポジトリ\(.*\)の外です。/);
  writeFileSync(checksFile, `ファイルの範囲: ..\n` + readFileSync(checksFile, 'utf8').split('\n').slice(1).join('\n'));
  const inside = await checkAssessment(assessment, { env, today: '2026-11-25' });
  assert.equal(inside.kind, 'run', 'a scope inside the repository is accepted');
});

test('dblink を使えるロールは問合せを実行しない', async () => {
  await admin.query('CREATE EXTENSION dblink');
  try {
    const { result } = await runOne({ id: 'pg-dblink', source: `{ 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "SELECT 1" }` });
    assert.equal(result.status, 'error');
    assert.match(result.message, /接続したロール pia_check は dblink で別の接続を開けます/);
  } finally {
    await admin.query('DROP EXTENSION dblink');
  }
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'src/cli/bin.js'), 'check', ...args], { cwd: repo, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr, ms: performance.now() - start }));
  });
}

test('CLI: すべての攻撃を1つの checks.yaml で実行しても、どの出力形式・--sarif・--junit のファイルにも秘密が現れず、DB は変わらない', async () => {
  const before = await checksum();
  const all = [...attacks, ...leaks];
  const assessment = setUpCase(all);
  const outputs: Record<string, string> = {};
  for (const format of ['text', 'json', 'github'] as const) {
    const sarif = path.join(workDir, `out-${format}.sarif`);
    const junit = path.join(workDir, `out-${format}.xml`);
    const { code, stdout, stderr, ms } = await cli([assessment, '--format', format, '--sarif', sarif, '--junit', junit, '--allow-commands', '--today', '2026-11-25']);
    assert.equal(code, 1, stderr);
    assert.ok(ms < 30_000, `the whole run took ${ms.toFixed(0)} ms`);
    assert.equal(stderr, '');
    Object.assign(outputs, { [format]: stdout, [`${format}.sarif`]: readFileSync(sarif, 'utf8'), [`${format}.junit`]: readFileSync(junit, 'utf8') });
  }
  for (const [name, text] of Object.entries(outputs)) {
    for (const secret of planted()) assert.ok(!text.includes(secret), `${name} contains the planted secret ${secret.slice(0, 4)}…`);
    assert.ok(!text.includes('root:x:0:0'), `${name} contains /etc/passwd`);
  }
  // Every attack is a located エラー in the text report (file:line:col, then the claim).
  for (const attack of attacks.filter((a) => a.id !== 'command-grandchild-left-behind')) {
    assert.match(outputs.text!, new RegExp(`assessment\\.yaml:\\d+:\\d+  エラー  ${attack.id}: `), attack.id);
  }
  assert.match(outputs.text!, /Bearer \*\*\*/, 'the echoed token is masked, not dropped');
  JSON.parse(outputs.json!);
  JSON.parse(outputs['text.sarif']!);
  assert.equal(await checksum(), before, 'the database changed');
});
