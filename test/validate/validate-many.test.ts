import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateMany } from '../../src/validate/validate-many.ts';
import { validateFile } from '../../src/validate/validate.ts';
import { writeAssessments } from '../site/generate.ts';
import { canonicalJson } from '../../src/model/canonical.ts';

test('多数の評価書を worker thread で検証しても、結果と順序は1件ずつの validateFile と同じ', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-validate-many-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = writeAssessments(dir, 64, { withReference: false });
  writeFileSync(files[10]!, '様式: 重点項目評価書\n表紙: [壊れた表紙]\n');
  const results = await validateMany(files, {}, 2);
  assert.deepEqual(results.map((r) => r.file), files);
  for (const i of [0, 10, 63]) {
    const expected = validateFile(files[i]!);
    assert.equal(results[i]!.renderable, expected.renderable);
    assert.deepEqual(results[i]!.diagnostics, expected.diagnostics);
    assert.deepEqual(results[i]!.data, expected.data);
  }
  assert.equal(results[10]!.renderable, false);
  assert.equal(results[0]!.formName, '重点項目評価書');
});

test('schemaOnly(サイトの読み込み)は内容の規則を省くが、描画できるかどうかと構造の誤りは同じ', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-validate-schema-only-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = writeAssessments(dir, 1);
  writeFileSync(files[1]!, '様式: 重点項目評価書\n表紙: [壊れた表紙]\n');
  const [reference, broken] = await validateMany(files, { schemaOnly: true });
  const full = validateFile(files[0]!);
  assert.ok(full.diagnostics.some((d) => d.rule === 'threshold-consistency'), 'the reference has content findings');
  assert.equal(reference!.renderable, true);
  assert.deepEqual(reference!.diagnostics.map((d) => d.rule).filter((r) => !r.startsWith('schema-')), []);
  assert.deepEqual(reference!.data, full.data);
  assert.deepEqual(broken!.diagnostics, validateFile(files[1]!).diagnostics);
  assert.equal(broken!.renderable, false);
  assert.match(reference!.textSha256 ?? '', /^[0-9a-f]{64}$/);
});

test('canonical を指定すると、worker thread で作った正規化 JSON を data の代わりに返す(サイトの読み込み)', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-validate-canonical-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = writeAssessments(dir, 64, { withReference: true });
  writeFileSync(files[3]!, '様式: 重点項目評価書\n表紙: [壊れた表紙]\n');
  const results = await validateMany(files, { schemaOnly: true, canonical: true }, 2);
  for (const i of [0, 64]) {
    const expected = validateFile(files[i]!);
    assert.deepEqual(results[i]!.canonical, canonicalJson(expected.data!, expected.form!.schema));
    assert.equal(results[i]!.data, undefined);
  }
  assert.equal(results[3]!.renderable, false);
  assert.equal(results[3]!.canonical, undefined);
});
