/** Rebuilds with Astro's cache kept: changed and removed assessments are never published from a stale cache. */
import { loadForms } from '../../src/schema/registry.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/site/build-site.ts';
import { writeAssessments } from './generate.ts';
import { ruleDocs } from '../../src/report/rule-docs.ts';

test('キャッシュを残した再作成でも、変更した評価書は新しい記載になり、削除した評価書のページは消える', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-rebuild-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const files = writeAssessments(path.join(tmp, 'assessments'), 2, { withReference: false });
  const options = { assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache') };
  await buildSite(options);
  assert.match(readFileSync(path.join(tmp, 'dist', 'index.html'), 'utf8'), /試験用の事務1 重点項目評価書/);

  writeFileSync(files[0]!, readFileSync(files[0]!, 'utf8').replace('試験用の事務1 重点項目評価書', '改めた事務 重点項目評価書'));
  rmSync(path.dirname(files[1]!), { recursive: true });
  const result = await buildSite(options);

  const index = readFileSync(path.join(tmp, 'dist', 'index.html'), 'utf8');
  assert.match(index, /改めた事務 重点項目評価書/);
  assert.doesNotMatch(index, /試験用の事務/);
  assert.match(readFileSync(path.join(tmp, 'dist', 'variant-0001', 'variant-0001.json'), 'utf8'), /改めた事務/);
  assert.equal(existsSync(path.join(tmp, 'dist', 'variant-0002')), false);
  // The 評価書 left, index, about, contact, search, 404, /offices/, open-data, one field-definition page per form, one page per rule.
  assert.equal(result.pages, 6 + 1 + 1 + loadForms().size + ruleDocs().size);
});

test('キャッシュの評価書データ(pia-assessments)が消えていても、再作成で作り直し、使われなくなったものは消す', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-rebuild-data-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const files = writeAssessments(path.join(tmp, 'assessments'), 1, { withReference: false });
  const options = { assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache') };
  await buildSite(options);
  const dataDir = path.join(tmp, 'cache', 'pia-assessments');
  const first = readdirSync(dataDir);
  assert.equal(first.length, 1);

  rmSync(dataDir, { recursive: true });
  // The site left in dist/ is the same as a build would make: a build is a no-op and does not read the cache.
  assert.equal((await buildSite(options)).reuse.noop, true);
  // Without it, Astro runs again and the loader writes the missing data back.
  rmSync(options.outDir, { recursive: true });
  await buildSite(options);
  assert.deepEqual(readdirSync(dataDir), first, 'the same content gets the same file back');
  const json = readFileSync(path.join(tmp, 'dist', 'variant-0001', 'variant-0001.json'), 'utf8');
  assert.equal(json, readFileSync(path.join(dataDir, first[0]!), 'utf8'));

  writeFileSync(files[0]!, readFileSync(files[0]!, 'utf8').replace('試験用の事務1 重点項目評価書', '改めた事務 重点項目評価書'));
  await buildSite(options);
  const after = readdirSync(dataDir);
  assert.equal(after.length, 1);
  assert.notDeepEqual(after, first, 'the old version is removed');
  assert.match(readFileSync(path.join(tmp, 'dist', 'variant-0001', 'variant-0001.json'), 'utf8'), /改めた事務/);
});

test('一覧の行は評価書を読み込んだ日のものを使い、日が変われば作り直す(公表予定 → 公表中)', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-rows-'));
  const saved = process.env.PIA_TODAY;
  t.after(() => {
    if (saved === undefined) delete process.env.PIA_TODAY;
    else process.env.PIA_TODAY = saved;
    rmSync(tmp, { recursive: true, force: true });
  });
  writeAssessments(path.join(tmp, 'assessments'), 1, { withReference: false });
  const options = { assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache') };
  const statusOf = () => {
    const catalogue = JSON.parse(readFileSync(path.join(tmp, 'dist', 'catalogue.json'), 'utf8')) as { 評価書: Record<string, unknown>[] };
    return [...new Set(catalogue.評価書.map((e) => JSON.stringify(e).match(/公表予定|公表中|終了/)?.[0]))];
  };
  // The variants are published on 令和8年3月30日 (2026-03-30).
  process.env.PIA_TODAY = '2026-03-01';
  await buildSite(options);
  assert.deepEqual(statusOf(), ['公表予定']);
  assert.match(readFileSync(path.join(tmp, 'dist', 'index.html'), 'utf8'), /<option value="公表予定">/);
  process.env.PIA_TODAY = '2026-04-01';
  const later = await buildSite(options);
  assert.equal(later.reuse.noop, false);
  assert.deepEqual(statusOf(), ['公表中']);
  assert.doesNotMatch(readFileSync(path.join(tmp, 'dist', 'index.html'), 'utf8'), /<option value="公表予定">/);
});

test('BOM 付きの評価書も、変わらなければ再作成で検証し直さない(ローダーの記録)', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-rebuild-bom-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const files = writeAssessments(path.join(tmp, 'assessments'), 2, { withReference: false });
  writeFileSync(files[0]!, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(files[0]!)]));
  const options = { assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache'), verbose: true };
  /** The loader's line: 〇 件の評価書を読み込みました(検証 〇 件、…、前回から変わらないもの 〇 件)。 */
  const loaderLine = async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      await buildSite(options);
    } finally {
      process.stdout.write = write;
    }
    return lines.join('').split('\n').find((l) => l.includes('件の評価書を読み込みました')) ?? '';
  };
  assert.match(await loaderLine(), /2 件の評価書を読み込みました\(検証 2 件/);
  // The other one changed: not a no-op build, and the BOM one is kept from the last build.
  writeFileSync(files[1]!, readFileSync(files[1]!, 'utf8').replace('試験用の事務2 重点項目評価書', '改めた事務 重点項目評価書'));
  assert.match(await loaderLine(), /検証 1 件、検証済みの結果を使ったもの 0 件、前回から変わらないもの 1 件/);
  assert.match(readFileSync(path.join(tmp, 'dist', 'index.html'), 'utf8'), /試験用の事務1 重点項目評価書/);
});
