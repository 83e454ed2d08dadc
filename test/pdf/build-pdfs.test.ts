/** buildPdfs (the PDF step of pia build): out/pdf/<slug>.pdf, content-hash cache, worker threads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildPdfs } from '../../src/render/pdf/build-pdfs.ts';
import { renderAssessment } from '../../src/render/pdf/write.ts';
import { reference, referenceVariant, tempDir } from './helpers.ts';

test('内容が変わらない評価書の PDF は作り直さず、変わった評価書だけを作り直す', async () => {
  const out = tempDir();
  const first = await buildPdfs([reference()], out, { workers: 0 });
  assert.deepEqual(first.map((p) => [p.slug, p.file]), [['koshigaya-48-kodomo-iryohi', path.join(out, 'koshigaya-48-kodomo-iryohi.pdf')]]);
  const before = statSync(first[0]!.file);
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.pdfs['koshigaya-48-kodomo-iryohi'].sha256, first[0]!.sha256);

  const second = await buildPdfs([reference()], out, { workers: 0 });
  assert.deepEqual(second, first);
  assert.equal(statSync(first[0]!.file).mtimeMs, before.mtimeMs, 'an unchanged assessment is not rendered again');

  const changed = referenceVariant('koshigaya-48-kodomo-iryohi', (t) => t.replace('評価実施機関名: 越谷市長', '評価実施機関名: 越谷市長 (変更)'));
  const third = await buildPdfs([changed], out, { workers: 0 });
  assert.notEqual(third[0]!.sha256, first[0]!.sha256);
  assert.notEqual(statSync(first[0]!.file).ino + statSync(first[0]!.file).mtimeMs, before.ino + before.mtimeMs, 'a changed assessment is rendered again');
});

test('構造の誤りで出力できない評価書は飛ばし、出力できる評価書だけ PDF にする', async () => {
  const out = tempDir();
  const broken = { ...reference(), file: 'assessments/broken/assessment.yaml', renderable: false };
  const built = await buildPdfs([broken, reference()], out, { workers: 0 });
  assert.deepEqual(built.map((p) => p.slug), ['koshigaya-48-kodomo-iryohi']);
});

test('ワーカースレッドで作った PDF は同じスレッドで作った PDF とバイト単位で同じ', async () => {
  const out = tempDir();
  const results = [reference(), referenceVariant('second', (t) => t.replace('評価書番号: 48', '評価書番号: 49'))];
  const built = await buildPdfs(results, out, { workers: 2 });
  assert.deepEqual(built.map((p) => p.slug), ['koshigaya-48-kodomo-iryohi', 'second']);
  // The manifest lists them in the order of the files, not in the order the workers finished.
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { pdfs: Record<string, unknown> };
  assert.deepEqual(Object.keys(manifest.pdfs), ['koshigaya-48-kodomo-iryohi', 'second']);
  for (const [i, result] of results.entries()) {
    const here = await renderAssessment(result);
    assert.ok(Buffer.from(here.bytes).equals(readFileSync(built[i]!.file)), `${built[i]!.slug}: worker output differs`);
  }
});

test('書き込みに失敗したときは OutputNotWritable とし、一時ファイルを残さない', async () => {
  const { writeFileAtomic } = await import('../../src/render/pdf/write.ts');
  const { mkdirSync, readdirSync } = await import('node:fs');
  const dir = tempDir();
  mkdirSync(path.join(dir, 'taken.pdf')); // a folder where the PDF should go: the rename fails
  assert.throws(() => writeFileAtomic(path.join(dir, 'taken.pdf'), new Uint8Array([1, 2, 3])), (error: { spec?: string; message: string }) => {
    assert.equal(error.spec, 'OutputNotWritable');
    assert.match(error.message, /taken\.pdf に書き込めませんでした\(E[A-Z]+\)。/);
    return true;
  });
  assert.deepEqual(readdirSync(dir), ['taken.pdf']);
});
