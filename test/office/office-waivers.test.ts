/**
 * 検証の例外 for the rules across the 評価書 of a 事務 (schemas/decisions/0007-office-waivers.md): a finding of an
 * office-* rule is waived by a 検証の例外 in the 評価書 it is located in, exactly as a document rule's finding is; an
 * unused one is stale; document validation leaves these waivers to the 事務 stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { officeDiagnostics } from '../../src/office/office.ts';
import { office, referenceBasicFile, referenceFocusedFile, referenceOffice, documentOf } from '../../src/office/testing.ts';
import { validateText } from '../../src/validate/validate.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
const nowhere = () => ({ line: 1, col: 1 });
const pick = (ds: Diagnostic[]) => ds.map((d) => ({ rule: d.rule, file: d.file, severity: d.severity, path: d.path }));

/** The reference 事務 with a broken pair: the 基礎 requires a 全項目評価書, the 事務 has a 重点. */
const broken = (waive: (basic: Record<string, any>, focused: Record<string, any>) => void = () => {}) => referenceOffice((basic, focused) => {
  basic['しきい値判断項目']['対象人数']['評価対象の事務の対象人数は何人か'] = '30万人以上';
  basic['しきい値判断結果']['しきい値判断結果'] = '基礎項目評価及び全項目評価の実施が義務付けられる';
  waive(basic, focused);
});

test('事務の規則の指摘は、その指摘のある評価書の 検証の例外 で確認済み(情報)になる。もう一方の評価書の指摘は残る', () => {
  const before = officeDiagnostics([broken()], { locate: nowhere }).filter((d) => d.rule === 'office-required-document');
  assert.deepEqual(pick(before).map((d) => [d.file, d.severity]), [[referenceBasicFile, 'error'], [referenceFocusedFile, 'error']]);
  const after = officeDiagnostics([broken((basic) => {
    basic['検証の例外'] = [{ 規則: 'office-required-document', 項目: '/しきい値判断結果', 理由: '全項目評価書は作成中(令和9年3月公表予定)' }];
  })], { locate: nowhere });
  const required = after.filter((d) => d.rule === 'office-required-document');
  assert.deepEqual(required.map((d) => [d.file, d.severity]), [[referenceBasicFile, 'info'], [referenceFocusedFile, 'error']]);
  assert.ok(required[0]!.message.endsWith("(確認済み: 全項目評価書は作成中(令和9年3月公表予定))"), required[0]!.message);
  assert.ok(!after.some((d) => d.rule === 'stale-waiver'), 'the waiver was used');
  // The other rules' findings in the same file are not waived by it.
  assert.ok(after.some((d) => d.rule === 'office-result-agrees' && d.file === referenceBasicFile && d.severity === 'error'));
});

test('項目を省略した例外はその規則の全指摘に当たり、違う項目の例外は当たらない(古い例外の警告)', () => {
  const all = officeDiagnostics([broken((_, focused) => {
    focused['検証の例外'] = [{ 規則: 'office-required-document', 理由: '移行中' }];
  })], { locate: nowhere });
  assert.deepEqual(all.filter((d) => d.rule === 'office-required-document').map((d) => [d.file, d.severity]), [[referenceBasicFile, 'error'], [referenceFocusedFile, 'info']]);
  const elsewhere = officeDiagnostics([broken((_, focused) => {
    focused['検証の例外'] = [{ 規則: 'office-required-document', 項目: '/表紙', 理由: '移行中' }];
  })], { locate: (file, pointer) => ({ line: pointer === '/検証の例外/0' ? 77 : 1, col: 3 }) });
  assert.deepEqual(elsewhere.filter((d) => d.rule === 'office-required-document').map((d) => d.severity), ['error', 'error']);
  const stale = elsewhere.filter((d) => d.rule === 'stale-waiver');
  assert.deepEqual(pick(stale), [{ rule: 'stale-waiver', file: referenceFocusedFile, severity: 'warning', path: '/検証の例外/0' }]);
  assert.equal(stale[0]!.line, 77);
  assert.match(stale[0]!.message, /office-required-document/);
});

test('使われない事務の規則の例外は古い例外。事務をまたぐ規則(評価書番号)の例外は、市の全評価書を見たときだけ古いと言える', () => {
  const withWaivers = referenceOffice((basic) => {
    basic['検証の例外'] = [
      { 規則: 'office-assessed-on', 理由: '実施日は一致している' },
      { 規則: 'office-number-unique', 理由: '別の事務と番号を共有' },
    ];
  });
  const partial = officeDiagnostics([withWaivers], { locate: nowhere }).filter((d) => d.rule === 'stale-waiver');
  assert.deepEqual(partial.map((d) => [d.file, d.path]), [[referenceBasicFile, '/検証の例外/0']]);
  const whole = officeDiagnostics([withWaivers], { locate: nowhere, wholeCity: true }).filter((d) => d.rule === 'stale-waiver');
  assert.deepEqual(whole.map((d) => d.path), ['/検証の例外/0', '/検証の例外/1']);
});

test('評価書の検証は事務の規則の例外を古いと言わない(事務の段階が判断する)。知らない規則の例外は従来どおり古い例外', () => {
  const text = readFileSync(path.join(root, referenceBasicFile), 'utf8') + stringify({ 検証の例外: [
    { 規則: 'office-bands-agree', 理由: '数え方の違い' },
    { 規則: 'no-such-rule', 理由: 'x' },
  ] });
  const result = validateText(referenceBasicFile, text, { today: '2026-12-01' });
  assert.deepEqual(result.diagnostics.filter((d) => d.rule === 'stale-waiver').map((d) => d.path), ['/検証の例外/1']);
});

test('事務の規則の例外は、同じ事務の別の事務の評価書には効かない', () => {
  const a = referenceOffice();
  const other = documentOf('assessments/example-901-yobo-sesshu/assessment.yaml', { ...a.documents[1]!.data, 検証の例外: [{ 規則: 'office-number-unique', 理由: 'x' }] });
  const b = office('example-901-yobo-sesshu', other);
  const found = officeDiagnostics([a, b], { locate: nowhere, wholeCity: true }).filter((d) => d.rule === 'office-number-unique');
  // The number 48 is now shared: the waiver in the copy waives its own finding only.
  assert.deepEqual(found.map((d) => [d.file, d.severity]).sort(), [
    [referenceBasicFile, 'error'],
    [referenceFocusedFile, 'error'],
    ['assessments/example-901-yobo-sesshu/assessment.yaml', 'info'],
  ].sort());
});

function pia(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-12-01' } });
  return { code: r.status, stdout: r.stdout };
}

test('pia validate: 参考の事務の人数の区分の警告を例外にすると確認済みになり、位置は基礎の評価書の中', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-office-waiver-'));
  cpSync(path.join(root, 'assessments'), path.join(dir, 'assessments'), { recursive: true });
  const file = path.join(dir, referenceBasicFile);
  writeFileSync(file, readFileSync(file, 'utf8') + '検証の例外:\n  - 規則: office-bands-agree\n    項目: /しきい値判断項目\n    理由: 重点項目評価書の本人の数は保存期間中の過去の受給者を含むため\n');
  const json = JSON.parse(pia(dir, 'validate', '--format', 'json').stdout);
  const bands = json.diagnostics.filter((d: Diagnostic) => d.rule === 'office-bands-agree');
  assert.deepEqual(bands.map((d: Diagnostic) => [d.file, d.severity]).sort(), [[referenceBasicFile, 'info'], [referenceFocusedFile, 'warning']].sort());
  assert.ok(!json.diagnostics.some((d: Diagnostic) => d.rule === 'stale-waiver' && d.file === referenceBasicFile));
  // A waiver that no longer matches (the 項目 moved) is a located stale warning in the file that holds it.
  writeFileSync(file, readFileSync(file, 'utf8').replace('    項目: /しきい値判断項目\n', '    項目: /表紙\n'));
  const { stdout } = pia(dir, 'validate', referenceBasicFile);
  const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('規則: office-bands-agree')) + 1;
  assert.match(stdout, new RegExp(`^${referenceBasicFile.replace(/\./g, '\\.')}:${line}:\\d+  warning  検証の例外\\(規則 office-bands-agree\\)に当たる指摘がありません。`, 'm'));
});
