/**
 * The JSON Schemas the site publishes at stable URLs, <base>schemas/<file>: each form's schema (the schema of its
 * JSON download, which names it in $schema) and the catalogue's. Served byte for byte as in schemas/.
 * Read from PIA_SCHEMA_DIR, which buildSite sets (the pages run from Astro's bundle, elsewhere than src/).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { JsonSchema } from '../schema/registry.ts';

export interface PublishedSchema {
  file: string;
  id: string;
  title: string;
  /** The form's name (様式 value) for a form schema. */
  formName?: string;
  text: string;
}

export const catalogueSchemaFile = 'catalogue.v1.schema.json';

export function publishedSchemas(dir = process.env.PIA_SCHEMA_DIR ?? path.resolve('schemas')): PublishedSchema[] {
  const out: PublishedSchema[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const schema = JSON.parse(text) as JsonSchema;
    const form = schema['x-form'];
    const formName = schema.properties?.['様式']?.const;
    if (form && typeof formName === 'string') out.push({ file, id: String(schema.$id), title: `${form.name}(${form.code}、${form.edition})`, formName, text });
    else if (file === catalogueSchemaFile) out.push({ file, id: String(schema.$id), title: schema.title ?? file, text });
  }
  return out;
}

/** The schema file of a form, by its 様式 value. */
export function schemaFileOf(formName: string, schemas: readonly PublishedSchema[] = publishedSchemas()): string {
  return schemas.find((s) => s.formName === formName)!.file;
}
