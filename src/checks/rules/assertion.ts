/**
 * The claim's 条件, a JSONata expression over the observed configuration and the assessment itself:
 * true → satisfied, false → contradicted. Anything else (an evaluation error, a non-boolean) means the
 * check itself is broken, which is an error, not a contradiction.
 */
import jsonata from 'jsonata';
import { jsonataErrorJa } from '../../report/library-errors.ts';
import { bandByLabel } from '../../model/bands.ts';
import type { Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';

export const meta: CheckRuleMeta = {
  id: 'assertion',
  title: '設定が評価書の記載どおりである',
  yields: ['satisfied', 'contradicted', 'error'],
  rationale: '評価書のリスク対策や記載事項は、稼働中のシステムの設定で守られていなければなりません。',
  messages: {
    satisfied: '「{item}」の記載「{quote}」は、設定({label})のとおりです。{description}',
    contradicted: '「{item}」に「{quote}」と記載していますが、設定({label})では {value} です。{description}',
    'not-boolean': '主張 {claim} の条件が true / false になりませんでした(結果: {value})。',
    'evaluation-failed': '主張 {claim} の{expression}を評価できませんでした: {detail}',
  },
  hints: {
    contradicted: '設定を評価書の記載に合わせて直すか、評価書の記載を実態に合わせて直してください(評価書の修正は速やかに公表し、変更箇所に記録します)。',
    'contradicted-significant': '設定を評価書の記載に合わせて直してください。評価書の方を直す場合、「{significantItem}」は※の項目のため重要な変更にあたり、変更の前に評価をやり直して提出・公表する必要があります(事前)。',
    'not-boolean': '条件は比較(=、<、in など)や and / or で true か false になる式にしてください。',
    'evaluation-failed': 'checks.yaml の式と、取得元の内容の形を確認してください。',
  },
};

/** A band as a numeric range [min, max) for expressions (x-bands of the forms; max exclusive, null: open-ended). */
export function bandRange(band: string): { min: number; max: number | null } | undefined {
  const range = bandByLabel(band);
  return range ? { min: range.min, max: range.max === null ? null : range.max + 1 } : undefined;
}

export interface ExpressionInput {
  observed: unknown;
  assessment: unknown;
  claimed: unknown;
  today: string;
}

function bindings(input: ExpressionInput, value?: unknown): Record<string, unknown> {
  return {
    observed: input.observed,
    assessment: input.assessment,
    claimed: input.claimed,
    today: input.today,
    value,
    band: (name: string) => bandRange(name),
    inBand: (n: number, name: string) => {
      const range = bandRange(name);
      return range !== undefined && typeof n === 'number' && n >= range.min && (range.max === null || n < range.max);
    },
  };
}

/**
 * Limits of one evaluation (JSONata's own guardrails): a loop or recursion that never ends becomes an エラー of
 * the check after 2 s or 500 nested calls, instead of hanging the CI job. Real conditions take well under 1 ms.
 */
export const expressionLimits = { timeout: 2000, stack: 500 } as const;

/** JSONata's error in Japanese, its original text kept in parentheses. */
function jsonataDetail(error: unknown): string {
  const ja = jsonataErrorJa(error);
  return `${ja.message}(${ja.detail})`;
}

/** Throws on a syntax error; used when loading checks.yaml so a typo is reported at its line. */
export function compileExpression(text: string): jsonata.Expression {
  return jsonata(text);
}

export type Evaluation = { ok: true; value: unknown } | { ok: false; detail: string };

export async function evaluateObserved(expression: string | undefined, input: ExpressionInput): Promise<Evaluation> {
  if (expression === undefined) return { ok: true, value: input.observed };
  try {
    return { ok: true, value: await jsonata(expression, expressionLimits).evaluate(input.observed, bindings(input)) };
  } catch (error) {
    return { ok: false, detail: jsonataDetail(error) };
  }
}

export async function verifyAssertion(claim: string, condition: string, input: ExpressionInput, value: unknown): Promise<Verdict> {
  let result: unknown;
  try {
    result = await jsonata(condition, expressionLimits).evaluate(input.observed, bindings(input, value));
  } catch (error) {
    return { status: 'error', rule: meta.id, messageId: 'evaluation-failed', data: { claim, expression: '条件', detail: jsonataDetail(error) } };
  }
  if (result === true) return { status: 'satisfied', rule: meta.id, messageId: 'satisfied', data: {} };
  if (result === false) return { status: 'contradicted', rule: meta.id, messageId: 'contradicted', data: {} };
  return { status: 'error', rule: meta.id, messageId: 'not-boolean', data: { claim, value: result === undefined ? '(値なし)' : JSON.stringify(result) } };
}
