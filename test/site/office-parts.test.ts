/**
 * The portfolio's parts kept per 事務 (src/office/site-loader.ts, officeParts): a rebuild after one 評価書 changed
 * makes the part of its 事務 only, a part cut short is made again, and the portfolio page and calendar are those of
 * a cold build of the same sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/site/build-site.ts';
import { writeAssessments } from './generate.ts';

test('1件を変えた再作成は、その事務の部分だけを作り直し、事務ごとの表と予定表は初めから作ったものと同じ', async (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pia-office-parts-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const files = writeAssessments(path.join(tmp, 'assessments'), 3, { withReference: false });
  const built = (name: string) => ({ assessmentsDir: path.join(tmp, 'assessments'), outDir: path.join(tmp, `${name}-dist`), pdfDir: path.join(tmp, 'pdf'), cacheDir: path.join(tmp, `${name}-cache`) });
  const kept = built('kept');
  const partsOf = (options: { cacheDir: string }) => readdirSync(path.join(options.cacheDir, 'pia-offices')).sort();
  const page = (options: { outDir: string }, rel: string) => readFileSync(path.join(options.outDir, rel), 'utf8');
  await buildSite(kept);
  const first = partsOf(kept);
  const inodes = new Map(first.map((name) => [name, statSync(path.join(kept.cacheDir, 'pia-offices', name)).ino]));
  assert.equal(first.length, 3, 'one part per 事務');
  assert.doesNotMatch(page(kept, 'offices/index.html'), /令和7年3月30日/);

  // An earlier 公表日 moves the 事務's next review and its place in the table.
  writeFileSync(files[1]!, readFileSync(files[1]!, 'utf8').replace('  公表日: 令和8年3月30日', '  公表日: 令和7年3月30日'));
  await buildSite(kept);
  const second = partsOf(kept);
  assert.equal(second.length, 3, 'the old part of the changed 事務 is removed');
  assert.equal(second.filter((name) => !first.includes(name)).length, 1, 'only the changed 事務 is made again');
  // The others were read, not written again (a part is written by rename: a new file).
  assert.deepEqual(second.filter((name) => first.includes(name)).map((name) => statSync(path.join(kept.cacheDir, 'pia-offices', name)).ino), second.filter((name) => first.includes(name)).map((name) => inodes.get(name)));
  assert.match(page(kept, 'offices/index.html'), /令和7年3月30日/);

  const cold = built('cold');
  await buildSite(cold);
  assert.deepEqual(partsOf(cold), second, 'the same 事務 give the same keys');
  for (const rel of ['offices/index.html', 'offices.ics']) assert.equal(page(kept, rel), page(cold, rel), rel);

  // A part cut short is not used: the 事務 is made again, and the pages stay the same.
  const part = second.map((name) => path.join(kept.cacheDir, 'pia-offices', name)).find((file) => readFileSync(file, 'utf8').includes('"variant-0001"'))!;
  const text = readFileSync(part, 'utf8');
  writeFileSync(part, text.slice(0, text.length >> 1));
  writeFileSync(files[2]!, readFileSync(files[2]!, 'utf8').replace('試験用の事務3 重点項目評価書', '改めた事務 重点項目評価書'));
  await buildSite(kept);
  assert.equal(readFileSync(part, 'utf8'), text, 'written again, whole');
  await buildSite(cold);
  for (const rel of ['offices/index.html', 'offices.ics']) assert.equal(page(kept, rel), page(cold, rel), rel);
});
