/** The editor's save path: edited data spliced into the original text, every untouched line byte-identical. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { diffLines } from 'diff';
import { applyData, deepEqual } from '../../src/edit/splice.ts';

const reference = readFileSync(new URL('../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url), 'utf8');
const data = () => parse(reference) as Record<string, any>;

/** The lines removed and added between two texts. */
function changed(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

test('an unchanged document is returned byte for byte', () => {
  assert.equal(applyData(reference, data()), reference);
});

test('one plain value: one line changes, its comment elsewhere kept', () => {
  const d = data();
  d['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項'][0]['委託先名'] = '株式会社サンプル';
  const out = applyData(reference, d);
  assert.deepEqual(changed(reference, out), { removed: ['          委託先名: 株式会社アイネス'], added: ['          委託先名: 株式会社サンプル'] });
  assert.ok(out.includes('委託件数: null # 原文は「( ) 件」で空欄'));
});

test('a literal block stays a literal block; a value with ": " is quoted', () => {
  const d = data();
  const storage = d['特定個人情報ファイルの概要'][0]['特定個人情報の保管・消去'];
  storage['保管場所'] = 'ガバメントクラウド上のサーバー内に保管する。\n二行目: 補足';
  d['表紙']['特記事項'] = 'なし: 特記なし';
  const out = applyData(reference, d);
  assert.ok(out.includes('      保管場所: |-\n        ガバメントクラウド上のサーバー内に保管する。\n        二行目: 補足\n    備考: null'));
  assert.deepEqual(parse(out), d);
  const { removed, added } = changed(reference, out);
  // The 保管場所 header line stays; its two content lines and the 特記事項 line change.
  assert.equal(added.length, 3);
  assert.equal(removed.length, 3);
});

test('a flow map { 選択: 不明, 内容: … } keeps its style', () => {
  const d = data();
  const source = d['特定個人情報ファイルの概要'][0]['特定個人情報の入手・使用']['入手元'];
  source['評価実施機関内の他部署'] = { 選択: true, 内容: '福祉部, 生活福祉課' };
  source['民間事業者'] = { 選択: true, 内容: '株式会社A' };
  const out = applyData(reference, d);
  assert.ok(out.includes('評価実施機関内の他部署: { 選択: true, 内容: "福祉部, 生活福祉課" }'));
  assert.ok(out.includes('民間事業者: { 選択: true, 内容: 株式会社A }'));
  assert.deepEqual(parse(out), d);
});

test('repeated blocks: add, reorder and remove move whole entries, matched by ID', () => {
  const d = data();
  const records = d['特定個人情報ファイル記録項目'][0]['記録項目'] as { ID: string }[];
  const [first] = records.splice(0, 1);
  records.push(first!);
  records.splice(1, 0, { ID: 'new-group', 名称: '新しい項目群', 項目: ['甲', '乙'] } as never);
  const out = applyData(reference, d);
  assert.deepEqual(parse(out), d);
  const { removed, added } = changed(reference, out);
  // The moved entry's lines are the same lines, elsewhere; the new entry adds its own.
  assert.ok(added.includes('      - ID: new-group'));
  assert.equal(added.length - removed.length, 5);
  assert.ok(added.includes('          - 甲'));
  const back = data();
  assert.equal(applyData(out, back), applyData(out, back));
  const restored = applyData(out, data());
  assert.deepEqual(parse(restored), data());
});

test('null ↔ collection, keys added after their neighbour, the last key of a map', () => {
  const d = data();
  d['基本情報']['他の評価実施機関'] = { 名称: '埼玉県' };
  const entrust = d['特定個人情報ファイルの概要'][0]['特定個人情報ファイルの取扱いの委託']['委託事項'][0];
  delete entrust['再委託事項'];
  d['特定個人情報ファイルの概要'][0]['特定個人情報の提供・移転']['提供先'] = [{ ID: 'saitama', 名称: '埼玉県' }];
  const out = applyData(reference, d);
  assert.deepEqual(parse(out), d);
  assert.ok(out.includes('  他の評価実施機関:\n    名称: 埼玉県\n'));
  assert.ok(out.includes('      提供先:\n        - ID: saitama\n          名称: 埼玉県\n'));
});

test('random edits of many values always read back as the edited data', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const values = ['新しい値', 'a: b', '- 先頭が記号', '二行\n目', 'true', '', '#x', null, true, false, '不明', 42];
  for (let round = 0; round < 40; round++) {
    const d = data();
    const leaves: [Record<string, unknown> | unknown[], string | number][] = [];
    // IDs are never edited (the editor keeps them); an edited ID is a removed entry and a new one.
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach((x, i) => (typeof x === 'object' && x !== null ? walk(x) : leaves.push([v, i])));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) if (k !== 'ID') (typeof x === 'object' && x !== null ? walk(x) : leaves.push([v as Record<string, unknown>, k]));
    };
    walk(d);
    for (let n = 0; n < 5; n++) {
      const [parent, key] = leaves[Math.floor(random() * leaves.length)]!;
      (parent as Record<string | number, unknown>)[key] = values[Math.floor(random() * values.length)];
    }
    const out = applyData(reference, d);
    assert.ok(deepEqual(parse(out), d), `round ${round}`);
    const c = changed(reference, out);
    assert.ok(c.added.length <= 15, `round ${round}: only the edited lines change: ${JSON.stringify(c)}`);
  }
});
