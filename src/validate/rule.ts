/** The shape of a semantic validation rule: meta + one pure function (see STYLE.md 3.2). */
import type { JsonSchema } from '../schema/registry.ts';

export type Level = 'error' | 'warning';

/** A finding may also be information: a point to confirm that is not an error in the document. */
export type FindingLevel = Level | 'info';

export interface RuleMeta {
  /** kebab-case, equal to the file name, permanent. */
  id: string;
  /** Japanese title shown in `pia rules` and the docs. */
  title: string;
  /** Level of a finding, unless the finding is about completeness (warning in draft, error with --strict). */
  level: Level;
  /** Why the rule exists, in Japanese. */
  rationale: string;
  /** Legal or official source, where there is one. */
  basis?: string;
  /**
   * The semantic roles (x-role, schemas/roles.v1.json) the rule reads. On a form that lacks one of them the rule
   * is not applicable: it does not run, and `pia rules --form` lists it as such. Rules that read only generic
   * annotations (x-render, required, dates) need none.
   */
  requires?: string[];
  /** Roles the rule reads when the form has them but can do without. */
  optional?: string[];
  /** messageId → Japanese template with {placeholders}. */
  messages: Record<string, string>;
  /** messageId → hint template. */
  hints?: Record<string, string>;
}

export interface RuleContext {
  /** Assessment data after schema validation (items may be missing, never of the wrong type). */
  data: Record<string, unknown>;
  schema: JsonSchema;
  /** Today's date (ISO) in Japan. */
  today: string;
}

export interface RuleFinding {
  messageId: string;
  /** JSON Pointer of the value the finding is about. */
  path: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's level for this finding. */
  level?: FindingLevel;
  /** Completeness for publication: a warning in draft, an error with --strict. */
  completeness?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): RuleFinding[];
}
