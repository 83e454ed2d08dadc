import { test } from 'node:test';
import assert from 'node:assert/strict';
import { organisationRenamed as rule } from './organisation-renamed.ts';
import { changeAt, context, pointers, run } from '../testing.ts';

const renames = [{ before: '子ども家庭部子ども福祉課', after: 'こども家庭部こども福祉課' }];

test('名称変更表どおりの置き換えだけなら事後(住所などの他の記載はそのまま)', () => {
  const change = changeAt(pointers.department, '越谷市子ども家庭部子ども福祉課\n電話: 048-963-9166', '越谷市こども家庭部こども福祉課\n電話: 048-963-9166');
  assert.deepEqual(run(rule, change, context({ renames })), ['renamed/after']);
});

test('名称変更に加えて他の記載も変わると当たらない', () => {
  const change = changeAt(pointers.department, '子ども家庭部子ども福祉課', 'こども家庭部こども支援課');
  assert.deepEqual(run(rule, change, context({ renames })), []);
});

test('名称変更表がなければ当たらない', () => {
  assert.deepEqual(run(rule, changeAt(pointers.department, '子ども家庭部子ども福祉課', 'こども家庭部こども福祉課')), []);
});
