/** --shard on the command line: validate and pdf split the same files, bad values are usage errors (exit 2). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeAssessments } from '../site/generate.ts';
import { selectShard } from '../../src/shard/shard.ts';

const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
const run = (cwd: string, args: string[]) =>
  promisify(execFile)(process.execPath, [bin, ...args], { cwd }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let cwd: string;
let files: string[];
before(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'pia-shard-cli-'));
  files = writeAssessments(path.join(cwd, 'assessments'), 7);
});
after(() => rmSync(cwd, { recursive: true, force: true }));

test('--shard の誤った値は、どのコマンドでも使い方の誤り(終了コード 2)で、日本語の説明とヒントを出す', async () => {
  for (const command of ['validate', 'pdf', 'build']) {
    for (const value of ['0/3', '4/3', '1/0', 'a/b']) {
      const r = await run(cwd, [command, '--shard', value]);
      assert.equal(r.code, 2, `${command} --shard ${value}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`--shard「${value}」は使えません。i/n の形\\(n 個に分けたうちの i 番目。1 ≦ i ≦ n ≦ 4096 の整数\\)で指定してください。\`npx pia ${command} --help\``));
      assert.match(r.stderr, /\n {2}hint: GitHub Actions の matrix では --shard/);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
    }
  }
  assert.ok(!existsSync(path.join(cwd, 'out')), 'nothing written');
});

test('pia validate --shard: 3 つのシャードで全部のファイルを1回ずつ検証する', async () => {
  let total = 0;
  for (const i of [1, 2, 3]) {
    const r = await run(cwd, ['validate', '--shard', `${i}/3`, '--format', 'json']);
    const checked = JSON.parse(r.stdout) as { files: number };
    const expected = selectShard(files, { index: i, count: 3 }, cwd).length;
    const n = checked.files;
    assert.equal(n, expected, r.stdout.slice(0, 300));
    total += n!;
  }
  assert.equal(total, files.length);
});

test('pia pdf: フォルダと --shard 3/3 で、そのシャードの PDF を出力フォルダに manifest.json と書く', async () => {
  const r = await run(cwd, ['pdf', 'assessments', '--shard', '3/3', '-o', 'pdfs']);
  assert.equal(r.code, 0, r.stderr);
  const expected = selectShard(files, { index: 3, count: 3 }, cwd).map((f) => `${path.basename(path.dirname(f))}.pdf`).sort();
  assert.ok(expected.length > 0);
  assert.deepEqual(readdirSync(path.join(cwd, 'pdfs')).filter((f) => f.endsWith('.pdf')).sort(), expected);
  const manifest = JSON.parse(readFileSync(path.join(cwd, 'pdfs', 'manifest.json'), 'utf8')) as { pdfs: Record<string, unknown> };
  assert.deepEqual(Object.keys(manifest.pdfs).map((s) => `${s}.pdf`).sort(), expected);
  assert.match(r.stdout, new RegExp(`PDF ${expected.length} 件を pdfs/ に出力しました\\(3/3 の分、評価書 ${expected.length} 件\\)。`));
  // Several files without --shard: the same folder; unchanged PDFs are kept (build-pdfs' manifest).
  const two = await run(cwd, ['pdf', 'assessments/variant-0001/assessment.yaml', 'assessments/variant-0002', '-o', 'pdfs2']);
  assert.equal(two.code, 0, two.stderr);
  assert.deepEqual(readdirSync(path.join(cwd, 'pdfs2')).sort(), ['manifest.json', 'variant-0001.pdf', 'variant-0002.pdf']);
  const refused = await run(cwd, ['pdf', 'assessments', '-o', 'x.pdf']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /複数の評価書の PDF を作るときは、-o に出力フォルダを指定してください。/);
  // One file, as before: -o names the PDF.
  const one = await run(cwd, ['pdf', 'assessments/variant-0003', '-o', 'one.pdf']);
  assert.equal(one.code, 0, one.stderr);
  assert.ok(existsSync(path.join(cwd, 'one.pdf')));
});
