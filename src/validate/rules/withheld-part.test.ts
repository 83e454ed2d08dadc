import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withheldPart } from './withheld-part.ts';
import { reference, run } from '../../../test/helpers.ts';

const use = '/リスク対策/特定個人情報ファイル/kodomo-iryohi-jukyu-shikaku/特定個人情報の使用/リスク2/具体的な管理方法';

test('非公表の行が今の記載に当てはまれば指摘しない(ID で指しても番号で指してもよい)', () => {
  const data = reference();
  data['非公表'] = [
    { 項目: use, 部分: '生体認証とパスワードによる二要素認証', 理由: '認証方式が分かると攻撃の手掛かりになるため' },
    { 項目: '/特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所', 理由: '設置場所の詳細のため' },
  ];
  assert.deepEqual(run(withheldPart, data), []);
});

test('項目がない、部分が記載にない、部分を文章でない項目に付けた、チェック欄を非公表にした行は誤り', () => {
  const data = reference();
  data['非公表'] = [
    { 項目: '/リスク対策/特定個人情報ファイル/no-such-file/特定個人情報の使用', 理由: 'x' },
    { 項目: use, 部分: '静脈認証', 理由: 'x' },
    { 項目: '/リスク対策/特定個人情報ファイル/0/特定個人情報の使用/リスク2', 部分: '二要素', 理由: 'x' },
    { 項目: '/リスク対策/監査', 理由: 'x' },
  ];
  assert.deepEqual(run(withheldPart, data), [
    { messageId: 'no-such-item', path: '/非公表/0/項目' },
    { messageId: 'part-not-found', path: '/非公表/1/部分' },
    { messageId: 'part-needs-text', path: '/非公表/2/部分' },
    { messageId: 'not-text', path: '/非公表/3/項目' },
  ]);
});
