/** The shape of a control-check rule's metadata (STYLE.md 3.2): the function beside it stays pure. */
import type { Status } from '../types.ts';

export interface CheckRuleMeta {
  /** kebab-case, equal to the file name, permanent. */
  id: string;
  /** Japanese title shown by `pia check --list-rules`. */
  title: string;
  /** The statuses this rule can give (or 'note' for a warning beside a result). */
  yields: readonly (Status | 'note')[];
  /** Semantic roles the rule reads (x-role); on a form without them it is not applicable (pia rules --form). */
  requires?: string[];
  /** Why the rule exists, in Japanese. */
  rationale: string;
  /** messageId → Japanese template with {placeholders}. */
  messages: Record<string, string>;
  /** messageId → hint template. */
  hints?: Record<string, string>;
}
