/**
 * `pia build` hands its validation results to the site loader, which uses a result only when it was made from the
 * text the loader reads: a file changed in between is validated again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/site/build-site.ts';
import { validateMany } from '../../src/validate/validate-many.ts';
import { writeAssessments } from './generate.ts';
import { handOverLoaders } from '../../src/site/native-loaders.ts';

test('検証済みの結果は同じ記載のときだけ使われ、その後に書き換えた評価書は検証し直される', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-site-handover-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const [same, changed] = writeAssessments(path.join(tmp, 'assessments'), 2, { withReference: false }) as [string, string];
  // Named as pia build names them: relative to the folder it runs in.
  const validated = await validateMany([same, changed].map((f) => path.relative(process.cwd(), f)));
  // A marker only the handed-over data carries: the page shows it only if the loader used that result.
  for (const r of validated) {
    const cover = r.data!['表紙'] as Record<string, unknown>;
    cover['評価書名'] = `引き継いだ結果 ${path.basename(path.dirname(r.file))}`;
    // The portfolio (/offices/) shows the 評価書番号: 9001, 9002 only if its loader used the result too.
    cover['評価書番号'] = 9000 + Number(cover['評価書番号']) - 1000;
  }
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('試験用の事務2 重点項目評価書', '書き換えた事務 重点項目評価書'));

  await buildSite({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, 'dist'), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, 'cache'), validated });

  const index = readFileSync(path.join(tmp, 'dist', 'index.html'), 'utf8');
  assert.match(index, /引き継いだ結果 variant-0001/);
  assert.doesNotMatch(index, /引き継いだ結果 variant-0002/);
  assert.match(index, /書き換えた事務 重点項目評価書/);
  const offices = readFileSync(path.join(tmp, 'dist', 'offices', 'index.html'), 'utf8');
  assert.match(offices, /評価書番号 9001/);
  assert.doesNotMatch(offices, /評価書番号 9002/);
  assert.match(offices, /評価書番号 1002/);
});

test('内容の設定は buildSite が渡したローダーを使い、渡されなければ自分で読み込む(Astro だけで動かすとき)', async () => {
  const names = (collections: Record<string, { loader?: unknown }>) => Object.values(collections).map((c) => (c.loader as { name: string }).name).sort();
  // Without a hand-over: the configuration imports the loaders itself.
  handOverLoaders(undefined);
  const own = (await import(`../../src/content.config.ts?own=${Date.now()}`)) as { collections: Record<string, { loader?: unknown }> };
  assert.deepEqual(names(own.collections), ['pia-assessments', 'pia-forms', 'pia-offices']);
  // With one, the handed loaders are the ones Astro gets.
  const marked = (name: string) => () => ({ name, load: async () => {} });
  handOverLoaders({ assessmentLoader: marked('handed-a'), formLoader: marked('handed-f'), officeLoader: marked('handed-o') });
  try {
    const handed = (await import(`../../src/content.config.ts?handed=${Date.now()}`)) as { collections: Record<string, { loader?: unknown }> };
    assert.deepEqual(names(handed.collections), ['handed-a', 'handed-f', 'handed-o']);
  } finally {
    handOverLoaders(undefined);
  }
});
