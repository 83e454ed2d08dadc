/**
 * `npm run gen`: TypeScript types of each form, generated from its JSON Schema, so that code reads assessments
 * with the form's own (Japanese) keys and no hand-written copy of the structure exists.
 * Output: src/model/<form-file>.generated.ts. A test fails when the committed output is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadForms, type JsonSchema } from '../schema/registry.ts';

function literal(value: unknown): string {
  return JSON.stringify(value);
}

function typeOf(schema: JsonSchema, root: JsonSchema, indent: string): string {
  // $defs are inlined: their names are Japanese, and Japanese stays out of TypeScript identifiers.
  if (schema.$ref) return typeOf(root.$defs![schema.$ref.replace('#/$defs/', '')]!, root, indent);
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) {
    return `Array<${schema.items ? typeOf(schema.items, root, indent) : 'unknown'}>`;
  }
  if (schema.properties) {
    const required = new Set(schema.required ?? []);
    const lines = Object.entries(schema.properties).map(([key, child]) => {
      const doc = [child['x-item'], child.title, child['x-significant-change'] ? '※' : ''].filter(Boolean).join(' ');
      return `${indent}  /** ${doc || key} */\n${indent}  ${literal(key)}${required.has(key) ? '' : '?'}: ${typeOf(child, root, indent + '  ')};`;
    });
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['unknown'];
  return types.map((t) => (t === 'integer' ? 'number' : t)).join(' | ');
}

export function generateTypes(schema: JsonSchema, typeName: string): string {
  return [
    `// Generated from schemas/ by \`npm run gen\` (src/model/generate-types.ts). Do not edit.`,
    `/* eslint-disable */`,
    ``,
    `export type ${typeName} = ${typeOf(schema, schema, '')};`,
    ``,
  ].join('\n');
}

export function generatedFiles(): { file: string; text: string }[] {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  return [...loadForms().values()].map((form) => {
    const base = path.basename(form.file).replace('.schema.json', '');
    const typeName = base.split(/[^a-z0-9]/i).map((p) => p[0]!.toUpperCase() + p.slice(1)).join('') + 'Assessment';
    return { file: path.join(dir, `${base}.generated.ts`), text: generateTypes(form.schema, typeName) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { file, text } of generatedFiles()) {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
