/**
 * Check results → text for people, JSON for machines, JUnit XML and SARIF 2.1.0 for CI dashboards and code
 * scanning, GitHub Actions annotations for pull requests. Small pure functions, no I/O.
 */
import path from 'node:path';
import type * as Sarif from 'sarif';
import { displayPath, githubAnnotation } from '../report/format.ts';
import { codeQualityFromSarif } from '../report/codequality.ts';
import { t } from '../report/i18n.ts';
import { formatJunitXml, type CaseOutcome, type JunitCase, type JunitSuite } from '../report/junit.ts';
import { kindAndLevel, sarifLocation, sarifLog, sarifRule, sarifTool, sarifUri, withRuleIndex } from '../report/sarif.ts';
import { checkRules } from './catalogue.ts';
import { isFailing } from './run.ts';
import { statusLabels, type CheckRun, type ClaimResult, type Status } from './types.ts';

export const checkFormats = ['text', 'json', 'junit', 'sarif', 'codequality', 'github'] as const;
export type CheckFormat = (typeof checkFormats)[number];

const display = displayPath;

function observedPlace(r: ClaimResult): string {
  if (!r.observed) return '';
  if (r.observed.file && r.observed.line !== undefined) return `${display(r.observed.file)}:${r.observed.line}:${r.observed.col ?? 1}`;
  return r.observed.file ? display(r.observed.file) : r.observed.label;
}

export function summarize(results: readonly ClaimResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { satisfied: 0, contradicted: 0, error: 0, unchecked: 0, attested: 0, expired: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** The status word in the current language (statusLabels are the Japanese ones, used in every format). */
function statusText(s: Status): string {
  return t(`status.${s}`);
}

function summaryLine(results: readonly ClaimResult[]): string {
  const c = summarize(results);
  return (Object.keys(statusLabels) as Status[]).map((s) => t('check.count', { label: statusText(s), n: c[s] })).join(t('summary.separator'));
}

/** Does a result fail the build under its run's policy? Used for severities in every format. */
function isBlocking(run: CheckRun, r: ClaimResult): boolean {
  return isFailing({ ...run, results: [r] });
}

export function formatText(runs: readonly CheckRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    lines.push(t('check.heading', { assessment: display(run.assessmentFile), checks: display(run.checksFile) }));
    for (const r of run.results) {
      lines.push(`${display(r.assessment.file)}:${r.assessment.line}:${r.assessment.col}  ${statusText(r.status)}  ${r.claim}: ${r.message}  [${r.rule}]`);
      if (r.observed && (r.status === 'contradicted' || r.status === 'satisfied')) lines.push(`  ${t('check.observed')}: ${observedPlace(r)}  ${r.observed.value}`);
      if (r.status !== 'satisfied' && r.status !== 'attested') lines.push(`  ${t('check.definition')}: ${display(r.checks.file)}:${r.checks.line}:${r.checks.col}`);
      if (r.hint && r.status !== 'satisfied' && r.status !== 'attested') lines.push(`  hint: ${r.hint}`);
      for (const n of r.notes) {
        lines.push(`${display(n.file)}:${n.line}:${n.col}  ${n.level === 'error' ? t('check.noteError') : t('check.noteWarning')}  ${n.message}  [${n.rule}]`);
        if (n.hint) lines.push(`  hint: ${n.hint}`);
      }
    }
    const verdict = isFailing(run) ? t('check.failing') : t('check.passing');
    lines.push(t('check.summary', { n: run.results.length, counts: summaryLine(run.results), verdict }));
    lines.push('');
  }
  return lines.join('\n');
}

export function formatJson(runs: readonly CheckRun[]): string {
  return JSON.stringify({
    version: 1,
    runs: runs.map((run) => ({
      assessment: display(run.assessmentFile),
      checks: display(run.checksFile),
      policy: run.policy,
      failing: isFailing(run),
      summary: summarize(run.results),
      results: run.results.map((r) => ({
        claim: r.claim,
        status: r.status,
        rule: r.rule,
        message: r.message,
        hint: r.hint ?? null,
        assessment: { ...r.assessment, file: display(r.assessment.file), quote: r.assessment.quote ?? null },
        observed: r.observed ? { ...r.observed, file: r.observed.file ? display(r.observed.file) : null } : null,
        checks: { ...r.checks, file: display(r.checks.file) },
        notes: r.notes.map((n) => ({ ...n, file: display(n.file), hint: n.hint ?? null })),
      })),
    })),
  }, null, 2) + '\n';
}

/** The item a result is about, for unique JUnit names and SARIF messages. */
function itemOf(r: ClaimResult): string {
  return r.assessment.item || r.claim;
}

/**
 * JUnit (junit-10.xsd): one testsuite per assessment, one testcase per claim and per note, named by rule + claim +
 * item (unique): contradiction → failure, a blocking error/expiry/gap → failure or error, the others → skipped.
 */
export function formatJunit(runs: readonly CheckRun[]): string {
  const suites: JunitSuite[] = runs.map((run) => {
    const classname = path.basename(path.dirname(run.assessmentFile));
    const cases: JunitCase[] = [];
    for (const r of run.results) {
      const where = `${t('check.assessment')}: ${display(r.assessment.file)}:${r.assessment.line}:${r.assessment.col}`;
      const body = [r.message, r.observed ? `${t('check.observed')}: ${observedPlace(r)} ${r.observed.value}` : '', r.hint ? `hint: ${r.hint}` : '', where, `${t('check.definition')}: ${display(r.checks.file)}:${r.checks.line}:${r.checks.col}`].filter(Boolean).join('\n');
      const blocking = isBlocking(run, r);
      const outcome: CaseOutcome = r.status === 'satisfied' || r.status === 'attested' ? 'passed'
        : r.status === 'error' ? (blocking ? 'error' : 'skipped')
        : r.status === 'contradicted' || blocking ? 'failure' : 'skipped';
      cases.push({ name: `[${r.rule}] ${r.claim}: ${itemOf(r)}`, classname, outcome, message: outcome === 'skipped' ? `${statusLabels[r.status]}: ${r.message}` : r.message, type: r.rule, body });
      for (const n of r.notes) {
        cases.push({ name: `[${n.rule}] ${r.claim}: ${itemOf(r)}`, classname, outcome: n.level === 'error' ? 'failure' : 'skipped', message: n.message, type: n.rule, body: [n.message, n.hint ? `hint: ${n.hint}` : '', `${display(n.file)}:${n.line}:${n.col}`].filter(Boolean).join('\n') });
      }
    }
    return { name: display(run.assessmentFile), file: display(run.assessmentFile), cases };
  });
  return formatJunitXml('pia check', suites);
}

/**
 * SARIF 2.1.0 for code scanning: one result per claim that needs attention (contradicted, error, unchecked,
 * expired) and per note; claims that hold are counted in the run's properties, not reported as results (code
 * scanning would open an alert for each). A result that fails the build under the policy is kind fail with level
 * error; a non-blocking error is kind review, a non-blocking gap kind open (both level none, §3.27.10).
 * partialFingerprints name the checks file and the claim ID, so an alert survives lines moving.
 */
export function formatSarif(runs: readonly CheckRun[]): string {
  const rules = checkRules.map((meta) => sarifRule({ id: meta.id, title: meta.title, description: meta.rationale }));
  const results: Sarif.Result[] = runs.flatMap((run) => run.results.flatMap((r): Sarif.Result[] => {
    const notes = r.notes.map((n): Sarif.Result => ({
      ruleId: n.rule,
      ...kindAndLevel('fail', n.level),
      message: { text: n.hint ? `${n.message}\n${n.hint}` : n.message },
      locations: [sarifLocation(n.file, n.line, n.col)],
      partialFingerprints: { 'piaClaim/v1': `${sarifUri(run.checksFile)}#${r.claim}/${n.rule}` },
      properties: { claim: r.claim },
    }));
    if (r.status === 'satisfied' || r.status === 'attested') return notes;
    const related = [sarifLocation(r.checks.file, r.checks.line, r.checks.col, t('check.definition'), 1)];
    if (r.observed?.file) related.push(sarifLocation(r.observed.file, r.observed.line ?? 1, r.observed.col ?? 1, `${t('check.observed')}: ${r.observed.value}`, 2));
    const blocking = isBlocking(run, r);
    const pair = blocking || r.status === 'contradicted' ? kindAndLevel('fail', blocking ? 'error' : 'warning')
      : r.status === 'expired' ? kindAndLevel('fail', 'warning')
      : kindAndLevel(r.status === 'error' ? 'review' : 'open', 'warning');
    const main: Sarif.Result = {
      ruleId: r.rule,
      ...pair,
      message: { text: `${statusLabels[r.status]}: ${r.message}${r.hint ? `\n${r.hint}` : ''}` },
      locations: [sarifLocation(r.assessment.file, r.assessment.line, r.assessment.col)],
      relatedLocations: related,
      partialFingerprints: { 'piaClaim/v1': `${sarifUri(run.checksFile)}#${r.claim}` },
      properties: { claim: r.claim, status: r.status, item: r.assessment.item, significant: r.assessment.significant },
    };
    return [main, ...notes];
  }));
  return sarifLog({
    tool: sarifTool('pia check', rules),
    columnKind: 'unicodeCodePoints',
    results: withRuleIndex(rules, results),
    properties: { summary: summarize(runs.flatMap((run) => run.results)), failing: runs.some(isFailing) },
  });
}

/** GitHub Actions workflow commands: contradictions and blocking results are errors on the pull request. */
export function formatGithub(runs: readonly CheckRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      if (r.status === 'satisfied' || r.status === 'attested') continue;
      const kind = isBlocking(run, r) ? 'error' : r.status === 'unchecked' ? 'notice' : 'warning';
      const text = [r.message, r.observed ? `${t('check.observed')}: ${observedPlace(r)} ${r.observed.value}` : '', r.hint ?? ''].filter(Boolean).join('\n');
      lines.push(githubAnnotation(kind, r.assessment, `${statusLabels[r.status]} ${r.claim} [${r.rule}]`, text));
      for (const n of r.notes) lines.push(githubAnnotation(n.level, n, n.rule, n.message + (n.hint ? `\n${n.hint}` : '')));
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

export function formatRuns(format: CheckFormat, runs: readonly CheckRun[]): string {
  switch (format) {
    case 'json':
      return formatJson(runs);
    case 'junit':
      return formatJunit(runs);
    case 'sarif':
      return formatSarif(runs);
    case 'codequality':
      return codeQualityFromSarif(formatSarif(runs));
    case 'github':
      return formatGithub(runs);
    default:
      return formatText(runs);
  }
}
