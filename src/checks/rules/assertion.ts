/**
 * The claim's 条件, a JSONata expression over the observed configuration and the assessment itself:
 * true → satisfied, false → contradicted. Anything else (an evaluation error, a non-boolean) means the
 * check itself is broken, which is an error, not a contradiction.
 */
import jsonata from 'jsonata';
import { jsonataErrorJa } from '../../report/library-errors.ts';
import { bandByLabel, bandLabels } from '../../model/bands.ts';
import { evaluateExpression, type Evaluation, type ExpressionInput } from '../evaluate.js';
import { quoteValue } from '../limits.ts';
import type { Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const meta: CheckRuleMeta = {
  id: 'assertion',
  get title() { return tr('設定が評価書の記載どおりである', 'The configuration matches what the assessment states'); },
  yields: ['satisfied', 'contradicted', 'error'],
  rationale: '評価書のリスク対策や記載事項は、稼働中のシステムの設定で守られていなければなりません。',
  messages: bilingual({
    satisfied: '「{item}」の記載「{quote}」は、設定({label})のとおりです。{description}',
    contradicted: '「{item}」に「{quote}」と記載していますが、設定({label})では {value} です。{description}',
    'not-boolean': '主張 {claim} の条件が true / false になりませんでした(結果: {value})。',
    'evaluation-failed': '主張 {claim} の{expression}を評価できませんでした: {detail}',
  }, {
    satisfied: '「{item}」 states 「{quote}」, and the configuration ({label}) agrees. {description}',
    contradicted: '「{item}」 states 「{quote}」, but the configuration ({label}) has {value}. {description}',
    'not-boolean': 'The condition of claim {claim} did not give true or false (result: {value}).',
    'evaluation-failed': 'Could not evaluate the `{expression}` of claim {claim}: {detail}',
  }),
  hints: bilingual({
    contradicted: '設定を評価書の記載に合わせて直すか、評価書の記載を実態に合わせて直してください(評価書の修正は速やかに公表し、変更箇所に記録します)。',
    'contradicted-significant': '設定を評価書の記載に合わせて直してください。評価書の方を直す場合、「{significantItem}」は※の項目のため重要な変更にあたり、変更の前に評価をやり直して提出・公表する必要があります(事前)。',
    'not-boolean': '条件は比較(=、<、in など)や and / or で true か false になる式にしてください。',
    'evaluation-failed': 'checks.yaml の式と、取得元の内容の形を確認してください。',
  }, {
    contradicted: 'Fix the configuration to match the assessment, or fix the assessment to match reality (publish the corrected assessment promptly and record it in the 変更箇所).',
    'contradicted-significant': 'Fix the configuration to match the assessment. To change the assessment instead: 「{significantItem}」 is a ※ item, so the change is significant and must be re-assessed, submitted and published before it is made (事前).',
    'not-boolean': 'Write the condition as an expression that gives true or false: a comparison (=, <, in, …) or and / or.',
    'evaluation-failed': 'Check the expression in checks.yaml and the shape of what the source returns.',
  }),
};

/** A band as a numeric range [min, max) for expressions (x-bands of the forms; max exclusive, null: open-ended). */
export function bandRange(band: string): { min: number; max: number | null } | undefined {
  const range = bandByLabel(band);
  return range ? { min: range.min, max: range.max === null ? null : range.max + 1 } : undefined;
}

export type { Evaluation, ExpressionInput } from '../evaluate.js';
export { expressionLimits } from '../evaluate.js';

/** Every band label with its range, for the expression worker (which has no access to the forms' tables). */
export function bandTable(): Record<string, { min: number; max: number | null }> {
  return Object.fromEntries(bandLabels().flatMap((label) => {
    const range = bandRange(label);
    return range ? [[label, range]] : [];
  }));
}

/** Throws on a syntax error; used when loading checks.yaml so a typo is reported at its line. */
export function compileExpression(text: string): jsonata.Expression {
  return jsonata(text);
}

export async function evaluateObserved(expression: string | undefined, input: ExpressionInput): Promise<Evaluation> {
  if (expression === undefined) return { ok: true, value: input.observed };
  return localized(await evaluateExpression(expression, input, bandRange));
}

/** JSONata's error in Japanese, its original text kept in parentheses (evaluate.js passes the error's fields). */
export function localized(result: Evaluation): Evaluation {
  if (result.ok || !result.error) return result;
  const ja = jsonataErrorJa(result.error);
  return { ok: false, detail: `${ja.message}(${ja.detail})` };
}

/** The condition's result → the claim's verdict: true satisfied, false contradicted, anything else an error. */
export function verdictOf(claim: string, evaluation: Evaluation): Verdict {
  const result = localized(evaluation);
  if (!result.ok) return { status: 'error', rule: meta.id, messageId: 'evaluation-failed', data: { claim, expression: '条件', detail: result.detail } };
  if (result.value === true) return { status: 'satisfied', rule: meta.id, messageId: 'satisfied', data: {} };
  if (result.value === false) return { status: 'contradicted', rule: meta.id, messageId: 'contradicted', data: {} };
  const value = result.value;
  return { status: 'error', rule: meta.id, messageId: 'not-boolean', data: { claim, value: value === undefined ? tr('(値なし)', '(no value)') : quoteValue(typeof value === 'string' ? JSON.stringify(value) : value) } };
}

export async function verifyAssertion(claim: string, condition: string, input: ExpressionInput, value: unknown): Promise<Verdict> {
  return verdictOf(claim, await evaluateExpression(condition, input, bandRange, value));
}
