/**
 * Change[] → Classified[]: every rule looks at every change; findings of a rule that another matching rule
 * names in `meta.relaxes` are set aside; the strictest remaining class wins (再評価 > 事前 > 事後). A change no
 * rule matches stays unclassified and is reported as an error: it never silently becomes 事後.
 */
import type { Change } from '../diff/change.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import type { ClassifyContext, ClassifyRule, Timing } from './rule.ts';
import { timingRank } from './rule.ts';
import { classificationRules } from './catalogue.ts';

export interface RuleHit {
  rule: string;
  messageId: string;
  message: string;
  timing: Timing;
  basis: string;
  /** ID of the rule that set this finding aside. */
  relaxedBy?: string;
}

/** A reviewer's recorded decision for one change (decisions.yaml). */
export interface AppliedDecision {
  index: number;
  timing: Timing;
  reason: string;
  by: string;
  date: string;
}

export interface Classified {
  change: Change;
  /** Undefined when no rule matched (unclassified-change). */
  timing?: Timing;
  /** The class the rules gave, before a reviewer's decision. */
  ruleTiming?: Timing;
  hits: RuleHit[];
  relaxed: RuleHit[];
  decision?: AppliedDecision;
}

export function classifyChange(change: Change, context: ClassifyContext, rules: readonly ClassifyRule[] = classificationRules): Classified {
  const all: RuleHit[] = [];
  for (const rule of rules) {
    for (const finding of rule.classify(change, context)) {
      all.push({
        rule: rule.meta.id,
        messageId: finding.messageId,
        message: fillTemplate(rule.meta.messages[finding.messageId] ?? finding.messageId, finding.data),
        timing: finding.timing ?? rule.meta.timing,
        basis: rule.meta.basis,
      });
    }
  }
  const matched = new Set(all.map((h) => h.rule));
  const relaxers = new Map<string, string>();
  for (const rule of rules) if (matched.has(rule.meta.id)) for (const target of rule.meta.relaxes ?? []) relaxers.set(target, rule.meta.id);
  const hits: RuleHit[] = [];
  const relaxed: RuleHit[] = [];
  for (const hit of all) {
    const by = relaxers.get(hit.rule);
    if (by) relaxed.push({ ...hit, relaxedBy: by });
    else hits.push(hit);
  }
  const timing = hits.reduce<Timing | undefined>((worst, h) => (!worst || timingRank[h.timing] > timingRank[worst] ? h.timing : worst), undefined);
  return { change, timing, ruleTiming: timing, hits, relaxed };
}

export function classifyChanges(changes: readonly Change[], context: ClassifyContext, rules: readonly ClassifyRule[] = classificationRules): Classified[] {
  return changes.map((change) => classifyChange(change, context, rules));
}
