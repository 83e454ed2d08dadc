/**
 * One assessment and its checks.yaml → one result per claim. The probes read the live systems (observe.ts);
 * everything else here is deciding and locating: the rules decide, this file puts file:line on both sides.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { validateFile } from '../validate/validate.ts';
import type { LoadedDocument } from '../load/load-file.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { fillTemplate, segmentsOf } from '../report/diagnostic.ts';
import { isSignificant, itemPath } from '../schema/walk.ts';
import { resolvePointer } from '../model/pointer.ts';
import { fileCount as filesIn } from '../model/document.ts';
import { todayInJapan } from '../model/wareki.ts';
import { checksFileName, loadChecks } from './checks-file.ts';
import { ruleMeta } from './catalogue.ts';
import { openRun, warmUp } from './expressions.ts';
import { quoteValue } from './limits.ts';
import { observeAll } from './observe.ts';
import { redactor, secretsOf } from './redact.ts';
import { verifyAttestation } from './rules/attestation.ts';
import { verifyReference } from './rules/claim-reference.ts';
import { verifyCoverage } from './rules/coverage-gap.ts';
import { verifySource } from './rules/source-error.ts';
import { meta as staffThresholdMeta, verifyStaffThreshold } from './rules/staff-threshold.ts';
import { defaultPolicy, type CheckRun, type ClaimResult, type Note, type Observation, type Position, type Verdict } from './types.ts';
import { t } from '../report/i18n.ts';

export interface CheckOptions {
  allowCommands?: boolean;
  env?: NodeJS.ProcessEnv;
  today?: string;
}

export type CheckOutcome =
  | { kind: 'run'; run: CheckRun }
  | { kind: 'no-checks'; assessmentFile: string }
  /** The assessment or checks.yaml is not usable: input errors, exit code 2. */
  | { kind: 'invalid'; diagnostics: Diagnostic[] };

export function checksFileFor(assessmentFile: string): string {
  return path.join(path.dirname(assessmentFile), checksFileName);
}

function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (typeof current === 'object' && current !== null && !Array.isArray(current)) current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}

/**
 * Line and column of the quoted sentence itself when it sits inside a multi-line value (a |- block), so the
 * finding points at the sentence the officer wrote, not at the item's first line. Falls back to the value.
 */
function locateQuote(loaded: LoadedDocument, pointer: string, quote: string | undefined): Position {
  const start = loaded.locate(pointer);
  const node = loaded.doc.getIn(segmentsOf(pointer), true) as { range?: [number, number, number] } | undefined;
  if (!quote || !node?.range) return start;
  const offset = loaded.text.slice(node.range[0], node.range[1]).indexOf(quote);
  if (offset < 0) return start;
  const before = loaded.text.slice(0, node.range[0] + offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** Longest detail (an error text from a source or from JSONata) put into a message. */
const maxDetail = 300;

export async function checkAssessment(assessmentFile: string, options: CheckOptions = {}): Promise<CheckOutcome> {
  const checksFile = checksFileFor(assessmentFile);
  if (!existsSync(checksFile)) return { kind: 'no-checks', assessmentFile };
  warmUp();
  const today = options.today ?? todayInJapan();
  const validation = validateFile(assessmentFile, { today });
  if (!validation.data || !validation.form || !validation.loaded) {
    return { kind: 'invalid', diagnostics: validation.diagnostics.filter((d) => d.severity === 'error') };
  }
  const { data, loaded } = validation;
  const form = validation.form.schema;
  const checks = loadChecks(checksFile, form);
  if (!checks.ok) return { kind: 'invalid', diagnostics: checks.diagnostics };
  const { definition } = checks;
  const policy = {
    error: definition.方針?.エラー ?? defaultPolicy.error,
    unchecked: definition.方針?.未点検 ?? defaultPolicy.unchecked,
    expired: definition.方針?.期限切れ ?? defaultPolicy.expired,
  };
  const sources = definition.取得元 ?? {};
  const used = new Set(definition.主張.flatMap((c) => (c.点検 ? [c.点検.取得元] : [])));
  const env = options.env ?? process.env;
  const secrets = secretsOf(env);
  const redact = redactor(env);
  const observations = await observeAll(sources, used, { files: checks.files, allowCommands: options.allowCommands ?? false, env, secrets });
  const expressions = openRun({ assessment: data, sources: Object.fromEntries([...observations].flatMap(([name, o]) => (o.ok ? [[name, o.data]] : []))) });
  const fileCount = filesIn(form, data);
  // Every claim's expressions go to the worker now, in one hand-off; the loop below takes the results in order.
  const evaluations = definition.主張.map((claim) => {
    const check = claim.点検;
    if (claim.確認 || !check || !observations.get(check.取得元)?.ok) return undefined;
    const resolved = resolvePointer(data, claim.項目);
    const claimed = valueAt(data, resolved.ok ? resolved.pointer : claim.項目);
    return expressions.evaluate({ claim: claim.ID, source: check.取得元, observedExpression: check.観測値, condition: check.条件, claimed, today });
  });

  const results: ClaimResult[] = [];
  for (const [index, claim] of definition.主張.entries()) {
    // 項目 may name a repeated entry by its ID (/リスク対策/特定個人情報ファイル/kodomo/…): resolved to its position here.
    const resolved = resolvePointer(data, claim.項目);
    const pointer = resolved.ok ? resolved.pointer : claim.項目;
    const item = itemPath(form, pointer, { fileCount }) || pointer;
    const claimed = valueAt(data, pointer);
    const quote = claim.記載 ?? (typeof claimed === 'object' && claimed !== null ? t('check.wholeItem') : quoteValue(claimed, 80));
    const significantPointer = [pointer, ...(claim.関連項目 ?? [])].find((p) => isSignificant(form, p));
    const base: Omit<ClaimResult, 'status' | 'rule' | 'message' | 'hint'> = {
      claim: claim.ID,
      checks: { file: checksFile, ...checks.loaded.locate(`/主張/${index}`) },
      assessment: { file: assessmentFile, pointer, item, quote: claim.記載, significant: significantPointer !== undefined, ...locateQuote(loaded, pointer, claim.記載) },
      notes: [],
    };
    const finish = (verdict: Verdict, extra: Record<string, string | number> = {}, hintId?: string): ClaimResult => {
      const meta = ruleMeta(verdict.rule);
      const bounded = Object.fromEntries(Object.entries(verdict.data).map(([k, v]) => [k, typeof v === 'string' ? quoteValue(v, maxDetail, redact) : v]));
      const values = { claim: claim.ID, item, quote, ...extra, ...bounded };
      const hintTemplate = meta.hints?.[hintId ?? verdict.messageId];
      return { ...base, status: verdict.status, rule: verdict.rule, message: fillTemplate(meta.messages[verdict.messageId]!, values).trim(), hint: hintTemplate ? fillTemplate(hintTemplate, values) : undefined };
    };

    const reference = verifyReference(claim.ID, item, claimed, claim.記載);
    if (reference) {
      results.push(finish(reference));
      continue;
    }
    if (claim.確認) {
      results.push(finish(verifyAttestation(item, claim.確認, today)));
      continue;
    }
    if (!claim.点検) {
      results.push(finish(verifyCoverage(item, quote)));
      continue;
    }
    const check = claim.点検;
    const observation = observations.get(check.取得元) as Observation;
    if (!observation.ok) {
      results.push(finish(verifySource(check.取得元, observation)));
      continue;
    }
    const evaluation = (await evaluations[index])!;
    if (!evaluation.observed.ok) {
      results.push(finish({ status: 'error', rule: 'assertion', messageId: 'evaluation-failed', data: { expression: '観測値', detail: evaluation.observed.detail } }));
      continue;
    }
    const observedValue = evaluation.observed;
    const verdict = evaluation.verdict!;
    const place = check.位置 !== undefined ? observation.locate?.(check.位置) : undefined;
    const value = quoteValue(observedValue.value, 200, redact);
    const extra = { label: observation.label, value, description: check.説明 ? t('check.description', { text: check.説明 }) : '' };
    const significantItem = significantPointer ? itemPath(form, significantPointer, { fileCount }) : '';
    const result = finish(verdict, { ...extra, significantItem }, verdict.status === 'contradicted' && significantPointer ? 'contradicted-significant' : undefined);
    result.observed = { source: check.取得元, label: observation.label, value, file: observation.file, ...(place ?? {}) };
    if (verdict.status === 'contradicted') {
      const staff = verifyStaffThreshold(form, data, pointer, observedValue.value);
      if (staff) {
        const note: Note = {
          rule: staffThresholdMeta.id,
          level: 'warning',
          message: fillTemplate(staffThresholdMeta.messages[staff.messageId]!, staff.data),
          hint: staffThresholdMeta.hints?.[staff.messageId],
          file: assessmentFile,
          ...loaded.locate(staff.pointer),
        };
        result.notes.push(note);
      }
    }
    results.push(result);
  }
  expressions.close();
  return { kind: 'run', run: { assessmentFile, checksFile, policy, results } };
}

/** Does this run fail the CI gate? A contradiction always does; errors, gaps and expiries as the policy says. */
export function isFailing(run: CheckRun): boolean {
  return run.results.some((r) =>
    r.status === 'contradicted' ||
    (r.status === 'error' && run.policy.error === '失敗') ||
    (r.status === 'unchecked' && run.policy.unchecked === '失敗') ||
    (r.status === 'expired' && run.policy.expired === '失敗'));
}
