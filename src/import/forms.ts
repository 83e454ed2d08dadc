/**
 * The form schemas the importer reads: the files of schemas/ with an x-form, as JSON, without compiling
 * validators (the importer only walks them; `pia validate` compiles them when the draft is checked).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { schemaDir, type JsonSchema } from '../schema/registry.ts';

export interface FormSchema {
  /** Value of the 様式 key, e.g. 重点項目評価書. */
  formName: string;
  file: string;
  schema: JsonSchema;
}

let cache: FormSchema[] | undefined;

export function formSchemas(): FormSchema[] {
  if (cache) return cache;
  cache = [];
  for (const name of readdirSync(schemaDir).sort()) {
    if (!name.endsWith('.schema.json')) continue;
    const file = path.join(schemaDir, name);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
    const formName = schema.properties?.['様式']?.const;
    if (schema['x-form'] && typeof formName === 'string') cache.push({ formName, file, schema });
  }
  return cache;
}

/**
 * The 様式 tag printed in the cover's corner, 「[令和6年10月 様式3]」: x-form.tag if the schema gives one, else the
 * 和暦 month the edition starts with and the form code (the rule of the PDF renderer's formTag, which is not
 * imported here so that reading a PDF does not load the renderer and its fonts).
 */
export function formTagOf(root: JsonSchema): string | undefined {
  const form = root['x-form'] as { code?: string; edition?: string; tag?: string } | undefined;
  if (!form) return undefined;
  if (form.tag) return form.tag;
  const edition = /^((?:令和|平成)(?:\d+|元)年\d+月)/.exec(form.edition ?? '')?.[1];
  return `[${[edition, form.code].filter(Boolean).join(' ')}]`;
}
