/** `npx pia validate`: arguments → stdout + exit code (0 ok, 1 findings, 2 usage or input error). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceText } from '../helpers.ts';
import { compileSchema } from '../../src/schema/registry.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
function pia(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const dir = mkdtempSync(path.join(tmpdir(), 'pia-cli-'));

test('実行環境は Node.js 24 以上', () => {
  assert.ok(Number(process.versions.node.split('.')[0]) >= 24);
});

test('参考評価書には誤りがあるので終了コード 1、行と規則 ID を表示する', () => {
  const { code, stdout } = pia('validate', 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml');
  assert.equal(code, 1);
  assert.match(stdout, /^assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml:\d+:\d+ {2}error {2}.+ {2}\[threshold-consistency\]$/m);
  assert.match(stdout, /^ {2}hint: /m);
  assert.match(stdout, /1 ファイルを検証しました: エラー 8 件、警告 31 件。/);
});

test('誤りのない評価書は終了コード 0', () => {
  const fixed = referenceText
    .replace('しきい値判断結果: 基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)', 'しきい値判断結果: 基礎項目評価及び重点項目評価の実施が義務付けられる')
    .replace(/変更日: 令和10年/g, '変更日: 令和7年');
  const file = path.join(dir, 'assessment.yaml');
  writeFileSync(file, fixed);
  const { code, stdout } = pia('validate', file);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /エラー 0 件/);
});

test('--strict では欠落・状態不明が誤りになる', () => {
  const { stdout } = pia('validate', '--strict', '--format', 'json');
  const report = JSON.parse(stdout);
  assert.ok(report.diagnostics.some((d: { rule: string; severity: string }) => d.rule === 'schema-required' && d.severity === 'error'));
  assert.ok(report.diagnostics.some((d: { rule: string; severity: string }) => d.rule === 'unknown-checkbox' && d.severity === 'error'));
});

test('--format json は機械が読める形で、位置・パス・規則を含む', () => {
  const { code, stdout } = pia('validate', '--format', 'json');
  assert.equal(code, 1);
  const report = JSON.parse(stdout) as { version: number; diagnostics: { rule: string; path: string }[] };
  const validReport = compileSchema('report.v1.schema.json');
  assert.ok(validReport(JSON.parse(stdout)), JSON.stringify(validReport.errors));
  assert.equal(report.version, 1);
  assert.deepEqual(Object.keys(report.diagnostics[0]), ['rule', 'severity', 'file', 'line', 'col', 'path', 'message', 'hint']);
  const threshold = report.diagnostics.find((d: { rule: string }) => d.rule === 'threshold-consistency');
  assert.equal(threshold?.path, '/評価実施手続/基礎項目評価/しきい値判断結果');
});

test('--format github は GitHub Actions の注釈を出す', () => {
  const { stdout } = pia('validate', '--format', 'github');
  assert.match(stdout, /^::error file=assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml,line=\d+,col=\d+,title=threshold-consistency::/m);
});

test('YAML として読めないファイルは終了コード 1 で位置を示す(スタックトレースなし)', () => {
  const file = path.join(dir, 'broken.yaml');
  writeFileSync(file, '様式: 重点項目評価書\n表紙:\n  評価書名: [閉じていない\n');
  const { code, stdout, stderr } = pia('validate', file);
  assert.equal(code, 1);
  assert.match(stdout, /broken\.yaml:\d+:\d+ {2}error {2}YAML として読めません/);
  assert.doesNotMatch(stdout + stderr, /at .*\.ts:\d+/);
});

test('存在しないパス、知らないオプション、知らないコマンドは終了コード 2', () => {
  const missing = pia('validate', 'no/such/file.yaml');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no\/such\/file\.yaml が見つかりません/);
  assert.equal(pia('validate', '--bogus').code, 2);
  assert.equal(pia('validate', '--format', 'xml').code, 2);
  assert.equal(pia('frobnicate').code, 2);
  assert.equal(pia().code, 2);
});

test('--help はどのコマンドでも説明を表示して終了コード 0', () => {
  const top = pia('--help');
  assert.equal(top.code, 0);
  assert.match(top.stdout, /validate/);
  const sub = pia('validate', '--help');
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /--strict/);
});
