/** `npx pia import` as a user runs it: one file, a folder with a summary table, --format json, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadSample, referenceTextFile, root, samplePdf } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pia-import-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function pia(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'src/cli/bin.js'), 'import', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PIA_LANG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('1 件: -o に下書きを書き、報告を出す。2 回目は上書きせず終了コード 2', () => {
  const out = path.join(dir, 'one', 'assessment.yaml');
  const r = pia([referenceTextFile, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /様式: 重点項目評価書/);
  assert.match(r.stdout, /読み取り元: 抽出済みのテキスト/);
  assert.match(r.stdout, /^ {2}表紙 {2}6 \/ 6$/m);
  assert.match(r.stdout, /状態不明のチェック欄: \d+ 件/);
  assert.match(r.stdout, /置き場所のない文字: 1 件/);
  const draft = readFileSync(out, 'utf8');
  assert.match(draft, /^# yaml-language-server: \$schema=/);
  assert.equal(parse(draft)['様式'], '重点項目評価書');
  const again = pia([referenceTextFile, '-o', out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /はすでにあるため、書き出していません/);
  assert.doesNotMatch(again.stderr, /\n\s+at /);
  assert.equal(readFileSync(out, 'utf8'), draft);
});

test('-o なし: 下書きを標準出力、報告を標準エラーへ。--format json は報告とデータ', () => {
  const r = pia([referenceTextFile]);
  assert.equal(r.code, 0);
  assert.equal(parse(r.stdout)['表紙']['評価書番号'], 48);
  assert.match(r.stderr, /部ごとの項目/);
  const j = pia([referenceTextFile, '--format', 'json']);
  assert.equal(j.code, 0);
  const report = JSON.parse(j.stdout);
  assert.equal(report.form, '重点項目評価書');
  assert.equal(report.source, 'text');
  assert.ok(report.recognised > 0 && report.recognised <= report.expected);
  assert.ok(Array.isArray(report.sections) && Array.isArray(report.unknown) && Array.isArray(report.unplaced));
  assert.equal(report.data['表紙']['評価書名'], 'こども医療費の支給に関する事務 重点項目評価書');
});

test('フォルダ: 1 つの一覧表。読めないファイルは表に理由を書き、終了コード 1', async () => {
  const input = path.join(dir, 'in');
  mkdirSync(input);
  copyFileSync(referenceTextFile, path.join(input, 'koshigaya-48.txt'));
  writeFileSync(path.join(input, 'b-basic.pdf'), await samplePdf(loadSample(path.join(root, 'assessments/example-901-yobo-sesshu/assessment.yaml')), { attachment: true }));
  writeFileSync(path.join(input, 'c-broken.pdf'), 'not a pdf');
  writeFileSync(path.join(input, 'readme.md'), 'ignored');
  const out = path.join(dir, 'out');
  const r = pia([input, '-o', out]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'ファイル\t様式\t読み取り元\t項目\t不明\t置けない文字\t出力');
  assert.match(lines[1]!, /b-basic\.pdf\t基礎項目評価書\t添付\t—\t0\t0\t.*b-basic\/assessment\.yaml$/);
  assert.match(lines[2]!, /c-broken\.pdf\t—.*取り込めません: .*PDF として読めませんでした/);
  assert.match(lines[3]!, /koshigaya-48\.txt\t重点項目評価書\tテキスト\t\d+ \/ \d+\t\d+\t1\t.*koshigaya-48\/assessment\.yaml$/);
  assert.equal(lines[4], '3 件中 2 件を取り込みました。');
  assert.ok(existsSync(path.join(out, 'koshigaya-48', 'assessment.yaml')));
  const json = JSON.parse(pia([input, '--format', 'json']).stdout);
  assert.equal(json.total, 3);
  assert.equal(json.imported, 2);
});

test('使い方の誤りは終了コード 2', () => {
  assert.equal(pia([]).code, 2);
  assert.equal(pia([path.join(root, 'README.md')]).code, 2);
  assert.equal(pia([referenceTextFile, '--format', 'xml']).code, 2);
  const help = pia(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^使い方: npx pia import/);
});
