/** checks.yaml: its schema, located diagnostics, and the command source that runs only when allowed. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema, loadForms } from '../../src/schema/registry.ts';
import { loadChecks } from '../../src/checks/checks-file.ts';
import { checkAssessment } from '../../src/checks/run.ts';
import type { CheckRun } from '../../src/checks/types.ts';

const referenceDir = fileURLToPath(new URL('../../assessments/koshigaya-48-kodomo-iryohi/', import.meta.url));
const form = loadForms().get('重点項目評価書')!.schema;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temp folder with a copy of the reference assessment and the given checks.yaml. */
function workspace(checks: string): { assessment: string; checks: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-checks-'));
  dirs.push(dir);
  copyFileSync(path.join(referenceDir, 'assessment.yaml'), path.join(dir, 'assessment.yaml'));
  writeFileSync(path.join(dir, 'checks.yaml'), checks);
  return { assessment: path.join(dir, 'assessment.yaml'), checks: path.join(dir, 'checks.yaml') };
}

test('checks.v1 スキーマは strict な ajv でコンパイルでき、参考評価書の checks.yaml はそれに合う', () => {
  const validate = compileSchema('checks.v1.schema.json');
  const loaded = loadChecks(path.join(referenceDir, 'checks.yaml'), form);
  assert.equal(loaded.ok, true, JSON.stringify(!loaded.ok && loaded.diagnostics));
  assert.equal(validate((loaded as { loaded: { data: unknown } }).loaded.data), true);
});

test('スキーマに合わない checks.yaml は、全ての誤りを file:line:col で日本語で示す', () => {
  const { checks } = workspace(`取得元:
  idp:
    種類: http
    URL: https://user:secret@idp.example/policy
  db:
    種類: postgres
    問合せ: SELECT 1
  token:
    種類: http
    URL: https://idp.example/policy
    ヘッダ: { Authorization: { 環境変数: GITHUB_TOKEN } }
主張:
  - ID: MFA
    項目: /リスク対策
    条件: true
`);
  const result = loadChecks(checks, form);
  assert.equal(result.ok, false);
  const got = (result as { diagnostics: { rule: string; line: number; col: number; message: string }[] }).diagnostics.map((d) => `${d.line}:${d.col} ${d.rule} ${d.message}`).sort();
  assert.deepEqual(got, [
    '13:9 schema-pattern 「/主張/0/ID」の書き方が正しくありません(形式: ^[a-z0-9][a-z0-9-]*$)。',
    '11:35 schema-pattern 「/取得元/token/ヘッダ/Authorization/環境変数」の書き方が正しくありません(形式: ^PIA_[A-Z0-9_]+$)。',
    '15:5 schema-additionalProperties 「条件」はここに書けない項目です。',
    '4:10 schema-pattern 「/取得元/idp/URL」の書き方が正しくありません(形式: ^https?://[^/@\\s]+(/\\S*)?$)。',
    '6:5 schema-required 「/取得元/db」に「接続」がありません。',
  ].sort());
});

test('様式にない項目、未定義の取得元、読めない式・日付、点検と確認の併記を、その行で知らせる', () => {
  const { checks } = workspace(`取得元:
  policy: { 種類: file, パス: policy.json }
主張:
  - ID: a
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク3
    点検: { 取得元: polcy, 条件: "mfa.required = " }
  - ID: a
    項目: /リスク対策/監査/実施の有無/外部監査
    点検: { 取得元: policy, 条件: "true" }
    確認: { 確認者: x, 根拠: y, 確認日: 令和8年13月1日, 有効期限: 2027-01-01 }
`);
  const result = loadChecks(checks, form);
  assert.equal(result.ok, false);
  const got = (result as { diagnostics: { rule: string; line: number }[] }).diagnostics.map((d) => `${d.line} ${d.rule}`).sort();
  assert.deepEqual(got, ['10 checks-date', '5 checks-unknown-item', '6 checks-expression', '6 checks-unknown-source', '7 checks-duplicate-id', '7 checks-check-and-attestation'].sort());
});

test('command の取得元は --allow-commands がなければ実行せずエラー、あれば出力(JSON)を点検する', async () => {
  const { assessment } = workspace(`取得元:
  mfa:
    種類: command
    コマンド: |-
      printf '{"mfa": {"required": true}}'
主張:
  - ID: mfa
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/具体的な管理方法
    記載: 二要素認証
    点検: { 取得元: mfa, 観測値: mfa.required, 条件: $value = true }
`);
  const refused = await checkAssessment(assessment, { today: '2026-11-25' });
  const r1 = (refused as { run: CheckRun }).run.results[0]!;
  assert.deepEqual([r1.status, r1.rule], ['error', 'source-error']);
  assert.match(r1.message, /--allow-commands を指定したときだけ実行します/);
  const allowed = await checkAssessment(assessment, { today: '2026-11-25', allowCommands: true });
  assert.equal((allowed as { run: CheckRun }).run.results[0]!.status, 'satisfied');
});

test('評価書の記載が書き換えられて引用が見つからないときは、古い点検を適合とせずエラーにする', async () => {
  const { assessment } = workspace(`取得元:
  policy: { 種類: file, パス: ${path.join(referenceDir, 'sample-config/auth-policy.json')} }
主張:
  - ID: mfa
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/具体的な管理方法
    記載: 顔認証とパスワードによる二要素認証
    点検: { 取得元: policy, 条件: "true" }
`);
  const outcome = await checkAssessment(assessment, { today: '2026-11-25' });
  const r = (outcome as { run: CheckRun }).run.results[0]!;
  assert.deepEqual([r.status, r.rule], ['error', 'claim-reference']);
  assert.match(r.message, /引用する記載「顔認証とパスワードによる二要素認証」が、評価書の「Ⅲ リスク対策 3\. 特定個人情報の使用 .*具体的な管理方法」に見つかりません。/);
});

test('壊れた設定ファイル(JSON の構文誤り)は取得元のエラーで、矛盾ではない', async () => {
  const { assessment } = workspace(`取得元:
  policy: { 種類: file, パス: broken.json }
主張:
  - ID: mfa
    項目: /リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2/具体的な管理方法
    点検: { 取得元: policy, 条件: "true" }
`);
  writeFileSync(path.join(path.dirname(assessment), 'broken.json'), '{"mfa": {"required": true,,}');
  const r = ((await checkAssessment(assessment, { today: '2026-11-25' })) as { run: CheckRun }).run.results[0]!;
  assert.deepEqual([r.status, r.rule], ['error', 'source-error']);
  assert.match(r.message, /の内容を読めませんでした: JSON として読めません\(1行\d+列\)。/);
});
