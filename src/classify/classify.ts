/**
 * Change[] → Classified[]: every rule looks at every change; findings of a rule that another matching rule
 * names in `meta.relaxes` are set aside; the strictest remaining class wins (再評価 > 事前 > 事後). A change no
 * rule matches stays unclassified and is reported as an error: it never silently becomes 事後.
 */
import type { Change } from '../diff/change.ts';
import { fillTemplate } from '../report/diagnostic.ts';
import type { ClassifyContext, ClassifyRule, Timing } from './rule.ts';
import { timingRank } from './rule.ts';
import { formRoles, missingRoles } from '../model/roles.ts';
import { impliedChanges } from './linked.ts';
import { classificationRules } from './catalogue.ts';
import { tr } from '../report/i18n.ts';

export interface RuleHit {
  rule: string;
  messageId: string;
  message: string;
  timing: Timing;
  basis: string;
  /** ID of the rule that set this finding aside. */
  relaxedBy?: string;
  /** Draft 提出時期に係る説明 for a 変更箇所 row this hit decides (rule meta.explanation, filled). */
  explanation: string;
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

/** The checkbox state of a value, whether plain or { 選択, … }. */
function stateOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && '選択' in value ? (value as { 選択: unknown })['選択'] : value;
}

function withState(value: unknown, state: boolean): unknown {
  return typeof value === 'object' && value !== null && '選択' in value ? { ...(value as object), 選択: state } : state;
}

/**
 * A checkbox that was 不明 (not readable in the original) is classified by every state it may have had: when
 * all give the same class, that is the class; otherwise the strictest (fail-safe). A possible old state equal to
 * the new one is no change of the 評価書's content, only of what is known about it: a correction (事後).
 */
function classifyUnknown(change: Change, context: ClassifyContext, rules: readonly ClassifyRule[]): Classified | undefined {
  if (change.kind !== 'changed' || stateOf(change.before) !== '不明') return undefined;
  const after = stateOf(change.after);
  if (after !== true && after !== false) return undefined;
  const variants = [true, false].map((old) => (old === after ? undefined : classifyKnown({ ...change, before: withState(change.before, old) }, context, rules)));
  const timings = variants.map((v) => v?.timing ?? 'after');
  const decided = variants.find((v) => v !== undefined)!;
  const same = timings.every((t) => t === timings[0]);
  const timing = same ? timings[0] : timings.reduce((a, b) => (timingRank[b] > timingRank[a] ? b : a));
  const hit: RuleHit = {
    rule: 'unknown-state',
    messageId: same ? 'same' : 'strictest',
    message: same
      ? tr(`変更前の状態が不明でしたが、チェックあり・なしのどちらだったとしても${timingLabel(timing)}です。`, `The state before the change was unknown, but whether it was checked or not, the change is ${timingLabel(timing)}.`)
      : tr(`変更前の状態が不明で、チェックあり・なしのどちらだったかにより区分が変わるため、厳しい方の${timingLabel(timing)}とします。`, `The state before the change was unknown, and the timing depends on whether it was checked, so the stricter ${timingLabel(timing)} is taken.`),
    timing,
    basis: '特定個人情報保護評価に関する規則 第11条(安全側の判断)',
    explanation: same
      ? (decided.hits.find((h) => h.timing === timing)?.explanation ?? '')
      : '変更前の状態を原本で確認できず、重要な変更に当たらないことを確かめられないため、評価を再実施し、変更前に提出・公表する。',
  };
  // The rules' messages describe the assumed old state (チェックなし → チェックあり): each says so.
  const assumed = !after;
  const supposing = tr(`変更前がチェック${assumed ? 'あり' : 'なし'}だった場合: `, `If it was ${assumed ? 'checked' : 'unchecked'} before: `);
  const hits = decided.hits.filter((h) => h.timing === timing).map((h) => ({ ...h, message: supposing + h.message }));
  return { ...decided, change, timing, ruleTiming: timing, hits: [...hits, hit] };
}

const timingLabel = (t: Timing) => ({ before: '事前', after: '事後', reassess: '再評価' })[t];

export function classifyChange(change: Change, context: ClassifyContext, rules: readonly ClassifyRule[] = classificationRules): Classified {
  const own = classifyUnknown(change, context, rules) ?? classifyKnown(change, context, rules);
  const implied = impliedChanges(change, context);
  if (implied.length === 0) return own;
  // The stricter side: the ※ item that states the same fact changes too (linked-item-changed).
  const hits = [...own.hits];
  for (const other of implied) {
    const timing: Timing = other.change ? ((classifyUnknown(other.change, context, rules) ?? classifyKnown(other.change, context, rules)).timing ?? 'before') : 'before';
    hits.push({
      rule: 'linked-item-changed',
      messageId: other.change ? 'implied' : 'ambiguous',
      message: other.change
        ? tr(`「${change.item}」が変わると、同じ事実を述べる※の項目「${other.other}」も「${other.from}」から「${other.to}」に変わります(${other.link.title})。その変更として${timingLabel(timing)}です。`, `When 「${change.item}」 changes, the ※ item that states the same fact, 「${other.other}」, changes too, from 「${other.from}」 to 「${other.to}」 (${other.link.title}). As that change, it is ${timingLabel(timing)}.`)
        : tr(`「${change.item}」が変わると、同じ事実を述べる※の項目「${other.other}」(今は「${other.from}」)も見直しが必要です(${other.link.title})。どう変わるか決まらないため、安全側の事前とします。`, `When 「${change.item}」 changes, the ※ item that states the same fact, 「${other.other}」 (now 「${other.from}」), must be reviewed too (${other.link.title}). How it changes is not known, so it is taken as 事前 to be safe.`),
      timing,
      basis: '特定個人情報保護評価に関する規則 第11条(重要な変更)、様式の定義 x-links',
      explanation: timing === 'after'
        ? `同じ事実を述べる※の項目(${other.other})もリスクを軽減させる方向に変わるのみであり、重要な変更に当たらないため、変更後に速やかに提出・公表する。`
        : `同じ事実を述べる※の項目(${other.other})も変わる重要な変更のため、評価を再実施し、変更前に提出・公表する。`,
    });
  }
  const timing = hits.reduce<Timing | undefined>((worst, h) => (!worst || timingRank[h.timing] > timingRank[worst] ? h.timing : worst), undefined);
  return { ...own, timing, ruleTiming: timing, hits };
}

function classifyKnown(change: Change, context: ClassifyContext, rules: readonly ClassifyRule[]): Classified {
  const roles = formRoles(context.root);
  rules = rules.filter((r) => missingRoles(r.meta, roles).length === 0);
  const all: RuleHit[] = [];
  for (const rule of rules) {
    for (const finding of rule.classify(change, context)) {
      all.push({
        rule: rule.meta.id,
        messageId: finding.messageId,
        message: fillTemplate(rule.meta.messages[finding.messageId] ?? finding.messageId, finding.data),
        timing: finding.timing ?? rule.meta.timing,
        basis: rule.meta.basis,
        explanation: fillTemplate(rule.meta.explanation, finding.data),
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
