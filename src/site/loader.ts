/**
 * Astro content loader for the 評価書: each assessments/<slug>/assessment.yaml goes through the project's own
 * loader and validator (validateFile), so the site, the PDF and `pia validate` read the same data the same way.
 * No zod schema: JSON Schema is the only truth. An assessment that cannot be rendered stops the build with the
 * same file:line:col diagnostics as `pia validate`. The assessments folder comes from PIA_ASSESSMENTS.
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { validateFile } from '../validate/validate.ts';
import { formatText } from '../report/format.ts';
import { canonicalJson, toCanonical } from '../model/canonical.ts';
import { slugOf } from '../model/slug.ts';
import { todayInJapan } from '../model/wareki.ts';
import type { JsonSchema } from '../schema/registry.ts';

/** What a page gets for one 評価書: plain JSON, as Astro serialises the store. */
export interface AssessmentEntry {
  slug: string;
  /** The form's value of 様式; its schema is the `forms` entry of that id. */
  form: string;
  /** Canonical data (keys in the form's order, ISO dates). */
  data: Record<string, unknown>;
  sha256: string;
  /** True when out/pdf/<slug>.pdf exists: the page offers it for download. */
  hasPdf: boolean;
  /** Build date in Japan, used for the 公表予定 status. */
  today: string;
}

export interface SiteSources {
  assessmentsDir: string;
  pdfDir: string;
}

export function siteSources(env: NodeJS.ProcessEnv = process.env): SiteSources {
  return { assessmentsDir: path.resolve(env.PIA_ASSESSMENTS || 'assessments'), pdfDir: path.resolve(env.PIA_PDF_DIR || 'out/pdf') };
}

/** Marks the loader's error so that buildSite can report it as invalid input rather than an internal error. */
export const invalidAssessmentsMarker = 'PIA_INVALID_ASSESSMENTS';

export function findAssessments(dir: string): string[] {
  return globSync('**/assessment.{yaml,yml}', { cwd: dir }).sort().map((f) => path.join(dir, f));
}

export function assessmentLoader(): Loader {
  return {
    name: 'pia-assessments',
    load: async ({ store, logger }) => {
      const { assessmentsDir, pdfDir } = siteSources();
      const files = findAssessments(assessmentsDir);
      if (files.length === 0) throw new Error(`${invalidAssessmentsMarker}\n${assessmentsDir} に評価書(assessment.yaml)が見つかりません。`);
      const today = todayInJapan();
      const results = files.map((file) => validateFile(file));
      const broken = results.filter((r) => !r.renderable);
      if (broken.length > 0) {
        const diagnostics = broken.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error'));
        throw new Error(`${invalidAssessmentsMarker}\n${formatText(diagnostics, files.length)}様式の構造に合わない評価書があるため、サイトを作成しませんでした。`);
      }
      store.clear();
      for (const result of results) {
        const slug = slugOf(result.file);
        const schema = result.form!.schema as JsonSchema;
        const { sha256 } = canonicalJson(result.data!, schema);
        const entry: AssessmentEntry = {
          slug,
          form: result.form!.formName,
          data: toCanonical(result.data!, schema),
          sha256,
          hasPdf: existsSync(path.join(pdfDir, `${slug}.pdf`)),
          today,
        };
        store.set({ id: slug, data: entry as unknown as Record<string, unknown>, filePath: path.relative(process.cwd(), result.file) });
      }
      logger.info(`${results.length} 件の評価書を読み込みました。`);
    },
  };
}

/** The form definitions (schemas/*.schema.json) the assessments use, so pages read labels from the schema. */
export function formLoader(): Loader {
  return {
    name: 'pia-forms',
    load: async ({ store }) => {
      const { loadForms } = await import('../schema/registry.ts');
      store.clear();
      for (const form of loadForms().values()) store.set({ id: form.formName, data: JSON.parse(readFileSync(form.file, 'utf8')) as Record<string, unknown> });
    },
  };
}
