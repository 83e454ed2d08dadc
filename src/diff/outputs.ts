/**
 * Machine outputs shared by `pia diff` and `pia audit`: JUnit XML, SARIF 2.1.0 and GitHub Actions annotations,
 * each a small pure function over located findings.
 */
import type * as Sarif from 'sarif';
import { displayPath, githubAnnotation } from '../report/format.ts';
import { formatJunitXml, type JunitSuite } from '../report/junit.ts';
import { findingRule } from '../report/finding-rules.ts';
import { ruleDoc } from '../report/rule-docs.ts';
import { kindAndLevel, sarifLocation, sarifLog, sarifRule, sarifTool, sarifUri, withRuleIndex } from '../report/sarif.ts';

export interface Finding {
  rule: string;
  /** error fails CI; warning asks for review; note informs. */
  level: 'error' | 'warning' | 'note';
  file: string;
  line: number;
  col: number;
  /** Short heading (the item path). */
  title: string;
  message: string;
  hint?: string;
  /** JSON Pointer of the item in the assessment, for a fingerprint that survives lines moving. */
  pointer?: string;
}

export interface RuleDescriptor {
  id: string;
  title: string;
  basis?: string;
}

export { displayPath };

/** A stable key of the finding across runs (no line numbers): the file, the rule and the item's JSON Pointer. */
function fingerprint(f: Finding): string {
  return `${sarifUri(f.file)}#${f.pointer ?? f.title}/${f.rule}`;
}

/**
 * JUnit (junit-10.xsd): one test suite per file, one test case per finding named by rule + item (unique);
 * error findings are failures, the others pass with their text in system-out.
 */
export function formatJunit(suiteName: string, findings: readonly Finding[], files: readonly string[]): string {
  const byFile = new Map<string, Finding[]>(files.map((f) => [displayPath(f), []]));
  for (const f of findings) {
    const key = displayPath(f.file);
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key)!.push(f);
  }
  const suites: JunitSuite[] = [...byFile].map(([file, list]) => ({
    name: file,
    file,
    cases: list.map((f) => ({
      name: `[${f.rule}] ${f.title === f.rule ? f.pointer || `${f.line}:${f.col}` : f.title}`,
      classname: file,
      outcome: f.level === 'error' ? 'failure' : 'passed',
      message: f.message,
      type: f.rule,
      body: `${displayPath(f.file)}:${f.line}:${f.col}\n${f.message}${f.hint ? `\n${f.hint}` : ''}`,
      disambiguator: f.pointer ?? `${f.line}:${f.col}`,
    })),
  }));
  return formatJunitXml(suiteName, suites);
}

/** SARIF 2.1.0: code scanning shows each finding on its line; every finding is kind fail (§3.27.10). */
export function formatSarif(toolName: string, rules: readonly RuleDescriptor[], findings: readonly Finding[]): string {
  const ids = new Set(rules.map((r) => r.id));
  const extra = [...new Set(findings.map((f) => f.rule))].filter((id) => !ids.has(id)).map((id): RuleDescriptor => ({ id, title: ruleDoc(id)?.title ?? findingRule(id).title, basis: findingRule(id).description }));
  const descriptors = [...rules, ...extra].map((r) => sarifRule({ id: r.id, title: r.title, description: r.basis }));
  const results: Sarif.Result[] = findings.map((f) => ({
    ruleId: f.rule,
    ...kindAndLevel('fail', f.level),
    message: { text: `${f.title}: ${f.message}${f.hint ? `\n${f.hint}` : ''}` },
    locations: [sarifLocation(f.file, f.line, f.col)],
    partialFingerprints: { 'piaFinding/v1': fingerprint(f) },
    ...(f.pointer !== undefined ? { properties: { pointer: f.pointer } } : {}),
  }));
  return sarifLog({ tool: sarifTool(toolName, descriptors), columnKind: 'unicodeCodePoints', results: withRuleIndex(descriptors, results) });
}

/** GitHub Actions workflow commands (annotations on the pull request's files). */
export function formatGithubAnnotations(findings: readonly Finding[]): string {
  return findings
    .map((f) => githubAnnotation(f.level === 'error' ? 'error' : f.level === 'warning' ? 'warning' : 'notice', f, `${f.title} [${f.rule}]`, f.message + (f.hint ? `\n${f.hint}` : '')))
    .join('\n') + (findings.length ? '\n' : '');
}
