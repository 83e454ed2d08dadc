/** Shared by the importer's tests and bench: sample assessments rendered to PDF, with or without the attachment. */
import { readFileSync, globSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { validateFile } from '../../src/validate/validate.ts';
import { canonicalJson } from '../../src/model/canonical.ts';
import { buildDocDefinition } from '../../src/render/pdf/doc-definition.ts';
import { renderDocDefinition } from '../../src/render/pdf/write.ts';
import { slugOf } from '../../src/model/slug.ts';
import type { JsonSchema } from '../../src/schema/registry.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** The reference text (a copy of the published PDF's extracted text kept in the repository). */
export const referenceTextFile = path.join(root, 'test/fixtures/reference/koshigaya-48-kodomo-iryohi.txt');
export const referenceText = readFileSync(referenceTextFile, 'utf8');

/** Every sample assessment on main: assessments/**\/assessment.yaml (all forms). */
export function sampleFiles(): string[] {
  return globSync('assessments/**/assessment.yaml', { cwd: root }).sort().map((f) => path.join(root, f));
}

export interface Sample {
  file: string;
  data: Record<string, unknown>;
  schema: JsonSchema;
}

export function loadSample(file: string): Sample {
  const result = validateFile(file, { today: '2026-11-25' });
  if (!result.renderable || !result.data || !result.form) throw new Error(`not renderable: ${file}`);
  return { file, data: result.data, schema: result.form.schema };
}

/** The project's PDF of a sample; `attachment: false` renders the same document without the attached JSON. */
export async function samplePdf(sample: Sample, options: { attachment: boolean }): Promise<Uint8Array> {
  const canonical = canonicalJson(sample.data, sample.schema);
  const dd = buildDocDefinition({ data: sample.data, schema: sample.schema, canonical, slug: slugOf(sample.file) });
  if (!options.attachment) (dd as { files?: unknown }).files = {};
  return renderDocDefinition(dd);
}
