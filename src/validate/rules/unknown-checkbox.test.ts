import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownCheckbox } from './unknown-checkbox.ts';
import { reference, run } from '../../../test/helpers.ts';

const file = '/特定個人情報ファイルの概要/0';

test('参考評価書で状態が読み取れないチェック欄をグループごとに知らせる', () => {
  assert.deepEqual(run(unknownCheckbox, reference()), [
    { messageId: 'unknown', path: `${file}/基本情報/主な記録項目/識別情報`, completeness: true },
    { messageId: 'unknown', path: `${file}/基本情報/主な記録項目/連絡先等情報`, completeness: true },
    { messageId: 'unknown', path: `${file}/基本情報/主な記録項目/業務関係情報`, completeness: true },
    { messageId: 'unknown', path: `${file}/特定個人情報の入手・使用/入手元`, completeness: true },
    { messageId: 'unknown', path: `${file}/特定個人情報の入手・使用/入手方法`, completeness: true },
    { messageId: 'unknown-single', path: '/リスク対策/特定個人情報ファイル/0/特定個人情報の提供・移転/提供・移転しない', completeness: true },
    { messageId: 'unknown', path: '/リスク対策/監査/実施の有無', completeness: true },
  ]);
});

test('状態が true / false ならば指摘なし', () => {
  const data = reference();
  const set = (obj: Record<string, any>) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v === '不明') obj[k] = false;
      else if (v && typeof v === 'object') set(v);
    }
  };
  set(data);
  assert.deepEqual(run(unknownCheckbox, data), []);
});
