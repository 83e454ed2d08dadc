/**
 * Editor support, checked with the consumer's own tool: the real yaml-language-server (npm, as in VS Code's YAML
 * extension) driven over LSP on stdio, for every form schema in schemas/. Completion inserts `key: ` (or an
 * indented block for objects and lists) for every property; each repeated block has a snippet that inserts valid
 * YAML with its required keys; hover shows the item number, label, ※ and a description for every item.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { loadForms, type JsonSchema } from '../../src/schema/registry.ts';
import { isSignificant, resolveRef } from '../../src/schema/walk.ts';
import { pointerOf, segmentsOf } from '../../src/report/diagnostic.ts';
import { editorSchemaFile, editorSchemaText, projectRoot } from '../../src/editor/editor-schema.ts';
import { YamlLanguageServer, type CompletionItem } from './lsp.ts';

const forms = [...loadForms().values()];
let server: YamlLanguageServer;
before(async () => {
  server = new YamlLanguageServer();
  await server.start();
});
after(() => server.stop());

interface Node {
  pointer: string;
  key: string;
  schema: JsonSchema;
}

/** Every property of the editor schema (array items as /0), parents before children. */
function properties(schema: JsonSchema, pointer = ''): Node[] {
  const out: Node[] = [];
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const p = pointer + pointerOf([key]);
    out.push({ pointer: p, key, schema: child }, ...properties(child, p));
    if (child.items) out.push(...properties(child.items, `${p}/0`));
  }
  return out;
}

/** YAML that reaches the pointer's parent mapping, and the cursor (0-based) where a new key of it goes. */
function documentAt(header: string, parentPointer: string, after = ''): { text: string; line: number; character: number } {
  const lines = [header, '様式: __FORM__'];
  let indent = 0;
  let dash: string | undefined;
  for (const segment of segmentsOf(parentPointer)) {
    if (/^\d+$/.test(segment)) {
      dash = `${' '.repeat(indent)}- `;
      indent += 2;
    } else {
      lines.push(`${dash ?? ' '.repeat(indent)}${segment}:`);
      dash = undefined;
      indent += 2;
    }
  }
  const cursorLine = dash ?? ' '.repeat(indent);
  lines.push(cursorLine + after);
  return { text: lines.join('\n') + '\n', line: lines.length - 1, character: cursorLine.length };
}

const typesOf = (s: JsonSchema): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
const inserted = (item: CompletionItem) => item.insertText ?? item.textEdit?.newText ?? item.label;
/** A snippet with its defaults filled in: what the officer sees after pressing Tab through it. */
const expand = (snippet: string) => snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');

/**
 * Every item's own help: a description at the item itself (beside its $ref), not only a shared definition's
 * («true(チェックあり)…» is true of every checkbox, and says nothing of what to check). IDs share one on purpose.
 */
function itemsWithoutOwnDescription(root: JsonSchema): string[] {
  const out: string[] = [];
  const seen = new Set<JsonSchema>();
  const visit = (node: JsonSchema, pointer: string) => {
    const s = resolveRef(root, node);
    if (seen.has(s)) return;
    seen.add(s);
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const p = pointer + pointerOf([key]);
      const own = child.description ?? (child.$ref ? undefined : resolveRef(root, child).description);
      if (key !== 'ID' && key !== '$schema' && !(own && own.trim().length >= 8)) out.push(p);
      visit(child, p);
      const c = resolveRef(root, child);
      if (c.items) visit(c.items, `${p}/0`);
    }
  };
  visit(root, '');
  return out;
}

test('すべての様式のすべての項目に、その項目自身の説明(記入の手引き)がある', () => {
  for (const form of forms) assert.deepEqual(itemsWithoutOwnDescription(form.schema), [], form.formName);
});

for (const form of forms) {
  const editorFile = editorSchemaFile(form.file);
  const editor = JSON.parse(readFileSync(editorFile, 'utf8')) as JsonSchema;
  const header = `# yaml-language-server: $schema=${pathToFileURL(editorFile).href}`;
  const nodes = properties(editor).filter((n) => n.key !== '$schema');
  const uri = (name: string) => pathToFileURL(path.join(projectRoot, 'assessments', `lsp-${form.formName}`, `${name}.yaml`)).href;
  const withForm = (text: string) => text.replace('__FORM__', form.formName);

  test(`${form.formName}: 編集用スキーマ(${path.basename(editorFile)})は様式の定義から生成したままで、評価書の $schema はそれを指す`, () => {
    assert.equal(readFileSync(editorFile, 'utf8'), editorSchemaText(form.file), 'run npm run gen:editor');
    for (const dir of readdirSync(path.join(projectRoot, 'assessments'))) {
      let text: string;
      try {
        text = readFileSync(path.join(projectRoot, 'assessments', dir, 'assessment.yaml'), 'utf8');
      } catch {
        continue;
      }
      if ((parse(text) as { 様式?: string })?.様式 !== form.formName) continue;
      const line = text.split('\n')[0]!;
      const target = /\$schema=(\S+)/.exec(line)?.[1];
      assert.equal(target && path.resolve(projectRoot, 'assessments', dir, target), editorFile, `${dir}: ${line}`);
    }
  });

  test(`${form.formName}: 補完はすべての項目(${nodes.length} 件)で「項目名: 」を入れる(まとまりは改行と字下げ)`, async () => {
    const parents = [...new Set(['', ...nodes.filter((n) => n.schema.properties).map((n) => n.pointer), ...nodes.filter((n) => n.schema.items?.properties).map((n) => `${n.pointer}/0`)])];
    const bare: string[] = [];
    let checked = 0;
    for (const parent of parents) {
      const doc = documentAt(header, parent);
      const u = uri('completion');
      server.open(u, withForm(doc.text));
      const items = await server.completion(u, doc.line, doc.character);
      const children = nodes.filter((n) => n.pointer.startsWith(parent + '/') && segmentsOf(n.pointer).length === segmentsOf(parent).length + 1);
      for (const child of children) {
        if (parent === '' && child.key === '様式') continue; // already written in every test document
        // An item named like its parent (Ⅳ その他のリスク対策 › 3. その他のリスク対策, 1. 監査 › ②監査) is offered
        // under one label twice by yaml-language-server (the parent's snippet too): one of them must be right.
        const offered = items.filter((i) => i.label === child.key);
        if (offered.length === 0) { bare.push(`${child.pointer}: not offered`); continue; }
        const types = typesOf(child.schema);
        const block = types.includes('object') || types.includes('array');
        const right = (text: string) => (block ? text.startsWith(`${child.key}:\n`) : text.startsWith(`${child.key}: `));
        if (!offered.some((item) => right(inserted(item)))) bare.push(`${child.pointer}: ${JSON.stringify(inserted(offered[0]!))}`);
        checked++;
      }
    }
    assert.deepEqual(bare, []);
    assert.ok(checked >= nodes.length - 1 - nodes.filter((n) => n.key === '様式').length, `${checked} of ${nodes.length}`);
  });

  test(`${form.formName}: 繰り返す記載ごとの「…を追加」は、必須の項目をそろえた正しい YAML を入れる`, async () => {
    const lists = nodes.filter((n) => n.schema.items && typesOf(n.schema.items).includes('object'));
    assert.ok(lists.length > 0);
    for (const list of lists) {
      const doc = documentAt(header, `${list.pointer}/0`);
      const u = uri('snippet');
      server.open(u, withForm(doc.text));
      const items = await server.completion(u, doc.line, doc.character);
      const snippet = items.find((i) => i.label.endsWith('を追加'));
      assert.ok(snippet, `${list.pointer}: no snippet among ${items.map((i) => i.label).join(', ')}`);
      // Insert as VS Code does: continuation lines take the leading whitespace of the cursor's line.
      const indent = /^ */.exec(withForm(doc.text).split('\n')[doc.line]!)![0];
      const body = expand(inserted(snippet)).split('\n').join(`\n${indent}`);
      const lines = withForm(doc.text).split('\n');
      lines[doc.line] = lines[doc.line]! + body;
      const text = lines.join('\n');
      const parsed = parseDocument(text);
      assert.deepEqual(parsed.errors.map((e) => e.message), [], `${list.pointer}:\n${text}\n---snippet:\n${inserted(snippet)}`);
      const item = parsed.getIn(segmentsOf(`${list.pointer}/0`)) as { toJSON(): Record<string, unknown> } | undefined;
      const required: string[] = list.schema.items?.required ?? [];
      assert.deepEqual(Object.keys(item?.toJSON() ?? {}).sort(), [...required].sort(), `${list.pointer}:\n${text}`);
    }
  });

  test(`${form.formName}: ホバーはすべての項目で番号・項目名・※・説明を示す`, async () => {
    const missing: string[] = [];
    for (const node of nodes) {
      if (node.pointer === '/様式') continue;
      const parent = node.pointer.slice(0, node.pointer.lastIndexOf('/'));
      const doc = documentAt(header, parent.endsWith('/0') || parent === '' ? parent : parent, `${node.key}: `);
      const u = uri('hover');
      server.open(u, withForm(doc.text));
      const shown = await server.hover(u, doc.line, doc.character + 1);
      const formNode = resolveRef(form.schema, node.schema);
      const number = (formNode as JsonSchema)['x-item'];
      const description = node.schema.description as string | undefined;
      const problems = [
        !description || description.trim().length < 8 ? 'no description' : '',
        description && !shown.includes(description) ? 'description not shown' : '',
        node.schema.title && !shown.includes(node.schema.title) ? 'label not shown' : '',
        number && !shown.includes(number) ? 'number not shown' : '',
        isSignificant(form.schema, node.pointer) !== /\*\*[^*\n]+\*\* ※/.test(shown) ? '※ wrong' : '',
      ].filter(Boolean);
      if (problems.length) missing.push(`${node.pointer}: ${problems.join(', ')}`);
    }
    // Every item of every form has help (its description), shown by the editor's own hover.
    assert.deepEqual(missing, []);
  });
}
