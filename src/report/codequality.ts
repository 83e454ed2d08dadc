/**
 * GitLab Code Quality (the CodeClimate issue subset GitLab reads from `artifacts:reports:codequality`), derived
 * from the same SARIF log the command writes, so the two never disagree: one issue per SARIF result, with
 * check_name (rule ID), description, severity, location (path, begin line) and a fingerprint that is stable
 * across runs (from the result's partialFingerprints, not from line numbers).
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  fingerprint: string;
  location: { path: string; lines: { begin: number } };
  categories: string[];
}

const severityOf = (r: Sarif.Result): CodeQualityIssue['severity'] => (r.level === 'error' ? 'critical' : r.level === 'warning' ? 'major' : r.level === 'note' ? 'minor' : 'info');

export function codeQualityFromSarif(sarifText: string): string {
  const log = JSON.parse(sarifText) as Sarif.Log;
  const issues: CodeQualityIssue[] = log.runs.flatMap((run) => (run.results ?? []).map((r) => {
    const location = r.locations?.[0]?.physicalLocation;
    const key = JSON.stringify([run.tool.driver.name, r.ruleId, r.partialFingerprints ?? r.message.text]);
    return {
      type: 'issue' as const,
      check_name: r.ruleId ?? 'pia',
      description: (r.message.text ?? '').split('\n')[0]!,
      severity: severityOf(r),
      fingerprint: createHash('sha256').update(key).digest('hex').slice(0, 32),
      location: { path: location?.artifactLocation?.uri ?? '', lines: { begin: location?.region?.startLine ?? 1 } },
      categories: ['Compatibility'],
    };
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
