import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftChangeExplanation } from './draft-change-explanation.ts';
import { reference, run } from '../../../test/helpers.ts';

test('下書きの印で始まる説明は、公表前に確かめる項目として知らせる(--strict では誤り)', () => {
  const data = reference();
  assert.deepEqual(run(draftChangeExplanation, data), []);
  data['変更箇所'][0]['提出時期に係る説明'] = '（下書き）重要な変更の対象(※)でない項目の修正のため、変更後に速やかに提出・公表する。';
  assert.deepEqual(run(draftChangeExplanation, data), [{ messageId: 'draft', path: '/変更箇所/0/提出時期に係る説明', completeness: true }]);
});
