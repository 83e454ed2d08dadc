/** The 事務 as a unit in `pia validate`: the 基礎 and its 重点 in one folder, findings located in both files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
const office = 'assessments/koshigaya-48-kodomo-iryohi';
const basic = `${office}/koshigaya-48-kodomo-iryohi-basic/assessment.yaml`;
const focused = `${office}/assessment.yaml`;

/** A copy of the repository's assessments/ (and the schemas the files point to) in a fresh folder. */
function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-office-'));
  cpSync(path.join(root, 'assessments'), path.join(dir, 'assessments'), { recursive: true });
  return dir;
}
function pia(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-12-01' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function edit(dir: string, file: string, from: string, to: string) {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  assert.ok(text.includes(from), `${file} has no ${from}`);
  writeFileSync(full, text.replace(from, to));
}
const office_ = (stdout: string) => stdout.split('\n').filter((l) => /\[office-/.test(l));

test('参考の事務と見本の基礎項目評価書: 事務の規則の誤りはない(警告は対象人数の区分の1組だけ)', () => {
  const { stdout } = pia(root, 'validate', '--format', 'json');
  const report = JSON.parse(stdout);
  const findings = report.diagnostics.filter((d: { rule: string }) => d.rule.startsWith('office-'));
  assert.deepEqual(findings.filter((d: { severity: string }) => d.severity === 'error'), []);
  assert.deepEqual(findings.map((d: { rule: string; file: string }) => [d.rule, d.file]), [
    ['office-bands-agree', basic],
    ['office-bands-agree', focused],
  ]);
  const basics = report.diagnostics.filter((d: { file: string }) => d.file !== focused);
  assert.deepEqual(basics.filter((d: { severity: string }) => d.severity === 'error'), []);
});

test('基礎が全項目評価を義務とし、事務には重点しかない: 基礎の Ⅲ と重点の 様式 の両方に位置付きの誤り', () => {
  const dir = workspace();
  edit(dir, basic, '評価対象の事務の対象人数は何人か: 1万人以上10万人未満', '評価対象の事務の対象人数は何人か: 30万人以上');
  edit(dir, basic, 'しきい値判断結果: 基礎項目評価の実施が義務付けられる', 'しきい値判断結果: 基礎項目評価及び全項目評価の実施が義務付けられる');
  const { code, stdout } = pia(dir, 'validate');
  assert.equal(code, 1);
  const lines = office_(stdout);
  const basicLine = readFileSync(path.join(dir, basic), 'utf8').split('\n').findIndex((l) => l.includes('基礎項目評価及び全項目評価の実施が義務付けられる')) + 1;
  assert.ok(lines.some((l) => l.startsWith(`${basic}:${basicLine}:`) && l.includes('error') && l.includes('[office-required-document]') && l.includes(`${focused}:8:`)), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith(`${focused}:8:`) && l.includes('error') && l.includes('全項目評価書が必要です') && l.includes('[office-required-document]')), lines.join('\n'));
  // The 重点's recorded result (basic) disagrees with the 基礎's (basic+full): both files again.
  assert.ok(lines.some((l) => l.startsWith(`${focused}:232:`) && l.includes('[office-result-agrees]')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith(`${basic}:${basicLine}:`) && l.includes('[office-result-agrees]')), lines.join('\n'));
});

test('基礎の Ⅲ が Ⅱ から求まる結果と違うと、基礎の Ⅲ に誤り(しきい値判断は src/threshold の1か所)', () => {
  const dir = workspace();
  edit(dir, basic, '特定個人情報ファイル取扱者数は500人以上か: 500人未満', '特定個人情報ファイル取扱者数は500人以上か: 500人以上');
  const { code, stdout } = pia(dir, 'validate', basic);
  assert.equal(code, 1);
  assert.match(stdout, new RegExp(`^${basic.replace(/[.]/g, '\\.')}:\\d+:\\d+  error  しきい値判断結果が「基礎項目評価の実施が義務付けられる」ですが、.*基礎項目評価及び重点項目評価の実施が義務付けられる.*\\[threshold-consistency\\]$`, 'm'));
});

test('1つの評価書を指定しても、同じ事務のもう1つの評価書と照合する', () => {
  const dir = workspace();
  edit(dir, basic, '基礎項目評価の実施日: 令和6年2月5日', '基礎項目評価の実施日: 令和6年2月6日');
  const { code, stdout } = pia(dir, 'validate', focused);
  assert.equal(code, 1);
  const lines = office_(stdout);
  assert.ok(lines.some((l) => l.startsWith(`${focused}:231:`) && l.includes('[office-assessed-on]')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith(`${basic}:`) && l.includes('[office-assessed-on]')), lines.join('\n'));
});

test('別の事務と同じ評価書番号は、両方の事務に誤り', () => {
  const dir = workspace();
  edit(dir, 'assessments/example-901-yobo-sesshu/assessment.yaml', '評価書番号: 901', '評価書番号: 48');
  const { code, stdout } = pia(dir, 'validate');
  assert.equal(code, 1);
  const files = office_(stdout).filter((l) => l.includes('[office-number-unique]')).map((l) => l.split(':')[0]);
  assert.deepEqual(files.sort(), [focused, basic, 'assessments/example-901-yobo-sesshu/assessment.yaml'].sort());
});

test('pia build --check-report: 点検の結果のファイルが壊れていれば、何も書かずに終了コード 2', () => {
  const dir = workspace();
  writeFileSync(path.join(dir, 'check.json'), '{"version": 1, "runs": [{"assessment": 1}]}');
  const r = spawnSync(process.execPath, [bin, 'build', '--check-report', 'check.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /check\.json は pia check --format json の出力の形ではありません/);
  assert.equal(existsSync(path.join(dir, 'dist')), false);
  assert.equal(existsSync(path.join(dir, 'out')), false);
  assert.match(pia(dir, 'build', '--help').stdout, /--check-report <JSON>/);
});
