import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemsAt, phraseQuery, rankResults, type PageData } from './search-rank.ts';

const anchors = [
  { element: 'section', id: 'Ⅱ', location: 0 },
  { element: 'h2', id: 'Ⅱ-h', location: 0 },
  { element: 'div', id: 'Ⅱ-1', location: 2 },
  { element: 'section', id: 'Ⅱ-3', location: 10 },
  { element: 'h3', id: 'Ⅱ-3-h', location: 10 },
  { element: 'div', id: 'Ⅱ-3-①', location: 12 },
  { element: 'tr', id: 'change-x', location: 40 },
];

test('一致した語の位置は、その前にある最も内側の id(項目・変更箇所の行)に割り当てる。見出しの id は使わない', () => {
  assert.deepEqual(itemsAt(anchors, [1, 3, 4, 10, 13, 41]), [
    { id: 'Ⅱ', count: 1, first: 1 },
    { id: 'Ⅱ-1', count: 2, first: 3 },
    { id: 'Ⅱ-3', count: 1, first: 10 },
    { id: 'Ⅱ-3-①', count: 1, first: 13 },
    { id: 'change-x', count: 1, first: 41 },
  ]);
});

const page = (url: string, locations: number[], items?: Record<string, string>): PageData => ({
  url, meta: { title: url, ...(items ? { items: Object.entries(items).map(([id, label]) => `${id}=${label}`).join('|') } : {}) }, locations, anchors, excerpt: 'e',
  sub_results: [{ url: `${url}#Ⅱ-3-h`, title: '3.', excerpt: '<mark>x</mark>', locations: [13] }],
});

test('語句をそのまま含むページを先に、同じページは重ねずに並べ、項目は当たった数の多い順にリンクする', () => {
  const ranked = rankResults([page('/b/', [13, 14], {})], [page('/a/', [3], {}), page('/b/', [3, 41], {})]);
  assert.deepEqual(ranked.map((p) => [p.url, p.exact]), [['/b/', true], ['/a/', false]]);
  // The items with the phrase first, then the items with some of its words (from the plain search of the same page).
  assert.deepEqual(ranked[0]!.items.map((i) => [i.url, i.count, i.excerpt, i.exact]), [[`/b/#${encodeURIComponent('Ⅱ-3-①')}`, 2, '<mark>x</mark>', true], [`/b/#${encodeURIComponent('Ⅱ-1')}`, 1, 'e', false], ['/b/#change-x', 1, 'e', false]]);
  assert.equal(rankResults([], [page('/a/', [3], { 'Ⅱ-1': 'Ⅱ 1. 事務の名称' })])[0]!.items[0]!.label, 'Ⅱ 1. 事務の名称');
  // A page without item labels (about, open data) links to its sections under headings.
  assert.deepEqual(rankResults([], [page('/about/', [13])])[0]!.items.map((i) => [i.url, i.label]), [['/about/#Ⅱ-3-h', '3.']]);
});

test('完全一致の検索には語句を引用符で囲み、利用者が引用符を使ったときはそのままにする', () => {
  assert.equal(phraseQuery(' 個人番号 '), '"個人番号"');
  assert.equal(phraseQuery('"個人番号" 利用'), undefined);
  assert.equal(phraseQuery('  '), undefined);
});

test('同じ組(語句をそのまま含む・一部の語)の中では、評価書のページ(items あり)をサイトのページ(問合せ先など)より先に示す', () => {
  const contact: PageData = { url: '/contact/', meta: { title: '問合せ先' }, locations: [1], anchors: [], excerpt: '' };
  const assessment = page('/a/', [3], { 'Ⅱ-1': 'Ⅱ1' });
  const loosePage = page('/b/', [3], { 'Ⅱ-1': 'Ⅱ1' });
  const looseContact: PageData = { ...contact, url: '/about/' };
  assert.deepEqual(rankResults([contact, assessment], [contact, assessment, looseContact, loosePage]).map((p) => [p.url, p.exact]), [
    ['/a/', true],
    ['/contact/', true],
    ['/b/', false],
    ['/about/', false],
  ]);
});
