/**
 * Which version of an assessment is rendered: the public one (default: 非公表 parts replaced by 「（非公表）」, see
 * model/withhold.ts) or the submission one for the 個人情報保護委員会 (everything). Applied once to a validation
 * result, before any renderer sees its data. A 非公表 list that does not fit the text makes the result unrenderable
 * for publication, with located errors: the text it should withhold is never published by mistake.
 */
import type { Diagnostic } from '../report/diagnostic.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import type { LoadedDocument } from '../load/load-file.ts';
import { publicView, withholdMessages } from '../model/withhold.ts';
import type { FormDefinition } from '../schema/registry.ts';

export type Edition = 'public' | 'submission';
export const editions: readonly Edition[] = ['public', 'submission'];

/** The banner every page of the submission version carries (site and PDF). */
export const submissionBanner = '提出用(非公表の部分を含む全文)。個人情報保護委員会への提出用です。公表しないでください。';

/** The edition from the environment (PIA_EDITION=submission); anything else is the public one. */
export function editionFromEnv(env: NodeJS.ProcessEnv = process.env): Edition {
  return env.PIA_EDITION === 'submission' ? 'submission' : 'public';
}

interface Renderable {
  file: string;
  renderable: boolean;
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  loaded?: LoadedDocument;
  form?: FormDefinition;
}

/** The result with the data of the edition; a public result whose 非公表 list does not apply is not renderable. */
export function inEdition<T extends Renderable>(result: T, edition: Edition): T {
  if (edition === 'submission' || !result.renderable || !result.data) return result;
  // Fail closed: without the form the public version cannot be made, and the full text must not be rendered.
  if (!result.form) throw new Error(`inEdition: no form for ${result.file}`);
  const view = publicView(result.data, result.form.schema);
  if (view.ok) return { ...result, data: view.data };
  const known = new Set(result.diagnostics.map((d) => `${d.rule}|${d.path}`));
  const added: Diagnostic[] = view.problems
    .filter((p) => !known.has(`withheld-part|${p.path}`))
    .map((p) => ({
      rule: 'withheld-part',
      severity: 'error',
      file: result.file,
      ...(result.loaded?.locate(p.path) ?? { line: 1, col: 1 }),
      path: p.path,
      message: fillTemplate(withholdMessages[p.messageId].message, p.data),
      hint: fillTemplate(withholdMessages[p.messageId].hint, p.data),
    }));
  const diagnostics = [...result.diagnostics.map((d) => (d.rule === 'withheld-part' ? { ...d, severity: 'error' as const } : d)), ...added];
  return { ...result, renderable: false, data: undefined, diagnostics };
}
