/**
 * pia check against real components started here on loopback: PostgreSQL (accounts, columns with comments)
 * and a node:http server (the authentication settings endpoint). Scenarios from issue 6.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Ajv } from 'ajv';
import { checkAssessment, isFailing } from '../../src/checks/run.ts';
import { formatJson, formatSarif } from '../../src/checks/format.ts';
import { compileSchema } from '../../src/schema/registry.ts';
import type { CheckRun, ClaimResult } from '../../src/checks/types.ts';
import { startHttp, startPostgres, type HttpServer, type Postgres } from './servers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const referenceDir = path.join(root, 'assessments/koshigaya-48-kodomo-iryohi');
const token = 'test-token-do-not-print';

let db: Postgres;
let http: HttpServer;
let workDir: string;
let assessmentFile: string;
let client: pg.Client;
/** What the authentication endpoint currently reports. */
let mfaRequired = true;

function checksYaml(authUrl: string): string {
  return `# yaml-language-server: $schema=../../schemas/checks.v1.schema.json
担当: テスト
方針: { エラー: 失敗, 未点検: 報告, 期限切れ: 失敗 }
取得元:
  idp:
    種類: http
    URL: ${authUrl}/api/v1/auth-policy
    ヘッダ:
      Authorization: { 環境変数: PIA_TEST_IDP_TOKEN, 接頭辞: "Bearer " }
    待ち時間: 2000
  accounts:
    種類: postgres
    接続: { 環境変数: PIA_TEST_DB_URL }
    問合せ: SELECT count(*)::int AS n FROM app.accounts WHERE role = $1 AND status = 'active'
    引数: [kodomo_iryohi]
  columns:
    種類: postgres
    接続: { 環境変数: PIA_TEST_DB_URL }
    問合せ: |
      SELECT c.table_name, c.column_name,
             col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) AS logical_name
      FROM information_schema.columns c
      WHERE c.table_schema = 'kodomo'
      ORDER BY c.table_name, c.ordinal_position
  cloud:
    種類: file
    パス: ${path.join(referenceDir, 'sample-config/cloud-resources.json')}
主張:
  - ID: mfa-biometric-password
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/具体的な管理方法
    記載: 生体認証とパスワードによる二要素認証
    点検:
      取得元: idp
      観測値: mfa
      位置: /mfa
      条件: $value.required = true and "biometric" in $value.factors and "password" in $value.factors
  - ID: users-band
    項目: /特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用の主体/使用者数
    点検:
      取得元: accounts
      観測値: $observed[0].n
      条件: $inBand($value, $claimed)
  - ID: record-items-match-columns
    項目: /特定個人情報ファイル記録項目/0/記録項目
    関連項目: [/特定個人情報ファイルの概要/0/基本情報/主な記録項目]
    点検:
      取得元: columns
      観測値: $observed[$not(column_name in ["id", "created_at", "updated_at"]) and $not(logical_name in $claimed.項目)].(table_name & "." & column_name & " " & logical_name)
      条件: $count($value) = 0
  - ID: user-id-inventory
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/その他の措置の内容
    記載: 定期的なユーザIDの棚卸し
    確認: { 確認者: 子ども福祉課 課長補佐, 根拠: 令和8年度 ユーザID棚卸し結果報告書, 確認日: 令和8年6月30日, 有効期限: 令和9年6月30日 }
  - ID: storage-in-japan
    項目: /特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所
    記載: 日本国内でデータを保管している
    点検:
      取得元: cloud
      観測値: $distinct(resources.region)
      条件: $count(resources[$not(region in ["ap-northeast-1", "ap-northeast-3"])]) = 0
  - ID: server-room-access-control
    項目: /特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所
    記載: 入退室管理を行っている部屋に設置したサーバー内に保管する
`;
}

const env = () => ({ PIA_TEST_DB_URL: db.url, PIA_TEST_IDP_TOKEN: token });

async function runChecks(today = '2026-11-25'): Promise<CheckRun> {
  const outcome = await checkAssessment(assessmentFile, { env: env(), today });
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return (outcome as { run: CheckRun }).run;
}

function result(run: CheckRun, claim: string): ClaimResult {
  const found = run.results.find((r) => r.claim === claim);
  assert.ok(found, `no result for ${claim}`);
  return found;
}

const statuses = (run: CheckRun) => Object.fromEntries(run.results.map((r) => [r.claim, r.status]));

/** Line of the first occurrence of a text in the copied assessment (1-based). */
function lineOf(text: string): number {
  return readFileSync(assessmentFile, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

before(async () => {
  [db, http] = await Promise.all([
    startPostgres(),
    startHttp((req, res) => {
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ system: '福祉総合システム', mfa: { required: mfaRequired, factors: mfaRequired ? ['biometric', 'password'] : ['password'] } }));
    }),
  ]);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'pia-check-'));
  const dir = path.join(workDir, 'assessments/koshigaya-48-kodomo-iryohi');
  mkdirSync(dir, { recursive: true });
  assessmentFile = path.join(dir, 'assessment.yaml');
  copyFileSync(path.join(referenceDir, 'assessment.yaml'), assessmentFile);
  writeFileSync(path.join(dir, 'checks.yaml'), checksYaml(http.url));

  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // The tables of 別添1, one column per record item with its 論理名 as the column comment (the sample export).
  const columns = readFileSync(path.join(referenceDir, 'sample-config/db-columns.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const sql = ['CREATE SCHEMA kodomo; CREATE SCHEMA app;', 'CREATE TABLE app.accounts (user_id text PRIMARY KEY, role text NOT NULL, status text NOT NULL);'];
  for (const table of new Set(columns.map((c) => c[1]!))) {
    const own = columns.filter((c) => c[1] === table);
    sql.push(`CREATE TABLE kodomo.${table} (${own.map((c) => `${c[2]} ${c[3] === 'varchar' ? 'text' : c[3]}`).join(', ')});`);
    for (const c of own) if (c[4]) sql.push(`COMMENT ON COLUMN kodomo.${table}.${c[2]} IS '${c[4]}';`);
  }
  sql.push("INSERT INTO app.accounts SELECT 'u' || i, 'kodomo_iryohi', 'active' FROM generate_series(1, 215) i;");
  sql.push("INSERT INTO app.accounts SELECT 'r' || i, 'kodomo_iryohi', 'disabled' FROM generate_series(1, 40) i;");
  sql.push("INSERT INTO app.accounts SELECT 'k' || i, 'kokuho', 'active' FROM generate_series(1, 61) i;");
  await client.query(sql.join('\n'));
});

after(async () => {
  await client?.end();
  await http?.close();
  db?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('設定が評価書どおりなら、点検・確認のある主張は適合・確認済み、点検のない主張は未点検', async () => {
  const run = await runChecks();
  assert.deepEqual(statuses(run), {
    'mfa-biometric-password': 'satisfied',
    'users-band': 'satisfied',
    'record-items-match-columns': 'satisfied',
    'user-id-inventory': 'attested',
    'storage-in-japan': 'satisfied',
    'server-room-access-control': 'unchecked',
  });
  assert.equal(result(run, 'users-band').observed?.value, '215');
  assert.equal(isFailing(run), false);
});

test('MFA を設定で切ると、Ⅲ3 の「生体認証とパスワードによる二要素認証」の文に対する矛盾になり、事前の重要な変更を知らせる', async () => {
  mfaRequired = false;
  try {
    const run = await runChecks();
    const r = result(run, 'mfa-biometric-password');
    assert.equal(r.status, 'contradicted');
    assert.equal(r.rule, 'assertion');
    assert.equal(r.assessment.line, lineOf('生体認証とパスワードによる二要素認証'));
    assert.match(r.assessment.item, /^Ⅲ リスク対策 3\. 特定個人情報の使用 リスク2/);
    assert.equal(r.assessment.significant, true);
    assert.match(r.message, /「生体認証とパスワードによる二要素認証」と記載していますが、設定\(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth-policy\)では \{"required":false,"factors":\["password"\]\} です。/);
    assert.match(r.hint ?? '', /※の項目のため重要な変更にあたり.*\(事前\)/);
    assert.equal(isFailing(run), true);
  } finally {
    mfaRequired = true;
  }
});

test('別添1 にない列を DB に追加すると矛盾になり、主な記録項目(※)の事前の重要な変更を知らせる', async () => {
  await client.query("ALTER TABLE kodomo.koza_joho ADD COLUMN c99 text; COMMENT ON COLUMN kodomo.koza_joho.c99 IS 'マイナポータル連携フラグ';");
  try {
    const run = await runChecks();
    const r = result(run, 'record-items-match-columns');
    assert.equal(r.status, 'contradicted');
    assert.equal(r.observed?.value, 'koza_joho.c99 マイナポータル連携フラグ');
    assert.match(r.assessment.item, /^別添1 特定個人情報ファイル記録項目/);
    assert.match(r.hint ?? '', /Ⅱ 特定個人情報ファイルの概要 2\. 基本情報 主な記録項目」は※の項目のため重要な変更にあたり.*\(事前\)/);
    assert.equal(statuses(run)['users-band'], 'satisfied');
  } finally {
    await client.query('ALTER TABLE kodomo.koza_joho DROP COLUMN c99');
  }
});

test('有効なアカウントが520人なら「100人以上500人未満」と矛盾し、取扱者数500人以上によるしきい値判断の警告が付く', async () => {
  await client.query("INSERT INTO app.accounts SELECT 'n' || i, 'kodomo_iryohi', 'active' FROM generate_series(1, 305) i");
  try {
    const run = await runChecks();
    const r = result(run, 'users-band');
    assert.equal(r.status, 'contradicted');
    assert.equal(r.observed?.value, '520');
    assert.match(r.message, /「100人以上500人未満」と記載していますが、.*では 520 です。/);
    assert.equal(r.assessment.significant, false);
    assert.match(r.hint ?? '', /評価書の記載を実態に合わせて直してください/);
    assert.deepEqual(r.notes.map((n) => [n.rule, n.level]), [['staff-threshold', 'warning']]);
    assert.match(r.notes[0]!.message, /観測した人数 520人を使うと、取扱者数.*は少なくとも530人となり、しきい値判断の結果が上がります.*必要な評価: 基礎項目評価及び全項目評価/);
    assert.equal(r.notes[0]!.line, lineOf('しきい値判断結果:'));
  } finally {
    await client.query("DELETE FROM app.accounts WHERE user_id LIKE 'n%'");
  }
});

test('HTTP の取得元が落ちているときはエラーで、矛盾ではない', async () => {
  const down = await startHttp((_req, res) => res.end());
  await down.close(); // nothing listens on this port any more
  const checksFile = path.join(path.dirname(assessmentFile), 'checks.yaml');
  writeFileSync(checksFile, checksYaml(down.url));
  try {
    const run = await runChecks();
    const r = result(run, 'mfa-biometric-password');
    assert.equal(r.status, 'error');
    assert.equal(r.rule, 'source-error');
    assert.match(r.message, /取得元 idp\(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth-policy\)から設定を読み取れませんでした: 接続できません\(ECONNREFUSED\)。/);
    assert.equal(run.results.filter((x) => x.status === 'contradicted').length, 0);
    assert.equal(isFailing(run), true, 'エラー: 失敗 の方針なら CI を止める');
    assert.equal(isFailing({ ...run, policy: { ...run.policy, error: '報告' } }), false, 'エラー: 報告 の方針なら止めない');
  } finally {
    writeFileSync(checksFile, checksYaml(http.url));
  }
});

test('HTTP の認証情報が環境変数になければ、取得元を読まずにエラーにする(値は表示しない)', async () => {
  const outcome = await checkAssessment(assessmentFile, { env: { PIA_TEST_DB_URL: db.url }, today: '2026-11-25' });
  assert.equal(outcome.kind, 'run');
  const r = result((outcome as { run: CheckRun }).run, 'mfa-biometric-password');
  assert.equal(r.status, 'error');
  assert.match(r.message, /ヘッダ Authorization の環境変数 PIA_TEST_IDP_TOKEN が設定されていません/);
});

test('有効期限を過ぎた確認の記録は期限切れとして報告する', async () => {
  const run = await runChecks('2027-07-01');
  const r = result(run, 'user-id-inventory');
  assert.equal(r.status, 'expired');
  assert.equal(r.rule, 'attestation');
  assert.match(r.message, /有効期限\(令和9年6月30日\)を過ぎています/);
  assert.equal(isFailing(run), true);
});

test('SARIF の出力は SARIF 2.1.0 の、JSON の出力は check-report.v1 のスキーマに合う(矛盾・期限切れ・未点検・警告を含む)', async () => {
  mfaRequired = false;
  await client.query("INSERT INTO app.accounts SELECT 'n' || i, 'kodomo_iryohi', 'active' FROM generate_series(1, 305) i");
  try {
    const run = await runChecks('2027-07-01');
    const sarif = JSON.parse(formatSarif([run]));
    // draft-04 header → draft-07 (see sarif-2.1.0-rtm.5.md): the keywords used mean the same in both.
    const { id, $schema: _draft04, ...rest } = JSON.parse(readFileSync(path.join(root, 'test/checks/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest };
    // unicodeRegExp: false — the schema's language pattern has a stray ']' that only non-unicode RegExp accepts.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(schema);
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(validate({ ...sarif, version: '2.0.0' }), false, 'the schema really constrains the output');
    const validateJson = compileSchema('check-report.v1.schema.json');
    assert.equal(validateJson(JSON.parse(formatJson([run]))), true, JSON.stringify(validateJson.errors));
    const kinds = sarif.runs[0].results.map((r: { ruleId: string; kind: string; level: string }) => `${r.ruleId}:${r.kind}:${r.level}`).sort();
    assert.deepEqual(kinds, [
      'assertion:fail:error',
      'assertion:fail:error',
      'attestation:fail:error',
      'coverage-gap:open:none',
      'staff-threshold:fail:warning',
    ]);
  } finally {
    mfaRequired = true;
    await client.query("DELETE FROM app.accounts WHERE user_id LIKE 'n%'");
  }
});

test('CLI: 矛盾があれば終了コード 1、接続文字列のパスワードとトークンは出力に現れない', async () => {
  mfaRequired = false;
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [path.join(root, 'src/cli/bin.js'), 'check', assessmentFile, '--today', '2026-11-25'], { cwd: workDir, env: { ...process.env, ...env() } }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
      child.stdin?.end();
    });
    assert.equal(code, 1, stderr);
    assert.match(stdout, /矛盾  mfa-biometric-password: /);
    assert.match(stdout, /点検 6 件: 適合 3、矛盾 1、エラー 0、未点検 1、確認済み 1、期限切れ 0。方針による判定: 不合格/);
    assert.ok(!stdout.includes(db.password) && !stderr.includes(db.password), 'DB password printed');
    assert.ok(!stdout.includes(token) && !stderr.includes(token), 'token printed');
  } finally {
    mfaRequired = true;
  }
});

test('取得元の失敗はどれもエラー: HTTP の待ち時間切れ・401、DB の接続拒否・失敗した問合せ・読み取り専用での書込み', async () => {
  const hanging = await startHttp(() => {}); // accepts the request, never answers
  const closedPort = await startHttp((_req, res) => res.end());
  await closedPort.close();
  const dir = path.join(workDir, 'failures');
  mkdirSync(dir, { recursive: true });
  copyFileSync(assessmentFile, path.join(dir, 'assessment.yaml'));
  const claim = (id: string, source: string) => `  - ID: ${id}
    項目: /リスク対策/監査/実施の有無/外部監査
    点検: { 取得元: ${source}, 条件: "true" }
`;
  writeFileSync(path.join(dir, 'checks.yaml'), `取得元:
  slow: { 種類: http, URL: ${hanging.url}/policy, 待ち時間: 300 }
  unauthorized: { 種類: http, URL: ${http.url}/api/v1/auth-policy, ヘッダ: { Authorization: Bearer wrong } }
  refused: { 種類: postgres, 接続: { 環境変数: PIA_TEST_CLOSED_DB_URL }, 問合せ: SELECT 1 }
  bad-query: { 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: SELECT * FROM app.no_such_table }
  write: { 種類: postgres, 接続: { 環境変数: PIA_TEST_DB_URL }, 問合せ: "DELETE FROM app.accounts RETURNING user_id" }
主張:
${claim('slow', 'slow')}${claim('unauthorized', 'unauthorized')}${claim('refused', 'refused')}${claim('bad-query', 'bad-query')}${claim('write', 'write')}`);
  try {
    const closedDb = new URL(db.url);
    closedDb.port = new URL(closedPort.url).port;
    const outcome = await checkAssessment(path.join(dir, 'assessment.yaml'), { env: { ...env(), PIA_TEST_CLOSED_DB_URL: closedDb.href }, today: '2026-11-25' });
    const run = (outcome as { run: CheckRun }).run;
    assert.deepEqual(run.results.map((r) => [r.claim, r.status, r.rule]), [
      ['slow', 'error', 'source-error'],
      ['unauthorized', 'error', 'source-error'],
      ['refused', 'error', 'source-error'],
      ['bad-query', 'error', 'source-error'],
      ['write', 'error', 'source-error'],
    ]);
    const message = (id: string) => run.results.find((r) => r.claim === id)!.message;
    assert.match(message('slow'), /300 ミリ秒以内に応答がありません/);
    assert.match(message('unauthorized'), /HTTP 401 が返りました/);
    assert.match(message('refused'), /PostgreSQL\(環境変数 PIA_TEST_CLOSED_DB_URL\)\)から設定を読み取れませんでした: 接続できません\(ECONNREFUSED\)/);
    assert.match(message('bad-query'), /問合せが失敗しました\(relation "app\.no_such_table" does not exist\)/);
    assert.match(message('write'), /read-only transaction/);
    assert.equal((await client.query('SELECT count(*)::int AS n FROM app.accounts')).rows[0].n, 316, 'nothing was deleted');
    for (const r of run.results) assert.ok(!r.message.includes(db.password), 'password in message');
  } finally {
    await hanging.close();
  }
});
