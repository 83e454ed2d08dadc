/**
 * A PDF made by pia carries its canonical JSON: the import takes that, exactly, and says so; a tampered
 * attachment (its SHA-256 not the one the PDF declares) is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCanonical } from '../../src/model/canonical.ts';
import { PdfReader } from '../../src/import/pdf.ts';
import { importPdfText, importAttachment, piaAttachment } from '../../src/import/import.ts';
import { readPdfText } from '../../src/import/pdf-text.ts';
import { PiaError } from '../../src/report/errors.ts';
import { importFile } from '../../src/import/run.ts';
import { loadSample, root, samplePdf } from './helpers.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const sample = loadSample(path.join(root, 'assessments/example-901-yobo-sesshu/assessment.yaml'));
const dir = mkdtempSync(path.join(tmpdir(), 'pia-import-attach-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const reader = new PdfReader({ timeoutMs: 60_000 });
test.after(() => reader.close());

test('pia の PDF は添付の正規形 JSON からそのまま取り込み、そう報告する', async () => {
  const file = path.join(dir, 'with-attachment.pdf');
  writeFileSync(file, await samplePdf(sample, { attachment: true }));
  const result = await importFile(file, reader);
  assert.equal(result.source, 'attachment');
  assert.equal(result.attachment?.name, 'example-901-yobo-sesshu.json');
  assert.equal(result.attachment?.declared, result.attachment?.sha256);
  assert.deepEqual(result.data, toCanonical(sample.data, sample.schema));
});

test('--ignore-attachment: 添付があっても印字された文字から読む', async () => {
  const file = path.join(dir, 'with-attachment.pdf');
  const result = await importFile(file, reader, { ignoreAttachment: true });
  assert.equal(result.source, 'pdf');
  assert.equal(result.form.formName, '基礎項目評価書');
});

test('添付の SHA-256 が PDF の記載と違えば取り込まない(改ざん)', async () => {
  const bytes = Buffer.from(await samplePdf(sample, { attachment: true }));
  const text = bytes.toString('latin1');
  const declared = /sha256:([0-9a-f]{64})/.exec(text)![1]!;
  const other = (declared[0] === '0' ? '1' : '0') + declared.slice(1);
  const tampered = Buffer.from(text.split(`sha256:${declared}`).join(`sha256:${other}`), 'latin1');
  const file = path.join(dir, 'tampered.pdf');
  writeFileSync(file, tampered);
  await assert.rejects(importFile(file, reader), (error: unknown) => {
    assert.ok(error instanceof PiaError);
    assert.equal(error.spec, 'ImportBadAttachment');
    assert.match(error.message, /tampered\.pdf: 添付の SHA-256 .* PDF に記された値 .* と一致しません/);
    return true;
  });
});

test('添付が評価書の JSON でなければ、その旨のエラー', async () => {
  const text = await readPdfText(await samplePdf(sample, { attachment: true }), { maxPages: 50, deadline: Date.now() + 60_000, maxAttachmentBytes: 1e7 });
  assert.ok(piaAttachment(text));
  assert.throws(() => importAttachment('x.pdf', { name: 'x.json', bytes: new TextEncoder().encode('{"様式": "ない様式"}') }, undefined), /の定義が schemas\/ にありません/);
  assert.throws(() => importAttachment('x.pdf', { name: 'x.json', bytes: new TextEncoder().encode('not json') }, undefined), /JSON として読めません/);
  // The text path still works on the same PDF.
  assert.equal(importPdfText('x.pdf', text).form.formName, '基礎項目評価書');
});

test('表紙の様式の版の表記は、PDF の描画と同じ規則で様式の定義から作る', async () => {
  const { formTag } = await import('../../src/render/pdf/doc-definition.ts');
  const { formSchemas, formTagOf } = await import('../../src/import/forms.ts');
  for (const form of formSchemas()) assert.equal(formTagOf(form.schema), formTag(form.schema));
});
