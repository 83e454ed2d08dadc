/** 事前・事後 of 全項目評価書 (様式4) changes: the ※ set comes from the 様式4 schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions } from '../../src/diff/compare.ts';
import { fullSampleText } from '../full-helpers.ts';

const verdicts = (text: string) => {
  assert.notEqual(text, fullSampleText, 'the edit must change the sample');
  const result = compareVersions({ file: 'old.yaml', text: fullSampleText }, { file: 'new.yaml', text }, { today: '2026-11-25' });
  assert.ok(result.ok);
  return result.comparison.classified.map((c) => ({ pointer: c.change.pointer, kind: c.change.kind, timing: c.timing }));
};
const risk = '/特定個人情報ファイルの取扱いプロセスにおけるリスク対策/0';

test('Ⅰ1②事務の内容(※)の変更は事前', () => {
  assert.deepEqual(verdicts(fullSampleText.replace('⑦庁内の他の事務への住民基本台帳情報の移転', '⑦庁内の他の事務及び一部事務組合への住民基本台帳情報の移転')), [
    { pointer: '/基本情報/特定個人情報ファイルを取り扱う事務/事務の内容', kind: 'changed', timing: 'before' },
  ]);
});

test('Ⅲ(※)のリスク対策の変更は事前', () => {
  assert.deepEqual(verdicts(fullSampleText.replace('生体認証(静脈認証)とパスワードによる二要素認証とし', 'パスワードによる認証とし')), [
    { pointer: `${risk}/特定個人情報の使用/リスク2/具体的な管理方法`, kind: 'changed', timing: 'before' },
  ]);
});

test('Ⅲ7 リスク1⑨ 過去3年以内の重大事故 は※の対象外で事後', () => {
  const text = fullSampleText.replace('        過去3年以内の重大事故: 発生なし\n        その内容: null', '        過去3年以内の重大事故: 発生あり\n        その内容: 令和8年5月、住民票の写しの誤交付(1件)が発生した。');
  const result = verdicts(text).filter((v) => v.pointer.startsWith(`${risk}/`));
  assert.deepEqual(result, [
    { pointer: `${risk}/特定個人情報の保管・消去/リスク1/過去3年以内の重大事故`, kind: 'changed', timing: 'after' },
    { pointer: `${risk}/特定個人情報の保管・消去/リスク1/その内容`, kind: 'added', timing: 'after' },
  ]);
});

test('Ⅳ その他のリスク対策(※)の変更は事前', () => {
  assert.deepEqual(verdicts(fullSampleText.replace('    従業者に対する教育・啓発: 十分に行っている', '    従業者に対する教育・啓発: 十分に行っていない')), [
    { pointer: '/その他のリスク対策/従業者に対する教育・啓発/従業者に対する教育・啓発', kind: 'changed', timing: 'before' },
  ]);
});

test('Ⅴ 開示請求(※なし)の変更は事後', () => {
  assert.deepEqual(verdicts(fullSampleText.replace('白黒1枚10円', '白黒1枚20円')), [
    { pointer: '/開示請求、問合せ/特定個人情報の開示・訂正・利用停止請求/手数料額、納付方法', kind: 'changed', timing: 'after' },
  ]);
});

test('委託事項の追加は、※の項目(対象となる本人の範囲・再委託の有無)を含むため事前', () => {
  const entry = `        - ID: tsuchi-insatsu
          名称: 個人番号通知書等の印刷・封入封緘業務
          委託内容: 個人番号通知書の印刷、封入封緘及び郵便局への差出し
          取扱いを委託する特定個人情報ファイルの範囲: 特定個人情報ファイルの部分
          対象となる本人の数: 1万人未満
          対象となる本人の範囲: 出生等により新たに個人番号が指定された者
          その妥当性: 通知書を短期間に大量に作成するため。
          委託先における取扱者数: 10人未満
          委託先への特定個人情報ファイルの提供方法:
            電子記録媒体(フラッシュメモリを除く。): true
          委託先名の確認方法: 契約情報の公表
          委託先名: 青葉川印刷株式会社
          再委託の有無: 再委託しない
    特定個人情報の提供・移転:`;
  const text = fullSampleText.replace('          再委託事項: null\n    特定個人情報の提供・移転:', `          再委託事項: null\n${entry}`);
  assert.deepEqual(verdicts(text), [{ pointer: '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/2', kind: 'added', timing: 'before' }]);
});

test('システムと提供先の追加は、様式4 の※の表(未検証)では※の項目がなく事後(リスクが上がる変更として理由に示す)', () => {
  const system = `    - ID: konbini-kofu
      システムの名称: コンビニ交付システム
      システムの機能: 住民票の写し等のコンビニエンスストア等における交付
      他のシステムとの接続:
        既存住民基本台帳システム: true

  特定個人情報ファイル名: |-`;
  const withSystem = fullSampleText.replace('\n  特定個人情報ファイル名: |-', `\n${system}`);
  assert.deepEqual(verdicts(withSystem), [{ pointer: '/基本情報/特定個人情報ファイルを取り扱う事務において使用するシステム/4', kind: 'added', timing: 'after' }]);
  const result = compareVersions({ file: 'old.yaml', text: fullSampleText }, { file: 'new.yaml', text: withSystem }, { today: '2026-11-25' });
  assert.ok(result.ok && result.comparison.classified[0]!.hits.some((h) => h.rule === 'risk-raised'));
  const provision = `      提供先:
        - ID: zeimusho
          名称: 税務署長
          法令上の根拠: 番号法第19条第10号
          提供先における用途: 国税の調査
          提供する情報: 4情報、個人番号
          提供する情報の対象となる本人の数: 1万人未満
          提供する情報の対象となる本人の範囲: 税務署長から照会のあった者
          提供方法:
            紙: true
          時期・頻度: 照会の都度
`;
  const withProvision = fullSampleText.replace('      提供先:\n', provision);
  assert.deepEqual(verdicts(withProvision), [{ pointer: '/特定個人情報ファイルの概要/0/特定個人情報の提供・移転/提供先/0', kind: 'added', timing: 'after' }]);
});
