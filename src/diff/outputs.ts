/**
 * Machine outputs shared by `pia diff` and `pia audit`: JUnit XML, SARIF 2.1.0 and GitHub Actions annotations,
 * each a small pure function over located findings.
 */
import { displayPath, githubAnnotation, xmlText } from '../report/format.ts';

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
}

export interface RuleDescriptor {
  id: string;
  title: string;
  basis?: string;
}

export { displayPath };
const xml = xmlText;

/** One test suite per file, one test case per finding; errors are failures. */
export function formatJunit(suiteName: string, findings: readonly Finding[], files: readonly string[]): string {
  const byFile = new Map<string, Finding[]>(files.map((f) => [displayPath(f), []]));
  for (const f of findings) {
    const key = displayPath(f.file);
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key)!.push(f);
  }
  const failures = findings.filter((f) => f.level === 'error').length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xml(suiteName)}" tests="${findings.length}" failures="${failures}">`];
  for (const [file, list] of byFile) {
    lines.push(`  <testsuite name="${xml(file)}" tests="${list.length}" failures="${list.filter((f) => f.level === 'error').length}">`);
    for (const f of list) {
      const name = xml(`${f.title} [${f.rule}]`);
      const body = xml(`${displayPath(f.file)}:${f.line}:${f.col}\n${f.message}${f.hint ? `\n${f.hint}` : ''}`);
      if (f.level === 'error') lines.push(`    <testcase classname="${xml(file)}" name="${name}"><failure message="${xml(f.message)}" type="${xml(f.rule)}">${body}</failure></testcase>`);
      else lines.push(`    <testcase classname="${xml(file)}" name="${name}"><system-out>${body}</system-out></testcase>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

/** SARIF 2.1.0: code scanning shows each finding on its line. */
export function formatSarif(rules: readonly RuleDescriptor[], findings: readonly Finding[]): string {
  const ids = new Set(rules.map((r) => r.id));
  const allRules = [...rules, ...[...new Set(findings.map((f) => f.rule))].filter((id) => !ids.has(id)).map((id) => ({ id, title: id }))];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'pia', informationUri: 'https://github.com/', rules: allRules.map((r) => ({ id: r.id, shortDescription: { text: r.title }, ...('basis' in r && r.basis ? { fullDescription: { text: r.basis } } : {}) })) } },
      results: findings.map((f) => ({
        ruleId: f.rule,
        level: f.level,
        message: { text: `${f.title}: ${f.message}${f.hint ? `\n${f.hint}` : ''}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: displayPath(f.file).replace(/^[^/:]+:/, '') }, region: { startLine: f.line, startColumn: f.col } } }],
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** GitHub Actions workflow commands (annotations on the pull request's files). */
export function formatGithubAnnotations(findings: readonly Finding[]): string {
  return findings
    .map((f) => githubAnnotation(f.level === 'error' ? 'error' : f.level === 'warning' ? 'warning' : 'notice', f, `${f.title} [${f.rule}]`, f.message + (f.hint ? `\n${f.hint}` : '')))
    .join('\n') + (findings.length ? '\n' : '');
}
