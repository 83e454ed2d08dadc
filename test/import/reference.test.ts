/**
 * The reference text (a real published 重点項目評価書, extracted from its PDF) imports to the values of the
 * hand-encoded reference assessment: at least 95 % of them, and nothing the text does not say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { importText, draftYaml } from '../../src/import/import.ts';
import { validateText } from '../../src/validate/validate.ts';
import { reference, focusedSchema } from '../helpers.ts';
import { compareAssessments } from './compare.ts';
import { referenceText, referenceTextFile, root } from './helpers.ts';

const result = importText(referenceTextFile, referenceText);

test('参考テキストは重点項目評価書として読まれ、手で書いた参考評価書の値の 95% 以上と一致する', () => {
  assert.equal(result.form.formName, '重点項目評価書');
  const c = compareAssessments(reference(), result.data, focusedSchema);
  const recall = c.equal / c.total;
  console.log(`reference text: ${c.equal} / ${c.total} values equal (${(recall * 100).toFixed(1)} %), misses ${c.misses.length}, invented ${c.invented.length}`);
  for (const m of c.misses) console.log(`  miss ${m.pointer}: ${JSON.stringify(m.source)} ≠ ${JSON.stringify(m.imported)}`);
  assert.ok(recall >= 0.95, `recall ${recall}`);
});

test('参考テキストから取り込んだ値は、どれも参考評価書の値と同じ(書き足していない)', () => {
  const c = compareAssessments(reference(), result.data, focusedSchema);
  assert.deepEqual(c.invented, []);
});

test('下書きは $schema の行で始まり、様式の構造に合い、疑わしい値にはコメントがある', () => {
  const out = `${root}assessments/koshigaya-import/assessment.yaml`;
  const yaml = draftYaml(result, out, root);
  assert.match(yaml.split('\n')[0]!, /^# yaml-language-server: \$schema=\.\.\/\.\.\/schemas\/editor\/focused\.v1\.editor\.schema\.json$/);
  assert.deepEqual(parse(yaml), result.data);
  const validated = validateText(out, yaml, { today: '2026-11-25' });
  assert.equal(validated.renderable, true);
  // 「100人以上500人未満 [ ]」: the selection stands outside its bracket in the extracted text.
  assert.match(yaml, /使用者数: 100人以上500人未満 # 選択が括弧の外に/);
  // 「9. 従業員に対する教育・啓発」 is matched to the form's 「従業者」 with a note.
  assert.match(yaml, /見出し「9\. 従業員に対する教育・啓発」を様式の「9\. 従業者に対する教育・啓発」とみなしました/);
});

test('報告: 部ごとの項目数、状態不明のチェック欄、置き場所のない文字', () => {
  const byName = Object.fromEntries(result.sections.map((s) => [s.section, s]));
  assert.deepEqual({ r: byName['表紙']!.recognised, e: byName['表紙']!.expected }, { r: 6, e: 6 });
  // Ⅰ 1. and 2. are lost in the extracted text (the page is missing), and reported as not found.
  assert.deepEqual(byName['Ⅰ 基本情報']!.missing, ['①事務の名称', '②事務の概要', '③システムの名称', '2. 特定個人情報ファイルを取り扱う事務において使用するシステム']);
  // <input type="checkbox"/> without checked: the state is lost, so 不明 (主な記録項目 16, 入手元 6, 入手方法 4 …).
  assert.ok(result.unknown.includes('/特定個人情報ファイルの概要/0/基本情報/主な記録項目/識別情報/個人番号'));
  assert.ok(result.unknown.includes('/リスク対策/監査/実施の有無/内部監査'));
  assert.ok(!result.unknown.includes('/リスク対策/監査/実施の有無/自己点検'));
  // The misprinted risk title (「事務に必要な情報」 for 「事務に必要のない情報」) is text that fits no item.
  assert.deepEqual(result.unplaced.map((u) => u.text), ['目的を超えた紐付け、事務に必要な情報との紐付けが行われるリスク']);
});
