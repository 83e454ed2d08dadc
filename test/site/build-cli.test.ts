/** `pia build` (npm run build), run as a user would in a folder with assessments/: PDFs, then the site in dist/. */
import { loadForms } from '../../src/schema/registry.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
