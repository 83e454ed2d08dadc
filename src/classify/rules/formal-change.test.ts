import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formalChange as rule } from './formal-change.ts';
import { changeAt, pointers, run } from '../testing.ts';

test('空白だけ・全角半角だけ・句読点だけの変更はそれぞれ形式的な修正(事後)', () => {
  assert.deepEqual(run(rule, changeAt(pointers.hokan, 'ISO/IEC27017、ISO/IEC27018 の認証', 'ISO/IEC27017、ISO/IEC27018の認証')), ['whitespace/after']);
  assert.deepEqual(run(rule, changeAt(pointers.hokan, 'ＩＳＯ／ＩＥＣ２７０１７の認証', 'ISO/IEC27017の認証')), ['width/after']);
  assert.deepEqual(run(rule, changeAt(pointers.hokan, '保管する，消去する．', '保管する、消去する。')), ['punctuation/after']);
});

test('チェック欄の( )内の記載の空白だけの変更も形式的な修正', () => {
  assert.deepEqual(run(rule, changeAt(pointers.nyushumotoOther, { 選択: true, 内容: '医療保険者 支払基金' }, { 選択: true, 内容: '医療保険者　支払基金' })), ['whitespace/after']);
});

test('文字が変われば当たらない(「日本国内」→「日本国外」)', () => {
  assert.deepEqual(run(rule, changeAt(pointers.hokan, '日本国内でデータを保管している。', '日本国外でデータを保管している。')), []);
});
