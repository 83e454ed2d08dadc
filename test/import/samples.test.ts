/**
 * Every sample assessment on main (all forms) → the project's PDF → the same PDF without its attached JSON →
 * import from the printed text: per-item recall ≥ 98 % and no invented value, for each file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readPdfText } from '../../src/import/pdf-text.ts';
import { importPdfText, piaAttachment } from '../../src/import/import.ts';
import { compareAssessments } from './compare.ts';
import { loadSample, root, sampleFiles, samplePdf } from './helpers.ts';

const limits = { maxPages: 500, deadline: Date.now() + 600_000, maxAttachmentBytes: 32 * 1024 * 1024 };
const forms = new Set<string>();

for (const file of sampleFiles()) {
  test(`${path.relative(root, file)}: PDF(添付なし)から取り込むと、値の 98% 以上が一致し、書き足しはない`, async () => {
    const sample = loadSample(file);
    const bytes = await samplePdf(sample, { attachment: false });
    const text = await readPdfText(bytes, { ...limits, deadline: Date.now() + 120_000 });
    assert.equal(piaAttachment(text), undefined, 'the attachment is removed');
    const result = importPdfText(file, text);
    assert.equal(result.form.formName, sample.data['様式']);
    forms.add(result.form.formName);
    const c = compareAssessments(sample.data, result.data, sample.schema);
    console.log(`${path.relative(root, file)}: ${result.form.formName} ${text.pages} pages, ${c.equal} / ${c.total} values (${((100 * c.equal) / c.total).toFixed(1)} %), invented ${c.invented.length}`);
    for (const m of c.misses) console.log(`  miss ${m.pointer}: ${JSON.stringify(m.source)} ≠ ${JSON.stringify(m.imported)}`);
    assert.ok(c.equal / c.total >= 0.98, `recall ${c.equal}/${c.total}`);
    assert.deepEqual(c.invented, []);
  });
}

test('見本はすべての様式(様式2・3・4)を含む', () => {
  assert.deepEqual([...forms].sort(), ['全項目評価書', '基礎項目評価書', '重点項目評価書']);
});
