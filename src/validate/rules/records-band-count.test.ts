import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordsBandCount } from './records-band-count.ts';
import { reference, run } from '../../../test/helpers.ts';
import { fullSample, runFull } from '../../../test/full-helpers.ts';

test('参考評価書: 100項目以上 と別添1の項目数は合っている', () => {
  assert.deepEqual(run(recordsBandCount, reference()), []);
});

test('区分が別添1の項目数より小さいと、その区分の項目に警告', () => {
  const data = reference();
  data['特定個人情報ファイルの概要'][0]['基本情報']['記録される項目'] = '10項目以上50項目未満';
  const findings = run(recordsBandCount, data);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.messageId, 'outside');
  assert.match(findings[0]!.path, /記録される項目$/);
});

test('別添1から項目を消して区分を下回ると警告、空の項目名は数えない', () => {
  const data = reference();
  for (const group of data['特定個人情報ファイル記録項目'][0]['記録項目']) group['項目'] = group['項目'].slice(0, 1);
  data['特定個人情報ファイル記録項目'][0]['記録項目'][0]['項目'].push('', '  ');
  assert.equal(run(recordsBandCount, data).length, 1);
});

test('全項目評価書の見本: 2つのファイルとも区分と項目数が合い、崩すと ID で対応するファイルだけに警告', () => {
  const data = fullSample();
  assert.deepEqual(runFull(recordsBandCount, data), []);
  const files = data['特定個人情報ファイルの概要'];
  const second = files[1];
  const bandHolder = JSON.stringify(second).includes('"記録される項目"') ? second : undefined;
  assert.ok(bandHolder, 'the second file of the 全項目 sample has 記録される項目');
  const findBand = (o: any): any => (o && typeof o === 'object' ? ('記録される項目' in o && typeof o['記録される項目'] === 'string' ? o : Object.values(o).map(findBand).find(Boolean)) : undefined);
  findBand(second)['記録される項目'] = '100項目以上';
  const findings = runFull(recordsBandCount, data);
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.path, /^\/特定個人情報ファイルの概要\/1\//);
});
