/**
 * SARIF 2.1.0 logs shared by `pia check`, `pia diff` and `pia audit`: the tool with its version, one rule per rule
 * ID with help (the rule's documentation page as Markdown, and its helpUri on the site), and results whose
 * kind/level pairs follow §3.27.10 (a level other than none only for kind fail).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { displayPath } from './format.ts';
import { ruleDoc, ruleHelpUri, siteUrl } from './rule-docs.ts';

export const piaVersion: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifRuleInput {
  id: string;
  /** Japanese title (shortDescription). */
  title: string;
  /** Why the rule exists / its legal basis (fullDescription). */
  description?: string;
}

/** One reportingDescriptor: help from the rule's .md page when there is one, else from its title and description. */
export function sarifRule(input: SarifRuleInput): Sarif.ReportingDescriptor {
  const doc = ruleDoc(input.id);
  // GitHub code scanning requires fullDescription: the rule's page gives one when the caller has none.
  const description = input.description || doc?.markdown.split('\n\n').find((p) => p.trim() && !p.startsWith('#'))?.trim() || input.title;
  const helpUri = ruleHelpUri(input.id);
  const fallback = [input.title, description].join('\n\n');
  const markdown = doc ? `# ${input.id} — ${doc.title}\n\n${doc.markdown}` : fallback;
  return {
    id: input.id,
    shortDescription: { text: input.title },
    fullDescription: { text: description },
    help: { text: plainText(markdown), markdown },
    ...(helpUri ? { helpUri } : {}),
  };
}

/** Markdown → readable plain text for clients that show help.text only. */
function plainText(markdown: string): string {
  return markdown.replace(/^#+\s*/gm, '').replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').trim();
}

export function sarifTool(name: string, rules: readonly Sarif.ReportingDescriptor[]): Sarif.Tool {
  const site = siteUrl();
  return { driver: { name, version: piaVersion, semanticVersion: piaVersion, ...(site ? { informationUri: site } : {}), rules: [...rules] } };
}

/** A repository-relative path with forward slashes (a git `rev:path` loses its revision), so code scanning maps it. */
export function sarifUri(file: string): string {
  return displayPath(file).replace(/^[^/:]+:(?!\/)/, '').split(path.sep).join('/');
}

export function sarifLocation(file: string, line: number, col: number, message?: string, id?: number): Sarif.Location {
  return {
    ...(id !== undefined ? { id } : {}),
    ...(message ? { message: { text: message } } : {}),
    physicalLocation: { artifactLocation: { uri: sarifUri(file) }, region: { startLine: Math.max(1, line), startColumn: Math.max(1, col) } },
  };
}

/** §3.27.10: level is error/warning/note only for kind fail; every other kind has level none. */
export function kindAndLevel(kind: NonNullable<Sarif.Result['kind']>, level: 'error' | 'warning' | 'note'): Pick<Sarif.Result, 'kind' | 'level'> {
  return kind === 'fail' ? { kind, level } : { kind, level: 'none' };
}

export function sarifLog(run: Sarif.Run): string {
  const log: Sarif.Log = { $schema: sarifSchemaUri, version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2) + '\n';
}

/** ruleIndex for each result, so viewers link a result to its rule without a search. */
export function withRuleIndex(rules: readonly Sarif.ReportingDescriptor[], results: Sarif.Result[]): Sarif.Result[] {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return results.map((r) => (r.ruleId !== undefined && index.has(r.ruleId) ? { ...r, ruleIndex: index.get(r.ruleId)! } : r));
}
