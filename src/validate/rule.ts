/** The shape of a semantic validation rule: meta + one pure function (see STYLE.md 3.2). */
import type { JsonSchema } from '../schema/registry.ts';

export type Level = 'error' | 'warning';

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
   * Semantic roles (schema x-role) the rule reads. A form that lacks one of them does not get the rule
   * (e.g. the 30-day 意見聴取 rule needs ③期間を短縮する特段の理由, which only the 全項目評価書 has).
   */
  requires?: readonly string[];
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
  level?: Level;
  /** Completeness for publication: a warning in draft, an error with --strict. */
  completeness?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): RuleFinding[];
}
