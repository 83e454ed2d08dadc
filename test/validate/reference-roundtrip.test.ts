/**
 * Round trip: every value printed in the reference text (test/fixtures/reference/) is in the
 * YAML. Method: remove every YAML value, verbatim, from the reference text; then remove the form's own wording
 * (labels, choices, numbering) taken from the schema; what is left must be layout only. The few leftovers that are
 * printed labels differing from the form are listed below with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { focusedSchema, reference } from '../helpers.ts';
import { stringLeaves } from '../../src/model/access.ts';
import type { JsonSchema } from '../../src/schema/registry.ts';

// A copy of shared/reference/koshigaya-48-kodomo-iryohi.txt (the published PDF extracted to text), kept in the
// repository so that the test never depends on a folder outside the checkout.
const sourceFile = fileURLToPath(new URL('../fixtures/reference/koshigaya-48-kodomo-iryohi.txt', import.meta.url));

/** Printed words that are not values and not in the schema, each with the reason. */
const layoutOnly: Record<string, string> = {
  特定個人情報保護評価書: 'cover heading of every 評価書',
  項目一覧: 'the 項目一覧 page lists the section titles',
  '従業員に対する教育・啓発': 'the reference prints 「従業員」 where the form says 「従業者」 (noted in the YAML comment)',
  '目的を超えた紐付け、事務に必要な情報との紐付けが行われるリスク': 'the reference prints the risk title without 「のない」 (the form: 事務に必要のない情報)',
  を除く: 'part of the Ⅲ heading 「※(7. ②を除く。)」',
};

function collapse(text: string): string {
  return text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

function formWording(schema: JsonSchema, out: Set<string>, seen = new Set<JsonSchema>()): Set<string> {
  if (seen.has(schema)) return out;
  seen.add(schema);
  for (const key of ['title', 'x-item', 'x-group'] as const) if (typeof schema[key] === 'string') out.add(schema[key] as string);
  if (schema['x-repeat']) out.add(schema['x-repeat'].replace('{n}', ''));
  for (const v of schema.enum ?? []) if (typeof v === 'string') out.add(v);
  for (const child of Object.values(schema.properties ?? {})) formWording(child, out, seen);
  for (const [name, child] of Object.entries(schema.$defs ?? {})) {
    out.add(name);
    formWording(child, out, seen);
  }
  if (schema.items) formWording(schema.items, out, seen);
  for (const title of [...out]) for (const part of title.split(/[:：(（)）]/)) if (part.trim().length > 1) out.add(part.trim());
  return out;
}

test('参考テキストに印字された値はすべて YAML にある', () => {
  // Values and the form's wording are removed together, longest first, so that a short value (記号) does not
  // break a longer label apart. Compared after NFKC: the exact-text check is the next test.
  let residue = collapse(readFileSync(sourceFile, 'utf8')).normalize('NFKC');
  const values = [...stringLeaves(reference())].map((l) => collapse(l.text)).filter((v) => v.length > 0);
  values.push(String(reference()['表紙']['評価書番号']));
  const words = [...values, ...formWording(focusedSchema, new Set()), ...Object.keys(layoutOnly)].map((w) => w.normalize('NFKC'));
  for (const word of [...new Set(words)].sort((a, b) => b.length - a.length)) residue = residue.split(word).join(' ');
  const leftovers = [...residue.matchAll(/[一-龯ぁ-んァ-ヴー々]{2,}/g)].map((m) => m[0]);
  assert.deepEqual(leftovers, []);
});

test('参考評価書の YAML の値はすべて参考テキストに由来する(書き足していない)', () => {
  const source = collapse(readFileSync(sourceFile, 'utf8'));
  const invented = [...stringLeaves(reference())]
    .filter((l) => !l.path.endsWith('/ID') && !l.path.startsWith('/様式') && l.text !== '不明')
    .filter((l) => !source.includes(collapse(l.text)));
  assert.deepEqual(invented.map((l) => l.path), []);
});
