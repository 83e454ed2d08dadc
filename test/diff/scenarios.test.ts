/**
 * Scenario tests on the reference assessment (越谷市 評価書番号48): each realistic edit gets the class a
 * PPC-literate reviewer would give, for the stated reasons (exact rule IDs per change).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { YAMLSeq } from 'yaml';
import { compare, edit, referenceText, verdicts } from './scenario-helpers.ts';
import { compareVersions } from '../../src/diff/compare.ts';

const file = ['特定個人情報ファイルの概要', 0] as const;
const ii = '/特定個人情報ファイルの概要/0';

test('再委託する委託事項の追加は事前(※を含む記載の追加、リスクが上がる)、委託件数の記入は事後', () => {
  const text = edit((doc) => {
    doc.setIn([...file, '特定個人情報ファイルの取扱いの委託', '委託件数'], 2);
    (doc.getIn([...file, '特定個人情報ファイルの取扱いの委託', '委託事項']) as YAMLSeq).add(doc.createNode({
      ID: 'tsuchi-insatsu', 名称: '通知書等の印刷・封入封緘', 委託内容: '受給者証・通知書の印刷、封入封緘業務', 委託先における取扱者数: '10人未満',
      委託先名: '株式会社サンプル印刷', 再委託の有無: '再委託する', 再委託の許諾方法: '書面による事前承認', 再委託事項: '封入封緘作業',
    }));
  });
  const comparison = compare(text);
  assert.deepEqual(verdicts(comparison), [
    `added ${ii}/特定個人情報ファイルの取扱いの委託/委託件数 | 事後 | non-significant-item`,
    `added ${ii}/特定個人情報ファイルの取扱いの委託/委託事項/1 | 事前 | risk-raised,significant-item-changed`,
  ]);
  assert.equal(comparison.classified[1]!.change.item, 'Ⅱ 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託 委託事項2「通知書等の印刷・封入封緘」');
  assert.deepEqual(comparison.problems.map((p) => `${p.rule} ${p.line}`), ['pre-change-not-recorded 110']);
});

test('保管場所を別のクラウドに変えるのは※の記載の変更で事前(人の判断が要る旨を述べる)', () => {
  const text = edit((doc) => {
    const path = [...file, '特定個人情報の保管・消去', '保管場所'];
    doc.setIn(path, String(doc.getIn(path)).replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', '民間事業者が提供するクラウドサービス(ガバメントクラウド)上に構築したサーバー内に保管する。'));
  });
  const comparison = compare(text);
  assert.deepEqual(verdicts(comparison), [`changed ${ii}/特定個人情報の保管・消去/保管場所 | 事前 | significant-item-changed`]);
  assert.equal(comparison.classified[0]!.hits[0]!.messageId, 'text');
  assert.match(comparison.classified[0]!.hits[0]!.message, /人が判断する必要がある/);
});

test('※の記載の誤字の訂正(リテラシ→リテラシー)は事後、重要な変更の判定は緩和される', () => {
  const text = edit((doc) => {
    doc.setIn(['リスク対策', 'その他のリスク対策'], String(doc.getIn(['リスク対策', 'その他のリスク対策'])).replace('ITリテラシの', 'ITリテラシーの'));
  });
  const [classified] = compare(text).classified;
  assert.equal(classified!.timing, 'after');
  assert.deepEqual(classified!.hits.map((h) => h.rule), ['typo-fix']);
  assert.deepEqual(classified!.relaxed.map((h) => `${h.rule}←${h.relaxedBy}`), ['significant-item-changed←typo-fix']);
});

test('子ども家庭部子ども福祉課の名称変更(名称変更表どおり)は、現れるすべての項目で事後', () => {
  const text = referenceText.replaceAll('子ども家庭部子ども福祉課', 'こども家庭部こども福祉課');
  const comparison = compare(text, [{ before: '子ども家庭部子ども福祉課', after: 'こども家庭部こども福祉課' }]);
  assert.deepEqual(verdicts(comparison), [
    'changed /基本情報/評価実施機関における担当部署/部署 | 事後 | non-significant-item,organisation-renamed',
    `changed ${ii}/基本情報/事務担当部署 | 事後 | non-significant-item,organisation-renamed`,
    `changed ${ii}/特定個人情報の入手・使用/使用の主体/使用部署 | 事後 | non-significant-item,organisation-renamed`,
    'changed /開示請求、問合せ/特定個人情報ファイルの取扱いに関する問合せ/連絡先 | 事後 | non-significant-item,organisation-renamed',
  ]);
  assert.deepEqual(comparison.problems, []);
});

test('名称変更表にない名称の変更が※の記載にあれば、名称変更とは判定せず事前', () => {
  const text = edit((doc) => {
    const path = [...file, '特定個人情報の入手・使用', '入手元', '評価実施機関内の他部署', '内容'];
    doc.setIn(path, '福祉部生活福祉課 健康づくり推進部国保年金課');
  });
  const comparison = compare(text, [{ before: '子ども家庭部子ども福祉課', after: 'こども家庭部こども福祉課' }]);
  assert.deepEqual(verdicts(comparison), [`changed ${ii}/特定個人情報の入手・使用/入手元/評価実施機関内の他部署 | 事前 | significant-item-changed`]);
  const renamed = compare(text, [{ before: '保健医療部国保年金課', after: '健康づくり推進部国保年金課' }]);
  assert.deepEqual(verdicts(renamed), [`changed ${ii}/特定個人情報の入手・使用/入手元/評価実施機関内の他部署 | 事後 | organisation-renamed`]);
});

test('別添1の記録項目の削除は事後(※のない項目、リスクが下がる)', () => {
  const text = edit((doc) => {
    (doc.getIn(['特定個人情報ファイル記録項目', 0, '記録項目', 0, '項目']) as YAMLSeq).delete(4); // 職権フラグ
  });
  const comparison = compare(text);
  assert.deepEqual(verdicts(comparison), ['removed /特定個人情報ファイル記録項目/0/記録項目/0/項目/4 | 事後 | non-significant-item,risk-lowered']);
  assert.equal(comparison.classified[0]!.change.before, '職権フラグ');
  assert.equal(comparison.classified[0]!.change.side, 'old');
});

test('使用者数の区分が500人以上に上がると取扱者数のしきい値を超え再評価、下がるだけなら事後', () => {
  const users = [...file, '特定個人情報の入手・使用', '使用の主体', '使用者数'];
  const up = compare(edit((doc) => doc.setIn(users, '500人以上1,000人未満')));
  assert.deepEqual(verdicts(up), [`changed ${ii}/特定個人情報の入手・使用/使用の主体/使用者数 | 再評価 | handler-threshold-crossed,non-significant-item,risk-raised`]);
  const down = compare(edit((doc) => doc.setIn(users, '50人以上100人未満')));
  assert.deepEqual(verdicts(down), [`changed ${ii}/特定個人情報の入手・使用/使用の主体/使用者数 | 事後 | non-significant-item,risk-lowered`]);
});

test('所属長の役職名の変更は※のない項目で事後', () => {
  const comparison = compare(edit((doc) => doc.setIn(['基本情報', '評価実施機関における担当部署', '所属長の役職名'], 'こども福祉課長')));
  assert.deepEqual(verdicts(comparison), ['changed /基本情報/評価実施機関における担当部署/所属長の役職名 | 事後 | non-significant-item']);
});

test('記録項目グループの並べ替えは削除と追加ではなく移動1件(事後)', () => {
  const comparison = compare(edit((doc) => {
    const groups = doc.getIn(['特定個人情報ファイル記録項目', 0, '記録項目']) as YAMLSeq;
    groups.items.push(groups.items.shift()!);
  }));
  assert.deepEqual(verdicts(comparison), ['moved /特定個人情報ファイル記録項目/0/記録項目/11 | 事後 | entry-moved']);
  assert.equal(comparison.classified[0]!.change.oldPointer, '/特定個人情報ファイル記録項目/0/記録項目/0');
});

test('委託事項を並べ替えて内容も変えると、移動と内容の変更が別々に分類される', () => {
  const base = edit((doc) => {
    (doc.getIn([...file, '特定個人情報ファイルの取扱いの委託', '委託事項']) as YAMLSeq).add(doc.createNode({ ID: 'b', 名称: 'B', 委託内容: 'x', 委託先における取扱者数: '10人未満', 委託先名: 'B社', 再委託の有無: '再委託しない' }));
  });
  const moved = edit((doc) => {
    const entries = doc.getIn([...file, '特定個人情報ファイルの取扱いの委託', '委託事項']) as YAMLSeq;
    entries.items.reverse();
    doc.setIn([...file, '特定個人情報ファイルの取扱いの委託', '委託事項', 0, '再委託の有無'], '再委託する');
  }, base);
  // Of two swapped blocks one counts as moved (the other keeps its relative order); B got 再委託する.
  const result = compareVersions({ file: 'base.yaml', text: base }, { file: 'moved.yaml', text: moved }, { today: '2026-11-25' });
  assert.ok(result.ok);
  assert.deepEqual(verdicts(result.comparison), [
    `changed ${ii}/特定個人情報ファイルの取扱いの委託/委託事項/0/再委託の有無 | 事前 | risk-raised,significant-item-changed`,
    `moved ${ii}/特定個人情報ファイルの取扱いの委託/委託事項/1 | 事後 | entry-moved`,
  ]);
  assert.equal(result.comparison.classified[0]!.change.item, 'Ⅱ 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託 委託事項1 再委託 ④再委託の有無');
});

test('変更のない版どうしの比較は変更なし', () => {
  const comparison = compare(referenceText);
  assert.deepEqual(comparison.classified, []);
  assert.deepEqual(comparison.problems, []);
});
