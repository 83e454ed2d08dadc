/** `pia build` (npm run build), run as a user would in a folder with assessments/: PDFs, then the site in dist/. */
import { loadForms } from '../../src/schema/registry.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { referenceSlug, writeAssessments } from './generate.ts';
import { ruleDocs } from '../../src/report/rule-docs.ts';

const bin = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));

test('pia build は PDF を作ってからサイトを dist/ に作り、PIA_BASE のパスでリンクし、PDF をページの横に置く', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'pia-build-cli-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  writeAssessments(path.join(cwd, 'assessments'), 0);
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'build'], { cwd, env: { ...process.env, PIA_BASE: '/kurashi/hyoka/' } });
  assert.match(stdout, /PDF 1 件を out\/pdf\/ に出力しました。/);
  // The assessments, index, about, contact, search, 404, the 事務 page (/offices/), open data, one field-definition
  // page per form, one page per rule.
  assert.match(stdout, new RegExp(`公開用サイト\\(${1 + 5 + 1 + 1 + loadForms().size + ruleDocs().size} ページ\\)を dist/ に出力しました。`));
  const page = path.join(cwd, 'dist', referenceSlug);
  assert.deepEqual(readFileSync(path.join(page, `${referenceSlug}.pdf`)), readFileSync(path.join(cwd, 'out', 'pdf', `${referenceSlug}.pdf`)));
  assert.match(readFileSync(path.join(cwd, 'dist', 'index.html'), 'utf8'), new RegExp(`href="/kurashi/hyoka/${referenceSlug}/"`));
  assert.ok(existsSync(path.join(cwd, 'dist', 'pagefind', 'pagefind.js')));
});

test('pia build の再実行は変わったものだけを作り、使った前回の結果を日本語と --format json で示す', async (t) => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'pia-build-cli-reuse-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  const files = writeAssessments(path.join(cwd, 'assessments'), 1);
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, 'build', ...args], { cwd, env: { ...process.env, PIA_NO_PROGRESS: '1' } });
  const first = await run();
  assert.match(first.stdout, /サイト: 評価書 2 件のページを作り、0 件は前回の結果を使いました\(検索の索引 1 部分のうち、作り直し 1・前回のまま 0\)。/);

  const again = JSON.parse((await run('--format', 'json')).stdout) as { built: boolean; files: number; site: { noop: boolean; assessments: { rendered: number; reused: number }; search: { parts: number; built: number; reused: number } } };
  assert.equal(again.built, true);
  assert.equal(again.files, 2);
  assert.deepEqual({ noop: again.site.noop, assessments: again.site.assessments, search: again.site.search }, { noop: true, assessments: { rendered: 0, reused: 2 }, search: { parts: 1, built: 0, reused: 1 } });

  writeFileSync(files[1]!, readFileSync(files[1]!, 'utf8').replace('試験用の事務1 重点項目評価書', '改めた事務 重点項目評価書'));
  const changed = await run();
  assert.match(changed.stdout, /サイト: 評価書 1 件のページを作り、1 件は前回の結果を使いました\(検索の索引 1 部分のうち、作り直し 1・前回のまま 0\)。/);
  assert.match(readFileSync(path.join(cwd, 'dist', 'index.html'), 'utf8'), /改めた事務 重点項目評価書/);
  await assert.rejects(run('--format', 'xml'), (error: { code: number }) => error.code === 2);
});
