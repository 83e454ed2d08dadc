/** `npx pia pdf`: one test per exit code, run as a child process like a user would. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reference, referenceFile, renderTo, tempDir } from './helpers.ts';

function pia(...args: string[]) {
  // process.execPath is the Node 24 that runs the tests (npm puts it first on PATH).
  const result = spawnSync(process.execPath, ['src/cli/bin.js', 'pdf', ...args], { encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('pia pdf は評価書の PDF を -o の場所に作り、終了コード 0 で SHA-256 を示し、フォントにない文字を知らせる', () => {
  const dir = tempDir();
  const input = path.join(dir, 'assessment.yaml');
  writeFileSync(input, readFileSync(referenceFile, 'utf8').replace('評価実施機関名: 越谷市長', '評価実施機関名: 越谷市長😀'));
  const out = path.join(dir, 'reference.pdf');
  const { code, stdout, stderr } = pia(input, '-o', out);
  assert.equal(code, 0);
  assert.ok(existsSync(out));
  assert.match(stdout, /reference\.pdf を作成しました\(SHA-256 [0-9a-f]{64}\)。/);
  assert.match(stderr, /次の文字は PDF のフォントにないため、空白の四角で表示されます: 😀。/);
});

test('様式の構造に合わない評価書からは PDF を作らず、pia validate と同じ形式の指摘を示して終了コード 1', () => {
  const dir = tempDir();
  const out = path.join(dir, 'broken.pdf');
  const { code, stdout, stderr } = pia('test/pdf/fixtures/broken/assessment.yaml', '-o', out);
  assert.equal(code, 1);
  assert.match(stdout, /^test\/pdf\/fixtures\/broken\/assessment\.yaml:4:5 {2}error {2}「表紙」の値の形が違います。.* {2}\[schema-type\]$/m);
  assert.match(stderr, /PDF を作成しませんでした/);
  assert.deepEqual(readdirSync(dir), []);
});

test('書き込めない出力先は OutputNotWritable の説明と終了コード 2 になり、ファイルを残さない', () => {
  const dir = tempDir();
  const out = path.join(dir, 'no-such-folder', 'reference.pdf');
  const { code, stderr } = pia(referenceFile, '-o', out);
  assert.equal(code, 2);
  assert.match(stderr, /no-such-folder\/reference\.pdf に書き込めませんでした\(ENOENT\)。出力先のフォルダが存在し/);
  assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'no stack trace for a user mistake');
  assert.deepEqual(readdirSync(dir), []);
});

test('評価書を指定しないと使い方の誤りとして終了コード 2', () => {
  const { code, stderr } = pia();
  assert.equal(code, 2);
  assert.match(stderr, /評価書のファイルを1つ指定してください。/);
});

test('pia pdf --verify は添付の原本が PDF の記載と評価書(YAML)の両方に一致すれば終了コード 0', async () => {
  const { file, sha256 } = await renderTo(tempDir(), reference());
  const { code, stdout } = pia('--verify', file, referenceFile);
  assert.equal(code, 0, stdout);
  assert.ok(stdout.includes(`SHA-256 は PDF の記載と一致します: ${sha256}`));
  assert.ok(stdout.includes('の内容は PDF の原本と一致します。'));
});

test('pia pdf --verify は別の版の評価書や、記載のハッシュを書き換えた PDF を不一致として終了コード 1', async () => {
  const dir = tempDir();
  const { file, bytes, sha256 } = await renderTo(dir, reference());
  const other = path.join(dir, 'other.yaml');
  writeFileSync(other, readFileSync(referenceFile, 'utf8').replace('評価実施機関名: 越谷市長', '評価実施機関名: 越谷市'));
  const changedSource = pia('--verify', file, other);
  assert.equal(changedSource.code, 1);
  assert.ok(changedSource.stdout.includes('は PDF の原本と一致しません。別の版の評価書から作った PDF です。'));

  const tampered = path.join(dir, 'tampered.pdf');
  const text = Buffer.from(bytes).toString('latin1');
  writeFileSync(tampered, Buffer.from(text.replace(`(${sha256})\nendobj`, `(${'0'.repeat(64)})\nendobj`), 'latin1'));
  const result = pia('--verify', tampered);
  assert.equal(result.code, 1);
  assert.ok(result.stdout.includes(`が PDF の記載 (${'0'.repeat(64)}) と一致しません。`));
});

test('pia pdf --verify は原本の添付がない PDF を PdfSourceMissing として終了コード 2', () => {
  const dir = tempDir();
  const plain = path.join(dir, 'plain.pdf');
  writeFileSync(plain, '%PDF-1.3\n%%EOF\n');
  const { code, stderr } = pia('--verify', plain);
  assert.equal(code, 2);
  assert.match(stderr, /plain\.pdf には評価書の原本\(正規形 JSON\)が添付されていません。/);
});

test('pia pdf --strict は検証の誤りがある評価書(参考評価書)からは PDF を作らず終了コード 1', () => {
  const dir = tempDir();
  const { code, stdout, stderr } = pia(referenceFile, '--strict', '-o', path.join(dir, 'strict.pdf'));
  assert.equal(code, 1);
  assert.match(stdout, /error .*\[threshold-consistency\]/);
  assert.match(stderr, /検証で誤りがあるため、PDF を作成しませんでした\(--strict\)。/);
  assert.deepEqual(readdirSync(dir), []);
});
