import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { validateFile, validateText } from '../../validate/validate.ts';
import { strictClean } from '../../../test/site/generate.ts';
import type { JsonSchema } from '../../schema/registry.ts';
import { assessmentView, tableOfContents, type ViewNode } from './view.ts';

const reference = validateFile(fileURLToPath(new URL('../../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url)));
const schema = reference.form!.schema;
const data = reference.data!;

function find(nodes: readonly ViewNode[], id: string): ViewNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const hit = find(n.children ?? [], id);
    if (hit) return hit;
  }
  return undefined;
}

test('項目のアンカーは様式の番号から作る(Ⅱ-3-① 入手元、※ つき)', () => {
  const view = assessmentView(schema, data);
  const node = find(view.sections, 'Ⅱ-3-①')!;
  assert.equal(node.label, '①入手元');
  assert.equal(node.significant, true);
  assert.equal(node.value?.kind, 'checkboxes');
});

test('アンカーはページの中で重複しない', () => {
  const ids: string[] = [];
  const collect = (nodes: readonly ViewNode[]) => nodes.forEach((n) => { ids.push(n.id); collect(n.children ?? []); });
  collect(assessmentView(schema, data).sections);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length > 80);
});

test('記載のない項目も様式の順に残り、未記載として示す(Ⅰ 1.)', () => {
  const view = assessmentView(schema, data);
  const basic = view.sections.find((s) => s.id === 'Ⅰ')!;
  assert.deepEqual(basic.children!.map((c) => c.id), ['Ⅰ-1', 'Ⅰ-2', 'Ⅰ-3', 'Ⅰ-4', 'Ⅰ-5', 'Ⅰ-6', 'Ⅰ-7']);
  assert.deepEqual(basic.children![0]!.value, { kind: 'missing' });
  assert.deepEqual(find(view.sections, 'Ⅰ-7')!.value, { kind: 'blank' });
});

test('選択肢は schema の enum から、選ばれた記載に印を付けて示す', () => {
  const node = find(assessmentView(schema, data).sections, 'Ⅰ-5-①')!;
  assert.deepEqual(node.value, { kind: 'choice', selected: '実施する', invalid: false, options: [{ label: '実施する', selected: true }, { label: '実施しない', selected: false }, { label: '未定', selected: false }] });
});

test('チェック欄は true / false / 不明 を区別し、( )内の記載を添える', () => {
  const view = assessmentView(schema, data);
  const audit = find(view.sections, 'Ⅲ-8-実施の有無')!.value;
  assert.deepEqual(audit, { kind: 'checkboxes', boxes: [{ label: '自己点検', state: true }, { label: '内部監査', state: '不明' }, { label: '外部監査', state: true }] });
  const source = find(view.sections, 'Ⅱ-3-①')!.value;
  assert.ok(source?.kind === 'checkboxes');
  assert.deepEqual(source.boxes[2], { label: '行政機関・独立行政法人等', state: '不明', detail: { label: '( )内の記載', value: { kind: 'text', text: 'デジタル庁' } } });
});

test('委託事項は x-repeat の見出し(委託事項1)と名称で繰り返し、名称は項目として重ねて示さない', () => {
  const node = find(assessmentView(schema, data).sections, 'Ⅱ-4-委託事項1')!;
  assert.equal(node.label, '委託事項1 福祉総合システムの保守運用');
  assert.deepEqual(node.children!.map((c) => c.label), ['①委託内容', '②委託先における取扱者数', '③委託先名', '④再委託の有無', '⑤再委託の許諾方法', '⑥再委託事項']);
});

test('表示する項目名は schema の title と x-item だけから作る(コードに項目名の写しがない)', () => {
  const renamed = structuredClone(schema) as JsonSchema;
  const source = renamed.$defs!['ファイルの概要']!.properties!['特定個人情報の入手・使用']!.properties!['入手元']!;
  source.title = '入手先';
  source['x-item'] = '⑨';
  source['x-significant-change'] = false;
  const node = find(assessmentView(renamed, data).sections, 'Ⅱ-3-⑨')!;
  assert.equal(node.label, '⑨入手先');
  assert.equal(node.significant, false);
});

test('変更箇所は変更日・項目・変更前後を表にし、変更前後は語の単位の差分を持つ', () => {
  const changes = assessmentView(schema, data).sections.find((s) => s.id === '別添2')!.value;
  assert.ok(changes?.kind === 'change-table');
  assert.equal(changes.rows.length, 10);
  const first = changes.rows[0]!;
  assert.deepEqual(first.date, { kind: 'date', text: '令和10年9月30日', iso: '2028-09-30' });
  assert.deepEqual(first.before, [{ text: '越谷市' }, { text: '個人情報' }, { text: '取扱事務', removed: true }, { text: 'の' }, { text: '委託', removed: true }, { text: 'に関する指針' }]);
});

test('目次は部(Ⅰ〜Ⅴ、別添)とその番号付きの項目を並べる', () => {
  const toc = tableOfContents(assessmentView(schema, data));
  assert.deepEqual(toc.map((s) => s.id), ['表紙', 'Ⅰ', 'Ⅱ', '別添1', 'Ⅲ', 'Ⅳ', 'Ⅴ', '別添2']);
  assert.deepEqual(toc.find((s) => s.id === 'Ⅱ')!.children.map((c) => c.id), ['Ⅱ-1', 'Ⅱ-2', 'Ⅱ-3', 'Ⅱ-4', 'Ⅱ-5', 'Ⅱ-6', 'Ⅱ-7']);
});

test('部の下の繰り返し(Ⅲ の特定個人情報ファイル、委託事項)は、様式の階層どおりの深さに置く', () => {
  const view = assessmentView(schema, data);
  const risk = view.sections.find((s) => s.id === 'Ⅲ')!;
  assert.deepEqual(risk.children!.slice(0, 2).map((c) => [c.id, c.depth]), [['Ⅲ-1', 2], ['Ⅲ-2', 2]]);
  assert.equal(find(view.sections, 'Ⅱ-4-委託事項1')!.depth, 3);
  assert.deepEqual(find(view.sections, 'Ⅱ-5-提供先')!.value, { kind: 'none' });
});

test('特定個人情報ファイルが複数あるときは、ファイルごとの見出し(x-repeat)とアンカーを付ける', () => {
  const two = structuredClone(data) as Record<string, Record<string, unknown>[]> & Record<string, unknown>;
  const files = two['特定個人情報ファイルの概要'] as Record<string, unknown>[];
  files.push({ ...structuredClone(files[0]!), ID: 'second', 特定個人情報ファイル名: '2つ目のファイル' });
  const view = assessmentView(schema, two);
  const overview = view.sections.find((s) => s.id === 'Ⅱ')!;
  assert.deepEqual(overview.children!.map((c) => [c.id, c.label]), [['Ⅱ-特定個人情報ファイル1', '特定個人情報ファイル1'], ['Ⅱ-特定個人情報ファイル2', '特定個人情報ファイル2']]);
  assert.equal(find(view.sections, 'Ⅱ-特定個人情報ファイル2-1')!.value?.kind === 'text' && (find(view.sections, 'Ⅱ-特定個人情報ファイル2-1')!.value as { text: string }).text, '2つ目のファイル');
  assert.equal(find(view.sections, 'Ⅱ-特定個人情報ファイル2-3-①')!.label, '①入手元');
});

/** Every value the page prints as （未記載）: a missing value, or a box of a written group whose state is not written. */
function missingPointers(view: ReturnType<typeof assessmentView>): string[] {
  const out: string[] = [];
  const visit = (nodes: readonly ViewNode[]) => nodes.forEach((n) => {
    const v = n.value;
    if (v?.kind === 'missing') out.push(n.pointer);
    const boxes = v?.kind === 'checkbox' ? [v.box] : v?.kind === 'checkboxes' ? v.boxes : v?.kind === 'checkbox-groups' ? v.groups.flatMap((g) => g.boxes) : [];
    if (boxes.some((b) => b.state === undefined)) out.push(n.pointer);
    visit(n.children ?? []);
  });
  visit(view.sections);
  return out;
}

test('（未記載）は `validate --strict` が誤りとする欠落(様式の必須項目)だけに出す', () => {
  const strict = validateFile(fileURLToPath(new URL('../../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url)), { strict: true, today: '2028-12-01' });
  const required = new Set(strict.diagnostics.filter((d) => d.rule === 'schema-required').map((d) => d.path));
  const missing = missingPointers(assessmentView(schema, data));
  assert.deepEqual(missing.filter((p) => !required.has(p)), []);
  assert.deepEqual(missing, ['/基本情報/特定個人情報ファイルを取り扱う事務', '/リスク対策/特定個人情報ファイル/0/特定個人情報ファイルの取扱いの委託', '/リスク対策/特定個人情報ファイル/0/情報提供ネットワークシステムとの接続', '/リスク対策/特定個人情報ファイル/0/特定個人情報の保管・消去']);
});

test('任意の項目は、記載がなければ様式の空欄のとおり何も示さない(チェック欄は選択なし、選択肢は選ばれたものなし)', () => {
  const copy = structuredClone(data) as Record<string, any>;
  delete copy['基本情報']['他の評価実施機関'];
  const view = assessmentView(schema, copy);
  assert.deepEqual(find(view.sections, 'Ⅰ-7')!.value, { kind: 'omitted' });
  // A written group of boxes: a box not written is an empty box (□), as the 様式 prints it.
  const withoutBox = structuredClone(data) as Record<string, any>;
  delete withoutBox['リスク対策']['監査']['実施の有無']['外部監査'];
  const audit = find(assessmentView(schema, withoutBox).sections, 'Ⅲ-8-実施の有無')!.value;
  assert.ok(audit?.kind === 'checkboxes');
  assert.deepEqual(audit.boxes[2], { label: '外部監査', state: false });
  // An optional choice not written: the options, none chosen.
  const noChoice = structuredClone(data) as Record<string, any>;
  delete noChoice['リスク対策']['特定個人情報ファイル'][0]['特定個人情報の入手']['リスク']['リスクへの対策は十分か'];
  const nodes = assessmentView(schema, noChoice).sections;
  const choice = (function findPointer(list: readonly ViewNode[]): ViewNode | undefined {
    for (const n of list) if (n.pointer === '/リスク対策/特定個人情報ファイル/0/特定個人情報の入手/リスク/リスクへの対策は十分か') return n; else { const hit = findPointer(n.children ?? []); if (hit) return hit; }
    return undefined;
  })(nodes)!;
  assert.ok(choice.value?.kind === 'choice');
  assert.equal(choice.value.omitted, true);
  assert.equal(choice.value.selected, null);
  assert.ok(choice.value.options.length > 1 && choice.value.options.every((o) => !o.selected));
});

test('`validate --strict` で誤りのない評価書は、どの項目も（未記載）と示さない', () => {
  const clean = strictClean(data, schema);
  assert.deepEqual(validateText('clean.yaml', JSON.stringify(clean), { strict: true, today: '2030-01-01' }).diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(missingPointers(assessmentView(schema, clean)), []);
});
