/**
 * `pia diff --write` treats the officer's file as theirs: it keeps its mode and owner, writes through a symlink to
 * the real file, leaves no temp file when the disk is full, writes a change once whatever the day, keeps a flow-style
 * 変更箇所 byte for byte, and goes through the same loader checks as `pia validate` (no rewriting of invalid UTF-8).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { referenceText } from './scenario-helpers.ts';
import { focusedSchema } from '../helpers.ts';
import { insertRows, type ChangeRow } from '../../src/diff/write.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'src/cli/bin.js');
const env = { ...process.env, PIA_TODAY: '2026-11-25' };
const pia = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env });
const edited = referenceText.replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長');

function pair(): { dir: string; oldFile: string; newFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-write-safety-'));
  const oldFile = path.join(dir, 'old.yaml');
  const newFile = path.join(dir, 'assessment.yaml');
  writeFileSync(oldFile, referenceText);
  writeFileSync(newFile, edited);
  return { dir, oldFile, newFile };
}

test('--write はファイルの権限(0600・0444)を保つ', () => {
  for (const mode of [0o600, 0o444, 0o640]) {
    const { oldFile, newFile } = pair();
    chmodSync(newFile, mode);
    const result = pia('diff', oldFile, newFile, '--write', '--date', '2026-12-01');
    assert.equal(result.status, 0, result.stderr);
    assert.match(readFileSync(newFile, 'utf8'), /変更日: 令和8年12月1日/);
    assert.equal(statSync(newFile).mode & 0o777, mode, `mode ${mode.toString(8)}`);
  }
});

test('--write はシンボリックリンクをたどってリンク先を書き換え、リンクはそのまま残す', () => {
  const { dir, oldFile, newFile } = pair();
  const link = path.join(dir, 'link.yaml');
  symlinkSync('assessment.yaml', link);
  const result = pia('diff', oldFile, link, '--write', '--date', '2026-12-01');
  assert.equal(result.status, 0, result.stderr);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(link), 'assessment.yaml');
  assert.match(readFileSync(newFile, 'utf8'), /変更日: 令和8年12月1日/);
});

test('ディスクがいっぱいで書けないときは一時ファイルを残さず、ファイルは元のまま', () => {
  const { dir, oldFile, newFile } = pair();
  // A file-size limit makes the write of the temp file fail part way (EFBIG), as a full disk does (ENOSPC).
  const limited = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 8; exec "$0" "$@"`, process.execPath, bin, 'diff', oldFile, newFile, '--write'], { cwd: root, encoding: 'utf8', env });
  assert.equal(limited.status, 2, limited.stderr);
  assert.match(limited.stderr, /書き込めませんでした\(EFBIG\)/);
  assert.doesNotMatch(limited.stderr, /内部エラー/);
  assert.deepEqual(readdirSync(dir).sort(), ['assessment.yaml', 'old.yaml'], 'no temp file left');
  assert.equal(readFileSync(newFile, 'utf8'), edited);
});

test('別の日に --write しても、同じ変更の行を2回書かない(行の ID の日付によらない)', () => {
  const { oldFile, newFile } = pair();
  assert.equal(pia('diff', oldFile, newFile, '--write', '--date', '2026-12-01').status, 0);
  const once = readFileSync(newFile, 'utf8');
  const later = pia('diff', oldFile, newFile, '--write', '--date', '2027-01-15');
  assert.equal(later.status, 0, later.stderr);
  assert.equal(readFileSync(newFile, 'utf8'), once);
  // A row typed by hand for the same change (its own ID and date) is recognised too.
  const { oldFile: o2, newFile: n2 } = pair();
  writeFileSync(n2, edited.replace('変更箇所:\n', '変更箇所:\n  - ID: tegaki\n    変更日: 令和8年11月30日\n    項目: Ⅰ 基本情報 6. 評価実施機関における担当部署 ②所属長の役職名\n    変更前の記載: 子ども福祉課長\n    変更後の記載: こども福祉課長\n    提出時期: 事後\n    提出時期に係る説明: 組織の名称変更\n'));
  const before = readFileSync(n2, 'utf8');
  assert.equal(pia('diff', o2, n2, '--write', '--date', '2026-12-01').status, 0);
  assert.equal(readFileSync(n2, 'utf8'), before);
});

const row: ChangeRow = { ID: '2026-12-01-abcdef12', 変更日: '令和8年12月1日', 項目: '表紙 特記事項', 変更前の記載: '—', 変更後の記載: '記載: あり', 提出時期: '事後', 提出時期に係る説明: '評価書の見直し' };

test('一行で書いた(フロー形式の)変更箇所には行をその形で加え、他の部分は1バイトも変えない', () => {
  const text = '様式: 重点項目評価書 # 様式\n表紙: { 評価書番号: 1 }   # 番号\n変更箇所: [{ ID: a, 変更日: "令和8年1月1日", 項目: x, 変更前の記載: y, 変更後の記載: z, 提出時期: 事後, 提出時期に係る説明: w }] # 行\nその他: "そのまま"\n';
  const out = insertRows(focusedSchema, text, [row]);
  assert.ok(out.startsWith('様式: 重点項目評価書 # 様式\n表紙: { 評価書番号: 1 }   # 番号\n変更箇所: ['), out);
  assert.ok(out.endsWith('{ ID: a, 変更日: "令和8年1月1日", 項目: x, 変更前の記載: y, 変更後の記載: z, 提出時期: 事後, 提出時期に係る説明: w }] # 行\nその他: "そのまま"\n'), out);
  const rows = (parse(out) as { 変更箇所: { ID: string }[] }).変更箇所;
  assert.deepEqual(rows.map((r) => r.ID), ['2026-12-01-abcdef12', 'a']);
  assert.deepEqual(rows[0], row);
});

test('--write は変更後の版も validate と同じ読込みの検査を通す(UTF-8 でないファイルを書き換えない)', () => {
  const { oldFile, newFile } = pair();
  const bytes = Buffer.concat([Buffer.from(edited), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a])]);
  writeFileSync(newFile, bytes);
  const result = pia('diff', oldFile, newFile, '--write');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /assessment\.yaml:1:1 +error +ファイルが UTF-8 ではありません。 +\[load-not-utf8\]/);
  assert.deepEqual(readFileSync(newFile), bytes);
});

test('変更前の版がフォルダや読めないファイルなら、位置つきの誤りで終了コード 2(内部エラーにしない)', () => {
  const { dir, newFile } = pair();
  const asDir = pia('diff', dir, newFile);
  assert.equal(asDir.status, 2);
  assert.match(asDir.stderr, /フォルダが指定されました。.*\[load-not-a-file\]/);
  assert.doesNotMatch(asDir.stderr, /内部エラー|at .*\.ts:/);
  chmodSync(dir, 0o755);
  const locked = path.join(dir, 'locked.yaml');
  writeFileSync(locked, referenceText);
  chmodSync(locked, 0o000);
  // root reads any file: without the capabilities that let it (setpriv, util-linux), it sees what an officer sees.
  const argv = [bin, 'diff', locked, newFile];
  const unreadable = process.getuid?.() === 0
    ? spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', process.execPath, ...argv], { cwd: root, encoding: 'utf8', env })
    : spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', env });
  assert.equal(unreadable.status, 2, unreadable.stderr);
  assert.match(unreadable.stderr, /locked\.yaml:1:1 +error +ファイルを読む権限がありません。 +\[load-not-readable\]/);
});
