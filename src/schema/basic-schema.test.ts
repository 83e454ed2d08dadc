import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync } from 'node:fs';
import { loadForms, type JsonSchema } from './registry.ts';
import { validateFile } from '../validate/validate.ts';

const form = loadForms().get('基礎項目評価書')!;

/** Every property schema of the form with its JSON Pointer-like path (into $defs once, through $ref). */
function items(schema: JsonSchema, path: string, out: { path: string; schema: JsonSchema }[] = []) {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    out.push({ path: `${path}/${key}`, schema: child });
    items(child, `${path}/${key}`, out);
    if (child.items) items(child.items, `${path}/${key}/*`, out);
  }
  return out;
}
const all = items(form.schema, '');
const deref = (s: JsonSchema): JsonSchema => (s.$ref ? { ...form.schema.$defs![s.$ref.replace('#/$defs/', '')]!, ...s } : s);

test('基礎項目評価書の各項目に印字名(title)と記載の手引き(description)がある', () => {
  for (const { path, schema } of all) {
    if (['$schema', 'ID'].some((k) => path.endsWith(`/${k}`)) || path.startsWith('/検証の例外/')) continue;
    assert.ok(deref(schema).title, `${path} has no title`);
    assert.ok(deref(schema).description, `${path} has no description`);
  }
});

test('基礎項目評価書に ※(重要な変更の対象)の項目はない', () => {
  assert.equal(JSON.stringify(form.schema).includes('x-significant-change'), false);
});

test('区分(x-bands)と正規の値(x-role-values)は選択肢にあり、区分は重ならず隙間がない', () => {
  for (const { path, schema } of all) {
    const s = deref(schema);
    for (const key of ['x-bands', 'x-role-values'] as const) {
      const map = s[key] as Record<string, unknown> | undefined;
      if (!map) continue;
      for (const choice of Object.keys(map)) assert.ok(s.enum?.includes(choice), `${path}: ${key} ${choice} is not a choice`);
    }
    const bands = s['x-bands'] as Record<string, [number, number | null]> | undefined;
    if (!bands) continue;
    const sorted = Object.values(bands).sort((a, b) => a[0] - b[0]);
    assert.equal(sorted[0]![0], 0, path);
    for (let i = 1; i < sorted.length; i++) assert.equal(sorted[i]![0], sorted[i - 1]![1]! + 1, `${path}: gap or overlap`);
    assert.equal(sorted.at(-1)![1], null, path);
  }
});

test('しきい値判断に使う役割がそれぞれ1つの項目にある', () => {
  for (const role of ['people.office.band', 'handlers.office.band', 'incident.threshold', 'threshold.result', 'threshold.assessed-on', 'cover.number', 'cover.published-on']) {
    assert.equal(all.filter(({ schema }) => schema['x-role'] === role).length, 1, role);
  }
});

test('見本の基礎項目評価書はすべて誤りなく検証される', () => {
  const files = globSync('assessments/**/assessment.yaml').filter((f) => validateFile(f).form?.formName === '基礎項目評価書');
  assert.ok(files.length >= 3);
  for (const file of files) {
    const result = validateFile(file, { today: '2026-12-01' });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), [], file);
  }
});
