import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publicView, resolvePointer, withholdParts, withheldMark } from './withhold.ts';
import { focusedSchema, reference } from '../../test/helpers.ts';

test('ポインタは繰り返す記載を ID でも番号でも指せる', () => {
  const data = reference();
  assert.deepEqual(resolvePointer(data, '/特定個人情報ファイルの概要/kodomo-iryohi-jukyu-shikaku/特定個人情報ファイル名'), ['特定個人情報ファイルの概要', 0, '特定個人情報ファイル名']);
  assert.deepEqual(resolvePointer(data, '/特定個人情報ファイルの概要/0/特定個人情報ファイル名'), ['特定個人情報ファイルの概要', 0, '特定個人情報ファイル名']);
  assert.equal(resolvePointer(data, '/特定個人情報ファイルの概要/1'), undefined);
  assert.equal(resolvePointer(data, '/特定個人情報ファイルの概要/01'), undefined);
  assert.equal(resolvePointer(data, 'no-slash'), undefined);
});

test('部分は記載の中のすべての箇所を、重なる部分はまとめて（非公表）にする', () => {
  assert.equal(withholdParts('AxxBAxx', ['A']), `${withheldMark}xxB${withheldMark}xx`);
  assert.equal(withholdParts('abcdef', ['bcd', 'cde']), `a${withheldMark}f`);
  assert.equal(withholdParts('abcdef', ['ab', 'cd']), `${withheldMark}ef`);
});

test('公表用の版: 項目・部分・別添1 の記録項目・変更箇所の文を（非公表）にし、非公表の一覧を除く。元のデータは変えない', () => {
  const data = reference();
  data['変更箇所'][0]['変更後の記載'] = '越谷市保有個人情報の適切な管理に関する指針';
  data['非公表'] = [
    { 項目: '/特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所', 部分: '入退室管理を行っている部屋に設置した', 理由: '設置場所' },
    { 項目: '/特定個人情報ファイル記録項目/kodomo-iryohi-jukyu-shikaku/記録項目/hoken-joho/項目/7', 理由: '識別子の名称' },
    { 項目: '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/fukushi-sogo-system-hoshu', 理由: '委託先' },
    { 項目: '/変更箇所/2028-09-30-itaku-kitei/変更後の記載', 部分: '適切な管理', 理由: 'x' },
  ];
  const before = JSON.stringify(data);
  const view = publicView(data, focusedSchema);
  assert.ok(view.ok);
  assert.equal(JSON.stringify(data), before, 'the input is not changed');
  const out = view.data as Record<string, any>;
  assert.equal(out['非公表'], undefined);
  const file = out['特定個人情報ファイルの概要'][0];
  assert.match(file['特定個人情報の保管・消去']['保管場所'], /^<越谷市における措置> （非公表）サーバー内に保管する。/);
  assert.equal(out['特定個人情報ファイル記録項目'][0]['記録項目'][1]['項目'][7], withheldMark);
  const itaku = file['特定個人情報ファイルの取扱いの委託']['委託事項'][0];
  assert.equal(itaku['ID'], 'fukushi-sogo-system-hoshu', 'the ID stays: it is how the entry is addressed');
  assert.equal(itaku['委託先名'], withheldMark);
  assert.equal(itaku['再委託の許諾方法'], null);
  assert.equal(out['変更箇所'][0]['変更後の記載'], '越谷市保有個人情報の（非公表）に関する指針');
  assert.ok(!JSON.stringify(out).includes('株式会社アイネス'));
  assert.ok(!JSON.stringify(out).includes('入退室管理を行っている部屋に設置した'));
});

test('変更箇所が項目の文を引用していれば、そこも（非公表）にする', () => {
  const data = reference();
  data['変更箇所'][0]['変更前の記載'] = '入退室管理を行っている部屋に設置したサーバー';
  data['非公表'] = [{ 項目: '/特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所', 部分: '入退室管理を行っている部屋に設置した', 理由: '設置場所' }];
  const view = publicView(data, focusedSchema);
  assert.ok(view.ok);
  assert.equal((view.data as any)['変更箇所'][0]['変更前の記載'], '（非公表）サーバー');
});

test('当てはまらない行があると公表用の版を作らない', () => {
  const data = reference();
  data['非公表'] = [{ 項目: '/表紙/特記事項', 部分: 'ない文', 理由: 'x' }];
  const view = publicView(data, focusedSchema);
  assert.equal(view.ok, false);
});
