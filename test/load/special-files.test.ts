/** Files that are not regular files are refused before they are read, with a located message (no hang, no OOM). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFile } from '../../src/load/load-file.ts';
import { validateText } from '../../src/validate/validate.ts';
import { referenceText } from '../helpers.ts';

const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'pia-special-'));
chmodSync(dir, 0o755);
const rule = (file: string) => {
  const r = loadFile(file);
  return r.ok ? 'ok' : r.diagnostics.map((d) => `${d.rule}@${d.line}:${d.col}`).join(',');
};

test('名前付きパイプ(FIFO)は待たずに断る(書き手のいない FIFO で止まらない)', () => {
  const fifo = path.join(dir, 'pipe.yaml');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  // The command first, in a child with a time limit: a blocking read in this process could not be interrupted.
  const cli = spawnSync(process.execPath, [bin, 'validate', fifo], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(cli.signal, null, 'the command did not hang');
  assert.equal(cli.status, 1);
  assert.match(cli.stdout, /pipe\.yaml:1:1 +error +通常のファイルではありません/);
  assert.equal(rule(fifo), 'load-special-file@1:1');
});

test('/dev/zero などのデバイスは読まずに断る(メモリを使い尽くさない)', () => {
  assert.equal(rule('/dev/zero'), 'load-special-file@1:1');
  assert.equal(rule('/dev/null'), 'load-special-file@1:1');
});

test('読めないファイルは権限の誤りとして位置つきで知らせる', () => {
  const locked = path.join(dir, 'locked.yaml');
  writeFileSync(locked, referenceText);
  chmodSync(locked, 0o000);
  // root reads any file: without the capabilities that let it (setpriv, util-linux), it sees what an officer sees.
  const [cmd, args] = process.getuid?.() === 0 ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', process.execPath, bin, 'validate', locked]] : [process.execPath, [bin, 'validate', locked]];
  const cli = spawnSync(cmd as string, args as string[], { encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  assert.match(cli.stdout, /locked\.yaml:1:1 +error +ファイルを読む権限がありません。 +\[load-not-readable\]/);
  assert.doesNotMatch(cli.stderr, /内部エラー/);
});

test('読み込み中にエラーになるファイル(/proc/self/mem)も内部エラーにしない', () => {
  assert.match(rule('/proc/self/mem'), /^load-not-readable@1:1$/);
});

test('令和0年 は日付として読めない', () => {
  const text = referenceText.replace('  公表日: 令和8年3月30日', '  公表日: 令和0年3月30日');
  const d = validateText('a.yaml', text).diagnostics.find((x) => x.path === '/表紙/公表日');
  assert.equal(d?.rule, 'schema-date-format');
});

test('同じ項目名の重複は、多数の項目名があっても行・列つきで見つける', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: v\n`).join('');
  const result = validateText('a.yaml', `様式: 重点項目評価書\n表紙:\n${keys}  k7: w\n`);
  assert.deepEqual(result.diagnostics.map((d) => [d.rule, d.line, d.col]), [['yaml-duplicate-key', 2003, 3]]);
});
