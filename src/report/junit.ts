/**
 * JUnit XML in the dialect of the Jenkins xunit-plugin's junit-10.xsd (the one GitLab, Jenkins and most CI
 * dashboards read): <testsuites> → <testsuite name tests failures errors skipped file> → <testcase name classname>
 * with at most one <failure>, <error> or <skipped>. Test names are unique within a suite (rule + item).
 */
import { xmlText } from './format.ts';

export type CaseOutcome = 'passed' | 'failure' | 'error' | 'skipped';

export interface JunitCase {
  /** Unique in its suite once written: rule + item (a repeated name gets ' (2)', ' (3)' …). */
  name: string;
  classname: string;
  outcome: CaseOutcome;
  /** Short text: the failure/error/skipped message attribute. */
  message?: string;
  /** The rule ID, as the failure/error type. */
  type?: string;
  /** Details: location, hint, notes. Goes inside <failure>/<error>, or in <system-out> for the others. */
  body?: string;
  /** Added to the name when two cases of a suite would share it (e.g. the item's JSON Pointer). */
  disambiguator?: string;
}

export interface JunitSuite {
  name: string;
  /** The file the suite is about (junit-10.xsd allows `file` on testsuite, not on testcase). */
  file?: string;
  cases: JunitCase[];
}

const xml = xmlText;

function uniqueNames(cases: readonly JunitCase[]): string[] {
  const total = new Map<string, number>();
  for (const c of cases) total.set(c.name, (total.get(c.name) ?? 0) + 1);
  const first = cases.map((c) => (total.get(c.name)! > 1 && c.disambiguator ? `${c.name} (${c.disambiguator})` : c.name));
  const seen = new Map<string, number>();
  return first.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

function counts(cases: readonly JunitCase[]) {
  const n = (o: CaseOutcome) => cases.filter((c) => c.outcome === o).length;
  return { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
}

export function formatJunitXml(name: string, suites: readonly JunitSuite[]): string {
  const all = counts(suites.flatMap((s) => s.cases));
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xml(name)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}">`];
  for (const suite of suites) {
    const c = counts(suite.cases);
    const file = suite.file ? ` file="${xml(suite.file)}"` : '';
    out.push(`  <testsuite name="${xml(suite.name)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"${file}>`);
    const names = uniqueNames(suite.cases);
    suite.cases.forEach((tc, i) => {
      const open = `    <testcase name="${xml(names[i]!)}" classname="${xml(tc.classname)}">`;
      const type = tc.type ? ` type="${xml(tc.type)}"` : '';
      const message = ` message="${xml(tc.message ?? '')}"`;
      const body = tc.body ? xml(tc.body) : '';
      if (tc.outcome === 'failure' || tc.outcome === 'error') out.push(`${open}<${tc.outcome}${message}${type}>${body}</${tc.outcome}></testcase>`);
      else if (tc.outcome === 'skipped') out.push(`${open}<skipped${message}${type}/>${body ? `<system-out>${body}</system-out>` : ''}</testcase>`);
      else out.push(`${open}${body ? `<system-out>${body}</system-out>` : ''}</testcase>`);
    });
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
