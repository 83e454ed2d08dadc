/** The command frame: --version, --lang en, option errors in our words, progress on a terminal only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { progress } from '../../src/report/progress.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
function pia(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'src/cli/bin.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PIA_LANG: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--version は package.json の版を表示して終了コード 0', () => {
  for (const flag of ['--version', '-V', 'version']) {
    const r = pia([flag]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `pia ${version}(Node.js ${process.versions.node})\n`);
  }
  assert.equal(pia(['--version', '--lang', 'en']).stdout, `pia ${version} (Node.js ${process.versions.node})\n`);
});

test('--lang en(または PIA_LANG=en)で英語、どこに置いてもよい。ja・en 以外は終了コード 2', () => {
  const en = pia(['--lang', 'en', '--help']);
  assert.equal(en.code, 0);
  assert.match(en.stdout, /^Usage: npx pia <command>/);
  assert.match(en.stdout, /^ {2}check {6}Check what the assessment promises/m);
  assert.match(pia(['--help'], { PIA_LANG: 'en' }).stdout, /^Usage:/);
  assert.match(pia(['--help']).stdout, /^使い方: npx pia <コマンド>/);
  const validated = pia(['validate', 'assessments/koshigaya-48-kodomo-iryohi', '--lang=en']);
  // The 事務 folder holds the 重点項目評価書 and its 基礎項目評価書.
  assert.match(validated.stdout, /^Validated 2 file\(s\): \d+ error\(s\), \d+ warning\(s\)\.$/m);
  const missing = pia(['validate', 'no-such-folder', '--lang', 'en']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^no-such-folder was not found\. Check the spelling of the path\./m);
  const bad = pia(['--lang', 'fr', '--help']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--lang には ja か en を指定してください\(指定: fr\)。/);
});

test('オプションの誤りは日本語の文で示し、node の英語の原文は詳細として添える', () => {
  const unknown = pia(['validate', '--bogus']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^「--bogus」というオプションはありません。\n {2}hint: --help で使い方を確認してください。\(原文: Unknown option '--bogus'/);
  assert.match(pia(['check', '--format']).stderr, /^オプション --format の値がない、または正しくありません。/);
  assert.match(pia(['build', 'extra']).stderr, /^引数「extra」はこのコマンドでは使えません。/);
  assert.match(pia(['build', 'extra', '--lang', 'en']).stderr, /^This command takes no argument "extra"\./);
});

function tty(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) }, written };
}

test('進捗: 端末では件数を1行で書き換え(10回/秒まで、最後の件は必ず)、終わりに消す。端末でない・CI では何も出さない', () => {
  let clock = 0;
  const { stream, written } = tty(true);
  const p = progress('PDF', undefined, stream, {}, () => clock);
  p.update(1, 3);
  clock += 50;
  p.update(2, 3); // within 100 ms: skipped
  clock += 10;
  p.update(3, 3); // the last one is always shown
  p.end();
  assert.deepEqual(written, ['\rPDF 1/3\u001b[K', '\rPDF 3/3\u001b[K', '\r\u001b[K']);
  for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
    const quiet = tty(isTTY);
    const q = progress('PDF', 3, quiet.stream, env, () => 0);
    q.update(1);
    q.end();
    assert.deepEqual(quiet.written, []);
  }
  // A child process writing to a pipe (as in CI): pia build prints no progress codes.
  const out = pia(['validate', 'assessments/koshigaya-48-kodomo-iryohi']);
  assert.ok(!out.stderr.includes('\r') && !out.stdout.includes('\r'));
});

test('pia check --lang en: 状態・判定・要約は英語(規則の文は様式の項目名を引くため日本語のまま)', () => {
  const en = pia(['check', '--lang', 'en', '--today', '2026-11-25']);
  assert.equal(en.code, 0, en.stderr);
  assert.match(en.stdout, /^12 claim\(s\) checked: 9 satisfied, 0 contradicted, 0 error, 1 unchecked, 2 attested, 0 expired\. Verdict under the policy: passing\.$/m);
  assert.match(en.stdout, /^assessments\/koshigaya-48-kodomo-iryohi\/assessment\.yaml:\d+:\d+ {2}unchecked {2}server-room-access-control: /m);
  assert.match(pia(['check', '--today', '2026-11-25']).stdout, /^点検 12 件: 適合 9、矛盾 0、エラー 0、未点検 1、確認済み 2、期限切れ 0。方針による判定: 合格。$/m);
});
