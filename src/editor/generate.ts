/** `npm run gen:editor`: writes schemas/editor/<form>.editor.schema.json for every form schema in schemas/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadForms } from '../schema/registry.ts';
import { editorDir, editorSchemaFile, editorSchemaText } from './editor-schema.ts';

mkdirSync(editorDir, { recursive: true });
for (const form of loadForms().values()) {
  const target = editorSchemaFile(form.file);
  writeFileSync(target, editorSchemaText(form.file));
  process.stdout.write(`${target}\n`);
}
