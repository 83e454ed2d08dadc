/** The shape of a rule across the documents of one 事務 (or of the whole city): meta + one pure function. */
import type { RuleMeta } from '../validate/rule.ts';
import type { JsonSchema } from '../schema/registry.ts';

/** One 評価書 of a 事務, after schema validation. */
export interface OfficeDocument {
  file: string;
  /** 様式 name: 基礎項目評価書, 重点項目評価書, 全項目評価書. */
  formName: string;
  schema: JsonSchema;
  data: Record<string, unknown>;
}

/** One 事務: its folder and the 評価書 in it. */
export interface Office {
  /** The 事務 folder's name. */
  id: string;
  dir: string;
  documents: OfficeDocument[];
}

export interface OfficeRuleMeta extends RuleMeta {
  /** Roles the rule reads (validate/rule.ts); a document whose form lacks them contributes nothing. */
  requires: string[];
  /** The rule compares 事務 with each other (not only the 評価書 of one 事務): see OfficeOptions.wholeCity. */
  acrossOffices?: boolean;
}

export interface OfficeFinding {
  messageId: string;
  /** The document the finding is located in, and the JSON Pointer in it. */
  file: string;
  path: string;
  data?: Record<string, string | number>;
  level?: 'error' | 'warning';
  /** Completeness for publication: a warning in draft, an error with --strict. */
  completeness?: boolean;
}

export interface OfficeRule {
  meta: OfficeRuleMeta;
  /** All 事務 of the city at once: most rules look at one 事務 at a time, `office-number-unique` at all of them. */
  check(offices: readonly Office[]): OfficeFinding[];
}

/** The 基礎項目評価書: the form that is the assessment at level basic (x-form.level) and records the しきい値判断. */
export function isBasic(doc: { schema: JsonSchema }): boolean {
  return (doc.schema['x-form'] as { level?: string } | undefined)?.level === 'basic';
}
