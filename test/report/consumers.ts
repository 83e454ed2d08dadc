/**
 * The consumers' own validators, for tests: the official SARIF 2.1.0 JSON schema, SARIF Multitool (npm
 * @microsoft/sarif-multitool-linux) with its GitHub rules, and xmllint (libxml2 as WebAssembly, npm xmllint-wasm) against the Jenkins
 * xunit-plugin's junit-10.xsd.
 */
import assert from 'node:assert/strict';
import { validateXML } from 'xmllint-wasm';
import { spawnSync } from 'node:child_process';
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
 * junit-10.xsd from the Jenkins xunit-plugin (MIT). Not committed here: PIA_JUNIT_XSD names it, or it is placed
 * at test/vendor/junit-10.xsd (see test/vendor/README.md for where it comes from).
 */
export function junitXsd(): string | undefined {
  const candidates = [process.env.PIA_JUNIT_XSD, path.join(root, 'test/vendor/junit-10.xsd'), path.join(root, '../shared/vendor/junit-10.xsd')].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

/**
 * xmllint --schema junit-10.xsd, as libxml2 compiled to WebAssembly (npm xmllint-wasm: no system package needed):
 * the error text, or '' when the document validates.
 */
export async function xmllintJunit(xmlText: string): Promise<string> {
  const xsd = junitXsd();
  assert.ok(xsd, 'junit-10.xsd is missing');
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xmlText }], schema: [{ fileName: 'junit-10.xsd', contents: readFileSync(xsd, 'utf8') }] });
  return result.valid ? '' : result.errors.map((e) => e.rawMessage).join('\n');
}

/** Test names of each testsuite, for the uniqueness check. */
export function junitCaseNames(xmlText: string): string[][] {
  return xmlText.split('<testsuite ').slice(1).map((suite) => [...suite.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1]!));
}
