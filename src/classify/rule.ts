/** The shape of a change classification rule: meta + one pure function (STYLE.md 3.2). */
import type { JsonSchema } from '../schema/registry.ts';
import type { Change } from '../diff/change.ts';

/** before = 事前 (重要な変更), after = 事後 (評価書の修正), reassess = 再評価 (しきい値判断の結果が上がる). */
export type Timing = 'before' | 'after' | 'reassess';

export const timingLabels: Record<Timing, string> = { before: '事前', after: '事後', reassess: '再評価' };

/** Strictest wins: 再評価 > 事前 > 事後. */
export const timingRank: Record<Timing, number> = { after: 1, before: 2, reassess: 3 };

export interface Rename {
  before: string;
  after: string;
  /** Why the name changed (条例・規則の改正など), shown in the explanation. */
  reason?: string;
}

export interface ClassifyContext {
  root: JsonSchema;
  oldData: Record<string, unknown>;
  newData: Record<string, unknown>;
  /** 組織・部署の名称変更 (rename table). */
  renames: readonly Rename[];
}

export interface ClassifyMeta {
  /** kebab-case, equal to the file name, permanent. */
  id: string;
  /** Japanese title shown in `pia rules`. */
  title: string;
  /** The class a finding of this rule gives, unless the finding overrides it. */
  timing: Timing;
  /** What the rule is about: official item numbers, '※' (every item marked ※), or roles (schemas/roles.v1.json). */
  items: string[];
  /** The official source (law, 規則, 指針, 記載要領), with article or section. */
  basis: string;
  /** Why the rule classifies this way, in Japanese. */
  rationale: string;
  /** IDs of rules whose findings this rule's findings set aside (fail-safe: only where named). */
  relaxes?: string[];
  /** Semantic roles the rule reads (x-role); on a form without them the rule is not applicable (pia rules --form). */
  requires?: string[];
  /** messageId → Japanese template with {placeholders}. */
  messages: Record<string, string>;
  /**
   * The draft 提出時期に係る説明 of a 変更箇所 row this rule decides, in the form's register (why 事前, why a
   * correction is 事後), with the finding's {placeholders}. A person confirms or rewrites it before publication.
   */
  explanation: string;
}

export interface ClassifyFinding {
  messageId: string;
  data?: Record<string, string | number>;
  /** Overrides the rule's timing for this finding. */
  timing?: Timing;
}

export interface ClassifyRule {
  meta: ClassifyMeta;
  classify(change: Change, context: ClassifyContext): ClassifyFinding[];
}
