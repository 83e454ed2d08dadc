/**
 * diff on a 基礎項目評価書: a しきい値 rise is a 再評価 naming the newly required form; every other change is 事後
 * (no ※ on 様式2). The engine's generic rules do this from the form's roles; these tests pin it on the 基礎.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { compareVersions } from '../../src/diff/compare.ts';
import { timingLabels } from '../../src/classify/rule.ts';

const basicText = readFileSync(new URL('../../assessments/koshigaya-48-kodomo-iryohi/koshigaya-48-kodomo-iryohi-basic/assessment.yaml', import.meta.url), 'utf8');

function compare(change: (doc: ReturnType<typeof parseDocument>) => void) {
  const doc = parseDocument(basicText);
  change(doc);
  const result = compareVersions({ file: 'old.yaml', text: basicText }, { file: 'new.yaml', text: doc.toString({ lineWidth: 0 }) }, { today: '2026-12-01' });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.comparison.classified;
}
const verdicts = (classified: ReturnType<typeof compare>) => classified.map((c) => `${c.change.pointer} | ${c.timing ? timingLabels[c.timing] : '未分類'}`);

test('対象人数が10万人以上30万人未満に上がると再評価、重点項目評価書を求める', () => {
  const classified = compare((doc) => doc.setIn(['しきい値判断項目', '対象人数', '評価対象の事務の対象人数は何人か'], '10万人以上30万人未満'));
  assert.deepEqual(verdicts(classified), ['/しきい値判断項目/対象人数/評価対象の事務の対象人数は何人か | 再評価']);
  const hit = classified[0]!.hits.find((h) => h.rule === 'threshold-raised')!;
  assert.match(hit.message, /基礎項目評価書と重点項目評価書による評価を変更前に実施してください/);
});

test('Ⅲ しきい値判断結果が全項目評価に上がると再評価、全項目評価書を求める', () => {
  const classified = compare((doc) => doc.setIn(['しきい値判断結果', 'しきい値判断結果'], '基礎項目評価及び全項目評価の実施が義務付けられる'));
  assert.deepEqual(verdicts(classified), ['/しきい値判断結果/しきい値判断結果 | 再評価']);
  assert.match(classified[0]!.hits.find((h) => h.rule === 'threshold-raised')!.message, /全項目評価書/);
});

test('重大事故「発生あり」で1万人以上10万人未満の事務は重点項目評価に上がる: 再評価', () => {
  const classified = compare((doc) => doc.setIn(['しきい値判断項目', '重大事故', '過去1年以内に、評価実施機関において特定個人情報に関する重大事故が発生したか'], '発生あり'));
  assert.equal(classified[0]!.timing, 'reassess');
  assert.match(classified.flatMap((c) => c.hits.map((h) => h.message)).join('\n'), /重点項目評価書/);
});

test('しきい値の結果が変わらない変更、リスク対策・関連情報の変更はすべて事後(評価書の修正)', () => {
  const classified = compare((doc) => {
    doc.setIn(['しきい値判断項目', '対象人数', '評価対象の事務の対象人数は何人か'], '1,000人以上1万人未満');
    doc.setIn(['関連情報', '特定個人情報ファイルを取り扱う事務', '事務の概要'], '受給資格の認定と医療費の支給を行う。');
    doc.setIn(['関連情報', '評価実施機関における担当部署', '部署'], '子ども家庭部こども支援課');
    doc.setIn(['リスク対策', '監査', '実施の有無', '内部監査'], true);
    doc.setIn(['リスク対策', '特定個人情報ファイルの取扱いの委託', '委託しない'], true);
    doc.setIn(['リスク対策', '従業者に対する教育・啓発', '従業者に対する教育・啓発'], '十分に行っていない');
    doc.setIn(['リスク対策', '最も優先度が高いと考えられる対策', '最も優先度が高いと考えられる対策'], '特定個人情報の漏えい・滅失・毀損リスクへの対策');
    doc.setIn(['関連情報', '規則第9条第2項の適用', '適用した'], true);
  });
  assert.equal(classified.length, 8);
  for (const c of classified) assert.equal(c.timing, 'after', `${c.change.pointer}: ${c.hits.map((h) => h.rule).join(',')}`);
});
