/** The reference assessment with its checks.yaml and sample configuration (file sources): results, outputs, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAssessment, isFailing } from '../../src/checks/run.ts';
import { formatGithub, formatJson, formatJunit, formatText } from '../../src/checks/format.ts';
import type { CheckRun } from '../../src/checks/types.ts';
import { compileSchema } from '../../src/schema/registry.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const assessment = path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml');

async function referenceRun(today = '2026-11-25'): Promise<CheckRun> {
  const outcome = await checkAssessment(assessment, { today });
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return (outcome as { run: CheckRun }).run;
}

function pia(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [path.join(root, 'src/cli/bin.js'), ...args], { cwd: root }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    child.stdin?.end();
  });
}

test('参考評価書: サンプルの設定では全ての点検が適合し、入退室管理だけが未点検(方針により合格)', async () => {
  const run = await referenceRun();
  assert.deepEqual(Object.fromEntries(run.results.map((r) => [r.claim, r.status])), {
    'mfa-biometric-password': 'satisfied',
    'retired-staff-removed': 'satisfied',
    'user-id-inventory': 'attested',
    'users-band': 'satisfied',
    'vendor-staff-band': 'satisfied',
    'no-subcontracting': 'satisfied',
    'record-items-match-columns': 'satisfied',
    'linkage-via-chukan-server': 'satisfied',
    'no-other-system-linkage': 'satisfied',
    'storage-in-japan': 'satisfied',
    'external-audit': 'attested',
    'server-room-access-control': 'unchecked',
  });
  assert.equal(isFailing(run), false);
  const mfa = run.results[0]!;
  assert.deepEqual([mfa.assessment.line, mfa.observed?.line], [184, 5], '評価書の文と設定ファイルの行の両方を指す');
});

test('テキスト出力は「ファイル:行:列  状態  主張: 説明  [規則]」と、設定の場所・点検の定義・hint を示す', async () => {
  const text = formatText([await referenceRun()]);
  assert.match(text, /^assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml:184:\d+  適合  mfa-biometric-password: /m);
  assert.match(text, /^  設定: assessments\/koshigaya-48-kodomo-iryohi\/sample-config\/auth-policy\.json:5:12  \{"required":true/m);
  assert.match(text, /^assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml:\d+:\d+  未点検  server-room-access-control: .*\[coverage-gap\]\n  点検の定義: assessments\/koshigaya-48-kodomo-iryohi\/checks\.yaml:\d+:5\n  hint: /m);
  assert.match(text, /点検 12 件: 適合 9、矛盾 0、エラー 0、未点検 1、確認済み 2、期限切れ 0。方針による判定: 合格。/);
});

test('JSON(check-report.v1 スキーマに合う)・JUnit・GitHub の出力: 期限切れは方針「失敗」で JUnit の failure、GitHub の error になる', async () => {
  const run = await referenceRun('2027-04-15'); // external-audit expires 令和9年3月31日
  const json = JSON.parse(formatJson([run]));
  const validate = compileSchema('check-report.v1.schema.json');
  assert.equal(validate(json), true, JSON.stringify(validate.errors));
  assert.equal(json.runs[0].failing, true);
  assert.deepEqual(json.runs[0].summary, { satisfied: 9, contradicted: 0, error: 0, unchecked: 1, attested: 1, expired: 1 });
  const junit = formatJunit([run]);
  assert.match(junit, /<testsuites name="pia check" tests="12" failures="1" errors="0">/);
  assert.match(junit, /<testsuite name="[^"]*" tests="12" failures="1" errors="0" skipped="1" file="[^"]*">/);
  assert.match(junit, /<testcase name="\[attestation\] external-audit: [^"]*" classname="koshigaya-48-kodomo-iryohi"><failure message="[^"]*有効期限\(令和9年3月31日\)を過ぎています/);
  const github = formatGithub([run]).trim().split('\n');
  assert.deepEqual(github.map((l) => l.split(' ')[0]), ['::error', '::notice']);
  assert.match(github[0]!, /^::error file=assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml,line=\d+,col=\d+,title=期限切れ external-audit \[attestation\]::/);
});

test('CLI: 参考評価書は終了コード 0、--sarif・--junit は同じ結果をファイルにも書く、--list-rules は規則の一覧、不正な --format は 2', async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pia-check-out-'));
  try {
    const ok = await pia(['check', '--today', '2026-11-25', '--sarif', path.join(out, 'r.sarif'), '--junit', path.join(out, 'r.xml')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /方針による判定: 合格/);
    // Only what needs attention becomes a SARIF result (the unchecked claim); the summary counts all 12.
    const sarif = JSON.parse(readFileSync(path.join(out, 'r.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results.length, 1);
    assert.equal(Object.values(sarif.runs[0].properties.summary as Record<string, number>).reduce((a, b) => a + b), 12);
    assert.match(readFileSync(path.join(out, 'r.xml'), 'utf8'), /<testsuites name="pia check" tests="12" failures="0" errors="0">/);
    const unwritable = await pia(['check', '--today', '2026-11-25', '--sarif', path.join(out, 'no-such-dir', 'r.sarif')]);
    assert.equal(unwritable.code, 2);
    assert.match(unwritable.stderr, /r\.sarif に書き込めませんでした\(ENOENT\)/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const rules = await pia(['check', '--list-rules']);
  assert.equal(rules.code, 0);
  assert.deepEqual(rules.stdout.trim().split('\n').map((l) => l.split(' ')[0]), ['assertion', 'attestation', 'claim-reference', 'coverage-gap', 'source-error', 'staff-threshold']);
  const bad = await pia(['check', '--format', 'xml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format には text、json、junit、sarif、codequality、github のいずれかを指定してください。/);
});

test('CLI: checks.yaml の誤りは点検せずに位置つきで示し、終了コード 2', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pia-check-cli-'));
  try {
    copyFileSync(assessment, path.join(dir, 'assessment.yaml'));
    writeFileSync(path.join(dir, 'checks.yaml'), '主張:\n  - ID: x\n    項目: /存在しない項目\n');
    const result = await pia(['check', path.join(dir, 'assessment.yaml')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /checks\.yaml:3:9  error  「\/存在しない項目」は様式にない項目です。  \[checks-unknown-item\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
