/** Diagnostics → text for people, JSON for machines, GitHub Actions annotations for CI. */
import path from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import { countBySeverity } from './diagnostic.ts';
import { t } from './i18n.ts';

export type Format = 'text' | 'json' | 'github';
export const formats: readonly Format[] = ['text', 'json', 'github'];

/** A file as people see it: relative to the working folder when inside it; a git `rev:path` stays as it is. */
export function displayPath(file: string): string {
  if (/^[^/:]+:/.test(file) && !file.startsWith('/')) return file;
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/** Text for XML content and attributes (JUnit); XML 1.0 forbids most control characters even as references. */
export function xmlText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One GitHub Actions workflow command (an annotation on a pull request's file), escaped as GitHub requires. */
export function githubAnnotation(kind: 'error' | 'warning' | 'notice', place: { file: string; line: number; col: number }, title: string, message: string): string {
  const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => escape(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `::${kind} file=${prop(displayPath(place.file).replace(/^[^/:]+:/, ''))},line=${place.line},col=${place.col},title=${prop(title)}::${escape(message)}`;
}

/** displayPath, once per file of one report (30,000 findings name ~1,000 files). */
function displayPaths(): (file: string) => string {
  const shown = new Map<string, string>();
  return (file) => {
    let display = shown.get(file);
    if (display === undefined) shown.set(file, (display = displayPath(file)));
    return display;
  };
}

export function formatText(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const displayPath = displayPaths();
  const lines: string[] = [];
  for (const d of diagnostics) {
    lines.push(`${displayPath(d.file)}:${d.line}:${d.col}  ${d.severity}  ${d.message}  [${d.rule}]`);
    if (d.hint) lines.push(`  hint: ${d.hint}`);
  }
  const c = countBySeverity(diagnostics);
  const parts = [t('summary.errors', { n: c.error }), t('summary.warnings', { n: c.warning })];
  if (c.info > 0) parts.push(t('summary.confirmed', { n: c.info }));
  lines.push(t('summary.validated', { files: fileCount, parts: parts.join(t('summary.separator')) }));
  return lines.join('\n') + '\n';
}

export function formatJson(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const displayPath = displayPaths();
  return JSON.stringify({ version: 1, files: fileCount, summary: countBySeverity(diagnostics), diagnostics: diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, file: displayPath(d.file), line: d.line, col: d.col, path: d.path, message: d.message, hint: d.hint ?? null })) }, null, 2) + '\n';
}

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => githubAnnotation(d.severity === 'info' ? 'notice' : d.severity, d, d.rule, d.message + (d.hint ? `\n${d.hint}` : '')))
    .join('\n') + (diagnostics.length ? '\n' : '');
}

export function formatDiagnostics(format: Format, diagnostics: readonly Diagnostic[], fileCount: number): string {
  if (format === 'json') return formatJson(diagnostics, fileCount);
  if (format === 'github') return formatGithub(diagnostics);
  return formatText(diagnostics, fileCount);
}
