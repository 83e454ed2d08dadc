/**
 * Issue 11's proof that the engine reads the form's meaning from the form definition: a synthetic form with
 * renamed keys, other band labels, one link and no 提供・移転 section gets the same verdicts as 様式3 from every
 * rule that applies to it, with no change to src/; the rules that do not apply are listed with a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validationRules } from '../../src/validate/rules/catalogue.ts';
import { formRoles, missingRoles } from '../../src/model/roles.ts';
import { ruleApplicability } from '../../src/schema/applicability.ts';
import { assessThreshold } from '../../src/threshold/threshold.ts';
import { diffAssessments } from '../../src/diff/diff.ts';
import { classifyChanges } from '../../src/classify/classify.ts';
import { checkRoleAnnotations } from '../../src/model/roles.ts';
import { focusedSchema, reference } from '../helpers.ts';
import { renameKey, renamePointer, syntheticForm, syntheticSchema, toSynthetic } from './synthetic-form.ts';
import { loadForms } from '../../src/schema/registry.ts';

const today = '2026-11-25';
/** The reference without its 提供・移転 section, in both forms. */
const focusedData = () => {
  const data = reference();
  for (const file of data['特定個人情報ファイルの概要']) delete file['特定個人情報の提供・移転'];
  return data;
};

test('試験用様式は strict な ajv で通り、役割の注釈に誤りがなく、参考評価書を写したデータの構造の指摘は様式3 と同じ', () => {
  assert.deepEqual(checkRoleAnnotations(syntheticSchema), []);
  const focused = loadForms().get('重点項目評価書')!;
  focused.validate(focusedData());
  const expected = (focused.validate.errors ?? [])
    .filter((e) => e.params['missingProperty'] !== '特定個人情報の提供・移転') // the section the synthetic form does not have
    .map((e) => `${e.keyword} ${renamePointer(e.instancePath)} ${renameKey(String(e.params['missingProperty'] ?? ''))}`);
  syntheticForm.validate(toSynthetic(reference()));
  const actual = (syntheticForm.validate.errors ?? []).map((e) => `${e.keyword} ${e.instancePath} ${String(e.params['missingProperty'] ?? '')}`);
  assert.deepEqual(actual, expected);
  assert.ok(expected.every((e) => e.startsWith('required')), 'the reference only lacks items the extraction lost');
});

test('当てはまる検証規則はすべて、様式3 と同じ指摘(同じ messageId・同じ項目・同じ水準)を出す', () => {
  const roles = formRoles(syntheticSchema);
  let compared = 0;
  for (const rule of validationRules) {
    if (missingRoles(rule.meta, roles).length > 0) continue;
    const expected = rule.check({ data: focusedData(), schema: focusedSchema, today }).map((f) => `${f.messageId} ${renamePointer(f.path)} ${f.level ?? ''}`);
    const actual = rule.check({ data: toSynthetic(reference()), schema: syntheticSchema, today }).map((f) => `${f.messageId} ${f.path} ${f.level ?? ''}`);
    // linked-facts: the synthetic form has only the 委託 link, so only 委託 findings are expected.
    const keep = rule.meta.id === 'linked-facts' ? expected.filter((e) => e.includes('委託')) : expected;
    assert.deepEqual(actual, keep, rule.meta.id);
    compared++;
  }
  assert.ok(compared >= 12, `compared ${compared} rules`);
});

test('当てはまらない規則は理由とともに一覧に出る(提供・移転の節がない)', () => {
  const not = ruleApplicability(syntheticForm).filter((r) => !r.applies);
  assert.deepEqual(not.map((r) => [r.id, r.missing.join(',')]), [['provision-consistency', 'provision.providing,provision.none,provision.entries']]);
  assert.ok(not.every((r) => r.reason));
});

test('しきい値判断は、試験用様式の区分の印字(区分C…)からも同じ入力を読む', () => {
  const a = assessThreshold(focusedSchema, focusedData());
  const b = assessThreshold(syntheticSchema, toSynthetic(reference()));
  assert.deepEqual([b.possible, b.inputs.people?.min, b.inputs.people?.max, b.inputs.handlers?.min], [a.possible, a.inputs.people?.min, a.inputs.people?.max, a.inputs.handlers?.min]);
});

test('変更の分類も同じ: 保管場所の変更は事前、委託の開始は事前、しきい値の上昇は再評価', () => {
  const edit = (data: Record<string, any>) => {
    const file = data['特定個人情報ファイルの概要'][0];
    file['特定個人情報の保管・消去']['保管場所'] = '民間事業者のクラウドサービス上に保管する。';
    file['基本情報']['対象となる本人の数'] = '100万人以上1,000万人未満';
    file['特定個人情報の入手・使用']['使用の主体']['使用者数'] = '50人以上100人未満';
    return data;
  };
  const verdicts = (root: typeof focusedSchema, oldData: Record<string, unknown>, newData: Record<string, unknown>, map: (p: string) => string) =>
    classifyChanges(diffAssessments(root, oldData, newData), { root, oldData, newData, renames: [] }).map((c) => `${map(c.change.pointer)} ${c.timing} ${c.hits.map((h) => h.rule).sort().join(',')}`);
  const expected = verdicts(focusedSchema, focusedData(), edit(focusedData()), renamePointer);
  const actual = verdicts(syntheticSchema, toSynthetic(reference()), toSynthetic(edit(reference())), (p) => p);
  assert.deepEqual(actual, expected);
  assert.ok(expected.some((v) => v.includes('reassess')), 'the band rise to 100万人以上 needs a 全項目評価: 再評価');
});
