import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { validateFile } from '../../validate/validate.ts';
import { indexColumns, indexRow, statusOf } from './index-row.ts';
import { focusedSchema } from '../../../test/helpers.ts';

const reference = validateFile(fileURLToPath(new URL('../../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url)));
const schema = reference.form!.schema;
const data = reference.data!;

test('一覧の行は表紙の項目、様式、和暦の公表日と最新の変更日を持つ', () => {
  assert.deepEqual(indexRow('koshigaya', schema, data, '2026-11-25'), {
    slug: 'koshigaya',
    number: '48',
    title: 'こども医療費の支給に関する事務 重点項目評価書',
    form: '重点項目評価書(様式3)',
    organisation: '越谷市長',
    published: { text: '令和8年3月30日', iso: '2026-03-30' },
    lastChange: { text: '令和10年9月30日', iso: '2028-09-30' },
    status: '公表中',
  });
});

test('一覧の列見出しは schema の title から取る', () => {
  assert.deepEqual(indexColumns(schema), { number: '評価書番号', title: '評価書名', form: '様式', organisation: '評価実施機関名', published: '公表日' });
});

test('公表日が今日より後なら公表予定、評価書名に【…終了】があれば終了', () => {
  assert.equal(statusOf(focusedSchema, data, '2026-03-29'), '公表予定');
  assert.equal(statusOf(focusedSchema, data, '2026-03-30'), '公表中');
  const ended = { ...data, 表紙: { ...(data['表紙'] as object), 評価書名: 'こども医療費の支給に関する事務 重点項目評価書【令和9年3月31日 終了】' } };
  assert.equal(statusOf(focusedSchema, ended, '2027-04-01'), '終了');
});
