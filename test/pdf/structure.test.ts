/** The structure pass (pure): pdfmake content with hints → structure tree, text runs stamped with their element. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StructElement, tagContent } from '../../src/render/pdf/structure.ts';
import type { Node } from '../../src/render/pdf/doc-definition.ts';

/** The tree as nested [type, attributes?, children…] for comparison. */
function shape(e: StructElement): unknown[] {
  const attributes = Object.keys(e.attributes).length > 0 ? [e.attributes] : [];
  return [e.type, ...attributes, ...e.children.map(shape)];
}

test('見出しの段は飛ばさない: H2 の次の H5 は H3 になる', () => {
  const tree = tagContent([{ text: '題', tag: 'H1' }, { text: '節', tag: 'H2' }, { text: '深い見出し', tag: 'H5' }, { text: '本文' }]);
  assert.deepEqual(shape(tree), ['Document', ['H1'], ['H2'], ['H3'], ['P']]);
});

test('表: 見出し行は表の前の見出しになり、その後の行で新しい Table が始まる。項目名は行見出し、header 行は列見出し', () => {
  const content: Node[] = [
    { text: '題', tag: 'H1' },
    { text: '節', tag: 'H2' },
    {
      table: {
        headerRows: 1,
        body: [
          [{ text: '1. 群', tag: 'H3', colSpan: 2 }, {}],
          [{ text: '名前', tag: 'TH', scope: 'Row' }, { text: '値' }],
          [{ text: '全幅', colSpan: 2 }, {}],
        ],
      },
    },
    { table: { headerRows: 1, body: [[{ text: '列1' }, { text: '列2' }], [{ text: 'a' }, { text: 'b' }]] } },
  ];
  assert.deepEqual(shape(tagContent(content)), [
    'Document',
    ['H1'],
    ['H2'],
    ['H3'],
    ['Table', ['TR', ['TH', { scope: 'Row' }], ['TD']], ['TR', ['TD', { colSpan: 2 }]]],
    ['Table', ['TR', ['TH', { scope: 'Column' }], ['TH', { scope: 'Column' }]], ['TR', ['TD'], ['TD']]],
  ]);
});

test('Flatten の内側の表の行は外側の表の行として読む(見出しとその次の行を1行に描いたもの)', () => {
  const inner: Node = { table: { body: [[{ text: '④使用の主体', tag: 'H4', colSpan: 2 }, {}], [{ text: '使用部署', tag: 'TH', scope: 'Row' }, { text: '福祉課' }]] }, tag: 'Flatten', colSpan: 2 };
  const content: Node[] = [{ text: '題', tag: 'H1' }, { text: '節', tag: 'H2' }, { table: { headerRows: 1, body: [[{ text: '2. 基本情報', tag: 'H3', colSpan: 2 }, {}], [{ text: '①', tag: 'TH', scope: 'Row' }, { text: 'x' }], [inner, {}]] } }];
  assert.deepEqual(shape(tagContent(content)), ['Document', ['H1'], ['H2'], ['H3'], ['Table', ['TR', ['TH', { scope: 'Row' }], ['TD']]], ['H4'], ['Table', ['TR', ['TH', { scope: 'Row' }], ['TD']]]]);
});

test('1段落に並べたリストは listItem ごとに LI になり、各ランに要素が付く', () => {
  const node: Node = { text: [{ text: '[○] 紙', listItem: 0 }, { text: '　 ', listItem: 0 }, { text: '[　] 電子', listItem: 1 }], tag: 'L' };
  const tree = tagContent([node]);
  assert.deepEqual(shape(tree), ['Document', ['L', ['LI', ['LBody']], ['LI', ['LBody']]]]);
  const runs = node.text as Node[];
  const [first, second] = tree.children[0]!.children.map((li) => li.children[0]);
  assert.equal(runs[0]!._tag, first);
  assert.equal(runs[1]!._tag, first);
  assert.equal(runs[2]!._tag, second);
});

test('文字列のテキストは要素付きのランの配列になり、JSON では要素の種類だけを示す', () => {
  const node: Node = { text: '本文', bold: true };
  tagContent([{ stack: [node], tag: 'Sect' }]);
  assert.equal(JSON.stringify(node), '{"text":[{"text":"本文","_tag":"P"}],"bold":true}');
});
