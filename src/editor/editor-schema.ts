/**
 * The editor-facing schema of a form, generated from the form schema (schemas/<form>.schema.json →
 * schemas/editor/<form>.editor.schema.json) for yaml-language-server (VS Code's YAML extension):
 * - every property inlined at its place, with the `type` of what its $ref names, so completion inserts `key: `
 *   (or `key:` and an indented block for objects and lists) instead of a bare key;
 * - `markdownDescription` for hover: the item number, the official label and path, ※ (重要な変更の対象),
 *   the choices, the item's description, and a note when the item is not verified against the original form;
 * - `defaultSnippets` for each repeated block (委託事項, 提供先 …) that insert valid YAML with its required keys.
 * The form schema stays the one source: `npm run gen:editor` writes these files, a test checks they are current.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from '../schema/registry.ts';
import { isSignificant, itemLabel, itemPath, resolveRef } from '../schema/walk.ts';
import { pointerOf } from '../report/diagnostic.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const editorDir = path.join(projectRoot, 'schemas/editor');

/** schemas/focused.v1.schema.json → schemas/editor/focused.v1.editor.schema.json */
export function editorSchemaFile(formFile: string): string {
  return path.join(editorDir, path.basename(formFile).replace(/\.schema\.json$/, '.editor.schema.json'));
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

function typesOf(schema: JsonSchema): JsonType[] | undefined {
  if (schema.type) return (Array.isArray(schema.type) ? schema.type : [schema.type]) as JsonType[];
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (!values) return schema.properties ? ['object'] : schema.items ? ['array'] : undefined;
  const kinds = new Set<JsonType>(values.map((v: unknown) => (v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string')));
  return [...kinds];
}

/** Keys the editor schema keeps from the form schema (validation and documentation); x- annotations are dropped. */
const kept = ['title', 'description', 'type', 'enum', 'const', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'required', 'additionalProperties'] as const;

function choiceText(schema: JsonSchema): string | undefined {
  const values = (schema.enum ?? []).filter((v: unknown) => v !== null);
  if (values.length === 0) return undefined;
  const shown = values.map((v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return `選択肢: ${shown.map((v: string) => `\`${v}\``).join(' / ')}${schema.enum!.includes(null) ? '(空欄は `null`)' : ''}`;
}

function hover(root: JsonSchema, pointer: string, key: string, schema: JsonSchema, description: string | undefined): string {
  const label = itemLabel(schema, key);
  const place = itemPath(root, pointer);
  const significant = isSignificant(root, pointer);
  const lines = [`**${label}**${significant ? ' ※' : ''}`];
  if (place && place !== label) lines.push(place);
  if (description) lines.push(description);
  const choices = choiceText(schema);
  if (choices) lines.push(choices);
  if (significant) lines.push('※ この項目の変更は重要な変更にあたり、変更の前に評価を実施し直して提出・公表します(事前)。');
  if (schema['x-unverified']) lines.push('(この項目の番号・名称は原本の様式で未確認です。)');
  return lines.join('\n\n');
}

/**
 * The body of a repeated block's snippet: its required keys, each with a tab stop whose default is valid YAML
 * (an ID, the first choice, or an empty string). yaml-language-server writes `key:null` for a null body value,
 * which is not YAML, so no value is null.
 */
function skeleton(root: JsonSchema, schema: JsonSchema, stop: { n: number }, depth = 0): unknown {
  const s = resolveRef(root, schema);
  const types = typesOf(s) ?? [];
  const tab = (text: string) => `\${${stop.n++}:${text}}`;
  if (types.includes('object') && s.properties) {
    const out: Record<string, unknown> = {};
    for (const key of s.required ?? []) {
      const child = s.properties[key];
      if (child && depth < 6) out[key] = skeleton(root, child, stop, depth + 1);
    }
    return out;
  }
  if (types.includes('array')) return [];
  if (s.pattern === '^[a-z0-9][a-z0-9-]*$') return tab('id-1');
  const choice = (s.enum ?? []).find((v: unknown) => typeof v === 'string');
  if (typeof choice === 'string') return tab(choice);
  return tab('');
}

function convert(root: JsonSchema, node: JsonSchema, pointer: string, key: string, depth: number): JsonSchema {
  if (depth > 20) throw new Error(`${pointer}: schema nested too deep`);
  const siblingDescription = node.description;
  const s = resolveRef(root, node);
  const out: JsonSchema = {};
  for (const k of kept) if (s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
  const types = typesOf(s);
  if (types) out.type = types.length === 1 ? types[0] : types;
  if (pointer !== '') {
    // The item's own description (a $ref sibling's wins over the shared definition's).
    const description = siblingDescription ?? (node.$ref ? undefined : s.description) ?? s.description;
    out.markdownDescription = hover(root, pointer, key, s, description);
    if (description) out.description = description;
  }
  if (s.properties) {
    out.properties = {};
    for (const [name, child] of Object.entries(s.properties as Record<string, JsonSchema>)) {
      out.properties[name] = convert(root, child, pointer + pointerOf([name]), name, depth + 1);
    }
  }
  if (s.items) {
    const items = convert(root, s.items, `${pointer}/0`, key, depth + 1);
    const itemSchema = resolveRef(root, s.items);
    if ((typesOf(itemSchema) ?? []).includes('object')) {
      const label = s['x-repeat'] ? String(s['x-repeat']).replace('{n}', '') : (s.title ?? key);
      items.defaultSnippets = [{ label: `${label}を追加`, description: `${label}の記載(必須の項目)を1件加えます。ID は変更履歴の照合に使う識別子です。`, body: skeleton(root, s.items, { n: 1 }) }];
    }
    out.items = items;
  }
  return out;
}

/** The editor schema of one form schema (pure). */
export function editorSchema(form: JsonSchema, formFile: string): JsonSchema {
  const root = form;
  const body = convert(root, root, '', '', 0);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${String(form.$id ?? path.basename(formFile))}:editor`,
    $comment: `Generated from schemas/${path.basename(formFile)} by \`npm run gen:editor\` (src/editor/editor-schema.ts). Do not edit: change the form schema and regenerate.`,
    ...body,
    title: form.title,
    description: form.description,
  };
}

export function editorSchemaText(formFile: string): string {
  const form = JSON.parse(readFileSync(formFile, 'utf8')) as JsonSchema;
  return JSON.stringify(editorSchema(form, formFile), null, 2) + '\n';
}
