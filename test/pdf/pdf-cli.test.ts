/** `npx pia pdf`: one test per exit code, run as a child process like a user would. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { referenceFile, tempDir } from './helpers.ts';

function pia(...args: string[]) {
  // process.execPath is the Node 24 that runs the tests (npm puts it first on PATH).
  const result = spawnSync(process.execPath, ['bin/pia.js', 'pdf', ...args], { encoding: 'utf8', env: { ...process.env, PIA_TODAY: '2026-11-25' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('pia pdf は評価書の PDF を -o の場所に作り、終了コード 0 で SHA-256 を示す', () => {
  const out = path.join(tempDir(), 'reference.pdf');
  const { code, stdout } = pia(referenceFile, '-o', out);
  assert.equal(code, 0);
  assert.ok(existsSync(out));
  assert.match(stdout, /reference\.pdf を作成しました\(SHA-256 [0-9a-f]{64}\)。/);
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
