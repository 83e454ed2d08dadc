/**
 * Check results → text for people, JSON for machines, JUnit XML and SARIF 2.1.0 for CI dashboards and code
 * scanning, GitHub Actions annotations for pull requests. Small pure functions, no I/O.
 */
import path from 'node:path';
import { displayPath, githubAnnotation, xmlText } from '../report/format.ts';
import { checkRules } from './catalogue.ts';
import { isFailing } from './run.ts';
import { statusLabels, type CheckRun, type ClaimResult, type Status } from './types.ts';

export const checkFormats = ['text', 'json', 'junit', 'sarif', 'github'] as const;
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

function summaryLine(results: readonly ClaimResult[]): string {
  const c = summarize(results);
  return (Object.keys(statusLabels) as Status[]).map((s) => `${statusLabels[s]} ${c[s]}`).join('、');
}

/** Does a result fail the build under its run's policy? Used for severities in every format. */
function isBlocking(run: CheckRun, r: ClaimResult): boolean {
  return isFailing({ ...run, results: [r] });
}

export function formatText(runs: readonly CheckRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    lines.push(`# ${display(run.assessmentFile)}(点検の定義: ${display(run.checksFile)})`);
    for (const r of run.results) {
      lines.push(`${display(r.assessment.file)}:${r.assessment.line}:${r.assessment.col}  ${statusLabels[r.status]}  ${r.claim}: ${r.message}  [${r.rule}]`);
      if (r.observed && (r.status === 'contradicted' || r.status === 'satisfied')) lines.push(`  設定: ${observedPlace(r)}  ${r.observed.value}`);
      if (r.status !== 'satisfied' && r.status !== 'attested') lines.push(`  点検の定義: ${display(r.checks.file)}:${r.checks.line}:${r.checks.col}`);
      if (r.hint && r.status !== 'satisfied' && r.status !== 'attested') lines.push(`  hint: ${r.hint}`);
      for (const n of r.notes) {
        lines.push(`${display(n.file)}:${n.line}:${n.col}  ${n.level === 'error' ? 'エラー' : '警告'}  ${n.message}  [${n.rule}]`);
        if (n.hint) lines.push(`  hint: ${n.hint}`);
      }
    }
    const verdict = isFailing(run) ? '不合格(CI を止めます)' : '合格';
    lines.push(`点検 ${run.results.length} 件: ${summaryLine(run.results)}。方針による判定: ${verdict}。`);
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

const xml = xmlText;

/** One testsuite per assessment, one testcase per claim: contradiction → failure, error → error, gap → skipped. */
export function formatJunit(runs: readonly CheckRun[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = runs.flatMap((r) => r.results);
  const count = (rs: readonly ClaimResult[], s: (r: ClaimResult) => boolean) => rs.filter(s).length;
  const isFailure = (run: CheckRun, r: ClaimResult) => r.status === 'contradicted' || (r.status === 'expired' && isBlocking(run, r));
  const isSkipped = (run: CheckRun, r: ClaimResult) => r.status === 'unchecked' || (r.status === 'expired' && !isBlocking(run, r));
  const failures = runs.reduce((n, run) => n + count(run.results, (r) => isFailure(run, r)), 0);
  const skipped = runs.reduce((n, run) => n + count(run.results, (r) => isSkipped(run, r)), 0);
  out.push(`<testsuites name="pia check" tests="${all.length}" failures="${failures}" errors="${count(all, (r) => r.status === 'error')}" skipped="${skipped}">`);
  for (const run of runs) {
    const suite = display(run.assessmentFile);
    out.push(`  <testsuite name="${xml(suite)}" tests="${run.results.length}" failures="${count(run.results, (r) => isFailure(run, r))}" errors="${count(run.results, (r) => r.status === 'error')}" skipped="${count(run.results, (r) => isSkipped(run, r))}">`);
    for (const r of run.results) {
      const where = `${display(r.assessment.file)}:${r.assessment.line}`;
      out.push(`    <testcase classname="${xml(path.basename(path.dirname(run.assessmentFile)))}" name="${xml(`${r.claim} ${r.assessment.item}`)}" file="${xml(display(r.assessment.file))}" line="${r.assessment.line}">`);
      const body = xml([r.message, r.observed ? `設定: ${observedPlace(r)} ${r.observed.value}` : '', r.hint ? `hint: ${r.hint}` : '', `評価書: ${where}`, ...r.notes.map((n) => `${n.message} [${n.rule}]`)].filter(Boolean).join('\n'));
      if (isFailure(run, r)) out.push(`      <failure message="${xml(r.message)}" type="${r.rule}">${body}</failure>`);
      else if (r.status === 'error') out.push(`      <error message="${xml(r.message)}" type="${r.rule}">${body}</error>`);
      else if (isSkipped(run, r)) out.push(`      <skipped message="${xml(statusLabels[r.status] + ': ' + r.message)}"/>`);
      else out.push(`      <system-out>${xml(r.message)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** SARIF path: relative to the working directory with forward slashes, so code scanning maps it to the repository. */
function uri(file: string): string {
  return display(file).split(path.sep).join('/');
}

function sarifLevel(run: CheckRun, r: ClaimResult): 'error' | 'warning' | 'note' | 'none' {
  if (r.status === 'satisfied' || r.status === 'attested') return 'none';
  return isBlocking(run, r) ? 'error' : 'warning';
}

const sarifKind: Record<Status, string> = { satisfied: 'pass', attested: 'pass', contradicted: 'fail', expired: 'fail', error: 'review', unchecked: 'open' };

export function formatSarif(runs: readonly CheckRun[]): string {
  const rules = checkRules.map((meta) => ({ id: meta.id, name: meta.id, shortDescription: { text: meta.title }, fullDescription: { text: meta.rationale } }));
  const ruleIndex = (id: string) => rules.findIndex((r) => r.id === id);
  const results = runs.flatMap((run) => run.results.flatMap((r) => {
    const related = [{ id: 1, message: { text: '点検の定義' }, physicalLocation: { artifactLocation: { uri: uri(r.checks.file) }, region: { startLine: r.checks.line, startColumn: r.checks.col } } }];
    if (r.observed?.file) {
      related.push({ id: 2, message: { text: `設定: ${r.observed.value}` }, physicalLocation: { artifactLocation: { uri: uri(r.observed.file) }, region: { startLine: r.observed.line ?? 1, startColumn: r.observed.col ?? 1 } } });
    }
    const main = {
      ruleId: r.rule,
      ruleIndex: ruleIndex(r.rule),
      kind: sarifKind[r.status],
      level: sarifLevel(run, r),
      message: { text: r.hint && r.status !== 'satisfied' && r.status !== 'attested' ? `${r.message}\n${r.hint}` : r.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.assessment.file) }, region: { startLine: r.assessment.line, startColumn: r.assessment.col } } }],
      relatedLocations: related,
      partialFingerprints: { claim: `${uri(run.checksFile)}#${r.claim}` },
      properties: { claim: r.claim, status: r.status, item: r.assessment.item, significant: r.assessment.significant },
    };
    const notes = r.notes.map((n) => ({
      ruleId: n.rule,
      ruleIndex: ruleIndex(n.rule),
      kind: 'fail',
      level: n.level,
      message: { text: n.hint ? `${n.message}\n${n.hint}` : n.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(n.file) }, region: { startLine: n.line, startColumn: n.col } } }],
      partialFingerprints: { claim: `${uri(run.checksFile)}#${r.claim}/${n.rule}` },
      properties: { claim: r.claim },
    }));
    return [main, ...notes];
  }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'pia check', rules } }, columnKind: 'unicodeCodePoints', results }],
  }, null, 2) + '\n';
}

/** GitHub Actions workflow commands: contradictions and blocking results are errors on the pull request. */
export function formatGithub(runs: readonly CheckRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      if (r.status === 'satisfied' || r.status === 'attested') continue;
      const kind = isBlocking(run, r) ? 'error' : r.status === 'unchecked' ? 'notice' : 'warning';
      const text = [r.message, r.observed ? `設定: ${observedPlace(r)} ${r.observed.value}` : '', r.hint ?? ''].filter(Boolean).join('\n');
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
    case 'github':
      return formatGithub(runs);
    default:
      return formatText(runs);
  }
}
