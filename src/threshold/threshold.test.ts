import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideThreshold, assessThreshold, rangeText, thresholdTable, type ThresholdInputs } from './threshold.ts';
import { focusedSchema, reference } from '../../test/helpers.ts';

const exact = (people: number, handlers: number, incident: ThresholdInputs['incident'] = 'no'): ThresholdInputs => ({
  people: { min: people, max: people, source: '', pointers: [] },
  handlers: { min: handlers, max: handlers, source: '', pointers: [] },
  incident,
});

test('しきい値判断の表(対象人数・取扱者数・重大事故)どおりの結果になる', () => {
  const cases: [number, number, ThresholdInputs['incident'], string][] = [
    [999, 900, 'yes', 'none'],
    [5_000, 900, 'yes', 'basic'],
    [50_000, 499, 'no', 'basic'],
    [50_000, 500, 'no', 'basic+focused'],
    [50_000, 10, 'yes', 'basic+focused'],
    [150_000, 499, 'no', 'basic+focused'],
    [150_000, 500, 'no', 'basic+full'],
    [150_000, 10, 'yes', 'basic+full'],
    [300_000, 10, 'no', 'basic+full'],
  ];
  for (const [people, handlers, incident, expected] of cases) {
    assert.equal(decideThreshold(exact(people, handlers, incident)).definite, expected, `${people}人・${handlers}人・重大事故${incident}`);
  }
});

test('区分でしか分からないときは、あり得る結果をすべて返す', () => {
  const result = decideThreshold({ people: { min: 100_000, max: 999_999, source: '', pointers: [] }, handlers: { min: 10, max: 99, source: '', pointers: [] }, incident: 'no' });
  assert.deepEqual(result.possible, ['basic+focused', 'basic+full']);
  assert.equal(result.definite, undefined);
  assert.equal(result.min, 'basic+focused');
});

test('重大事故が不明なら、取扱者数が少なくても上の結果があり得る', () => {
  assert.deepEqual(decideThreshold(exact(50_000, 10, 'unknown')).possible, ['basic', 'basic+focused']);
});

test('未検証の行(1万人以上10万人未満)を使った結果はそう示す', () => {
  assert.equal(decideThreshold(exact(50_000, 10)).unverified, true);
  assert.equal(decideThreshold(exact(500_000, 10)).unverified, false);
  assert.ok(thresholdTable.rows.every((r) => r.source.length > 0), 'every row cites its source');
});

test('参考評価書: 対象となる本人の数と、使用者数・委託先の取扱者数(委託先名ごとに1回)から入力を読む', () => {
  const result = assessThreshold(focusedSchema, reference());
  assert.deepEqual([result.inputs.people?.min, result.inputs.people?.max], [100_000, 999_999]);
  assert.equal(result.inputs.incident, 'unknown');
  assert.ok(result.inputs.handlers && result.inputs.handlers.min >= 100);
  assert.deepEqual(result.possible, ['basic+focused', 'basic+full']);
});

test('同じ委託先の委託事項が2つあっても、取扱者数の下限は二重に数えない', () => {
  const data = reference();
  const entries = data['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項'];
  entries.forEach((e: Record<string, string>) => {
    e['委託先名'] = '株式会社同一';
    e['委託先における取扱者数'] = '100人以上500人未満';
  });
  data['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['使用の主体']['使用者数'] = '10人未満';
  assert.equal(assessThreshold(focusedSchema, data).inputs.handlers?.min, 100);
});

test('rangeText: 人数は ja-JP の書式(3桁ごとのカンマ)で、Intl.NumberFormat と同じ', () => {
  const ja = new Intl.NumberFormat('ja-JP');
  for (const n of [0, 7, 999, 1000, 30_000, 999_999, 1_000_000, 300_000_000, Number.MAX_SAFE_INTEGER]) {
    assert.equal(rangeText({ min: n, max: n, source: '', pointers: [] }, '人'), `${ja.format(n)}人`);
  }
  assert.equal(rangeText({ min: 1000, max: null, source: '', pointers: [] }, '人'), '1,000人以上');
  assert.equal(rangeText({ min: 1.5, max: 1.5, source: '', pointers: [] }, '人'), `${ja.format(1.5)}人`);
});
