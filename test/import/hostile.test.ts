/**
 * Hostile or broken input: every failure is a located Japanese error (PiaError, exit code 2), never a stack
 * trace; sizes, pages and time are bounded; an existing file is never overwritten.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PdfReader } from '../../src/import/pdf.ts';
import { defaultLimits, importFile, writeDraft } from '../../src/import/run.ts';
import { PiaError } from '../../src/report/errors.ts';
import { loadSample, root, samplePdf } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pia-import-hostile-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const reader = new PdfReader({ timeoutMs: 60_000 });
test.after(() => reader.close());
const sample = loadSample(path.join(root, 'assessments/example-902-tokubetsu-jido-fuyo/assessment.yaml'));
const pdf = samplePdf(sample, { attachment: false });

async function rejectsWith(promise: Promise<unknown>, spec: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof PiaError, String(error));
    assert.equal(error.spec, spec);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /\n\s+at /);
    return true;
  });
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

test('PDF でないバイト列: 場所付きの「PDF を読めません」', async () => {
  await rejectsWith(importFile(write('garbage.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n'), reader), 'ImportPdfUnreadable', /garbage\.pdf.*PDF として読めませんでした/);
  await rejectsWith(importFile(write('empty.pdf', ''), reader), 'ImportPdfUnreadable', /empty\.pdf/);
});

test('途中で切れた PDF: エラーか、読めた部分だけの下書き(スタックトレースは出さない)', async () => {
  const bytes = await pdf;
  const file = write('truncated.pdf', bytes.subarray(0, Math.floor(bytes.length / 3)));
  try {
    const result = await importFile(file, reader);
    assert.ok(result.sections.length > 0);
  } catch (error) {
    assert.ok(error instanceof PiaError, String(error));
    assert.match(error.message, /truncated\.pdf/);
  }
});

test('大きさ・ページ数・時間の上限', async () => {
  const file = write('sample.pdf', await pdf);
  const size = statSync(file).size;
  await rejectsWith(importFile(file, reader, { limits: { ...defaultLimits, maxPdfBytes: 1000 } }), 'ImportTooLarge', new RegExp(`sample\\.pdf は .* MB あり、取り込める大きさ`));
  await rejectsWith(importFile(file, reader, { limits: { ...defaultLimits, maxPages: 2 } }), 'ImportTooManyPages', /sample\.pdf は 7 ページあり、取り込めるページ数\(2\)を超えています/);
  const slow = new PdfReader({ timeoutMs: 1 });
  try {
    await rejectsWith(importFile(file, slow), 'ImportTimeout', /sample\.pdf の読み取りが .* 秒で終わらなかったため、中止しました/);
  } finally {
    await slow.close();
  }
  // The reader still works after a worker was ended.
  assert.equal((await importFile(file, reader)).form.formName, '基礎項目評価書');
  assert.ok(size > 1000);
});

test('評価書でない PDF・テキスト、UTF-8 でないテキスト', async () => {
  await rejectsWith(importFile(write('notes.txt', '会議メモ\n特になし\n'), reader), 'ImportUnknownForm', /notes\.txt の表紙に、様式の見出し\(特定個人情報保護評価書\(基礎項目評価書\)/);
  await rejectsWith(importFile(write('latin1.txt', Buffer.from([0x8a, 0xee, 0x91, 0x62, 0xff])), reader), 'ImportPdfUnreadable', /UTF-8 のテキストではありません/);
});

test('既存のファイルは上書きしない。--force では一度に置き換え、途中のファイルを残さない', () => {
  const target = write('assessment.yaml', 'original: true\n');
  assert.throws(() => writeDraft(target, 'new: true\n', false), (error: unknown) => error instanceof PiaError && error.spec === 'ImportOutputExists');
  assert.equal(readFileSync(target, 'utf8'), 'original: true\n');
  writeDraft(target, 'new: true\n', true);
  assert.equal(readFileSync(target, 'utf8'), 'new: true\n');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.throws(() => writeDraft(path.join(dir, 'missing-folder', 'a.yaml'), 'x', false), (error: unknown) => error instanceof PiaError && error.spec === 'ImportNotWritable');
});
