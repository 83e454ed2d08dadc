import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { compareVersions } from './compare.ts';
import { reshapeForForm } from './cross-form.ts';
import { focusedSchema, reference } from '../../test/helpers.ts';
import { fullSample, fullSchema } from '../../test/full-helpers.ts';

/**
 * The same 事務 twice: the 重点 reference as it was, and a 全項目評価書 of it after a しきい値 rise, made from the
 * 全項目 sample with the reference's 事務, file ID and a few of its texts (so that those items exist in both).
 */
function oldFocused(): Record<string, any> {
  const old = reference();
  // The reference lost Ⅰ1 in extraction; the 重点 version of this test has it.
  old['基本情報']['特定個人情報ファイルを取り扱う事務'] = { 事務の名称: 'こども医療費の支給に関する事務', 事務の概要: 'こども医療費の認定及び支給に関する事務', システムの名称: '福祉総合システム' };
  return old;
}

function sameOfficeFull(): Record<string, any> {
  const old = oldFocused();
  const next = fullSample();
  next['基本情報']['特定個人情報ファイルを取り扱う事務']['事務の名称'] = 'こども医療費の支給に関する事務';
  next['基本情報']['特定個人情報ファイル名'] = old['基本情報']['特定個人情報ファイル名'];
  next['基本情報']['個人番号の利用'] = old['基本情報']['個人番号の利用'];
  next['基本情報']['評価実施機関における担当部署'] = old['基本情報']['評価実施機関における担当部署'];
  const id = old['特定個人情報ファイルの概要'][0]['ID'];
  next['特定個人情報ファイルの概要'] = [next['特定個人情報ファイルの概要'][0]];
  next['特定個人情報ファイルの概要'][0]['ID'] = id;
  next['特定個人情報ファイルの概要'][0]['特定個人情報ファイル名'] = old['特定個人情報ファイルの概要'][0]['特定個人情報ファイル名'];
  next['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用目的'] = old['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用目的'];
  next['特定個人情報ファイル記録項目'] = [{ ...next['特定個人情報ファイル記録項目'][0], ID: id }];
  next['特定個人情報ファイルの取扱いプロセスにおけるリスク対策'] = [{ ...next['特定個人情報ファイルの取扱いプロセスにおけるリスク対策'][0], ID: id }];
  next['評価実施手続']['国民・住民等からの意見の聴取']['実施日・期間'] = '令和8年6月1日から令和8年6月30日まで(30日間)';
  next['評価実施手続']['第三者点検']['実施日'] = '令和8年8月20日';
  next['表紙']['公表日'] = '令和8年9月1日';
  next['変更箇所'] = [];
  return next;
}

test('重点の記載は役割で全項目の場所に移る(事務の概要 → 事務の内容、Ⅲ の配列、しきい値判断結果の選択肢)', () => {
  const { data, moved, dropped } = reshapeForForm(focusedSchema, reference(), fullSchema);
  assert.equal(data['様式'], '全項目評価書');
  assert.ok(moved.some((m) => m.role === 'risk.files' && m.from === '/リスク対策/特定個人情報ファイル' && m.to === '/特定個人情報ファイルの取扱いプロセスにおけるリスク対策'));
  assert.equal((data as any)['評価実施手続']['基礎項目評価']['しきい値判断結果'], '基礎項目評価の実施が義務付けられる(任意全項目評価)');
  assert.ok(Array.isArray((data as any)['特定個人情報ファイルの取扱いプロセスにおけるリスク対策']));
  // 重点 Ⅲ8 監査・Ⅲ9 教育 have no role: 様式4 puts them in Ⅳ, so they are not compared.
  assert.deepEqual(dropped, ['リスク対策']);
});

test('重点 → 全項目: 両方にある項目は比べ、同じ記載は変更にならず、全項目だけの項目は追加、しきい値判断結果は再評価', () => {
  const result = compareVersions({ file: 'old.yaml', text: stringify(oldFocused()) }, { file: 'new.yaml', text: stringify(sameOfficeFull()) }, { today: '2026-11-25' });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.diagnostics.slice(0, 2)));
  const { classified, problems } = result.comparison;
  const at = (pointer: string) => classified.filter((c) => c.change.pointer === pointer);
  const file = '/特定個人情報ファイルの概要/0';
  // In both, unchanged: no change.
  assert.deepEqual(at('/基本情報/個人番号の利用/法令上の根拠'), []);
  assert.deepEqual(at(`${file}/特定個人情報の入手・使用/使用目的`), []);
  // In both, different: a compared change (the 全項目 sample's 保管場所 differs from the reference's).
  assert.equal(at(`${file}/特定個人情報の保管・消去/保管場所`)[0]?.change.kind, 'changed');
  // Only on 様式4: listed as added.
  assert.equal(at(`${file}/特定個人情報の入手・使用/入手の時期・頻度`)[0]?.change.kind, 'added');
  assert.equal(at('/その他のリスク対策/監査/自己点検')[0]?.change.kind, 'added');
  assert.equal(at('/基本情報/特定個人情報ファイルを取り扱う事務/対象人数')[0]?.change.kind, 'added');
  // Moved by role (Ⅰ1② 事務の概要 → 事務の内容 ※) and compared there; the name is the same, so no change.
  assert.equal(at('/基本情報/特定個人情報ファイルを取り扱う事務/事務の内容')[0]?.change.kind, 'changed');
  assert.equal(at('/基本情報/特定個人情報ファイルを取り扱う事務/事務の内容')[0]?.change.before, 'こども医療費の認定及び支給に関する事務');
  assert.deepEqual(at('/基本情報/特定個人情報ファイルを取り扱う事務/事務の名称'), []);
  // The rise of the しきい値判断結果 is a 再評価.
  const result2 = at('/評価実施手続/基礎項目評価/しきい値判断結果')[0];
  assert.equal(result2?.timing, 'reassess');
  assert.ok(result2?.hits.some((h) => h.rule === 'threshold-raised'));
  // One note that the form changed; no 変更箇所 row is asked for each item of the new assessment.
  assert.deepEqual(problems.map((p) => p.rule).sort(), ['form-changed']);
});

test('重点 → 全項目で、全項目の意見聴取が前の版の公表日より前なら、新しい意見聴取を求める', () => {
  const next = sameOfficeFull();
  next['評価実施手続']['国民・住民等からの意見の聴取']['実施日・期間'] = '令和7年11月4日から令和7年12月3日まで(30日間)';
  next['評価実施手続']['第三者点検']['実施日'] = '令和8年1月20日';
  const result = compareVersions({ file: 'old.yaml', text: stringify(oldFocused()) }, { file: 'new.yaml', text: stringify(next) }, { today: '2026-11-25' });
  assert.ok(result.ok);
  assert.deepEqual(result.comparison.problems.filter((p) => p.rule === 'pre-change-procedure').map((p) => p.path), ['/評価実施手続/国民・住民等からの意見の聴取/実施日・期間', '/評価実施手続/第三者点検/実施日']);
});
