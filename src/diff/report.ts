/** Classified changes → text (terminal), JSON, Markdown (pull-request comment) and the shared CI outputs. */
import type { Diagnostic } from '../report/diagnostic.ts';
import type { Classified } from '../classify/classify.ts';
import { timingLabels, timingRank, type Timing } from '../classify/rule.ts';
import { classificationRules } from '../classify/catalogue.ts';
import { formatWareki } from '../model/wareki.ts';
import type { Comparison } from './compare.ts';
import { kindLabels } from './change.ts';
import { formatValue, longTextLength, renderWordDiff, wordDiff, type DiffPart } from './text.ts';
import { codeQualityFromSarif } from '../report/codequality.ts';
import { displayPath, formatGithubAnnotations, formatJunit, formatSarif, type Finding } from './outputs.ts';

export const diffFormats = ['text', 'json', 'markdown', 'junit', 'sarif', 'codequality', 'github'] as const;
export type DiffFormat = (typeof diffFormats)[number];

export interface FileComparison {
  oldFile: string;
  newFile: string;
  comparison: Comparison;
}

export interface ChangeView {
  classified: Classified;
  file: string;
  line: number;
  col: number;
  beforeText: string;
  afterText: string;
  /** Word-level diff, for long texts. */
  parts?: DiffPart[];
  /** The rule whose class decided the verdict (first of the strictest). */
  rule: string;
}

export function viewOf(fc: FileComparison, c: Classified): ChangeView {
  const { comparison } = fc;
  const root = comparison.form.schema;
  const loaded = c.change.side === 'old' ? comparison.oldLoaded : comparison.newLoaded;
  const beforeText = formatValue(root, c.change.schema, c.change.before);
  const afterText = formatValue(root, c.change.schema, c.change.after);
  const long = typeof c.change.before === 'string' && typeof c.change.after === 'string' && Math.max(c.change.before.length, c.change.after.length) > longTextLength;
  const strictest = c.hits.filter((h) => h.timing === c.ruleTiming).sort((a, b) => timingRank[b.timing] - timingRank[a.timing])[0];
  return {
    classified: c,
    file: c.change.side === 'old' ? fc.oldFile : fc.newFile,
    ...loaded.locate(c.change.pointer),
    beforeText,
    afterText,
    parts: long ? wordDiff(c.change.before as string, c.change.after as string) : undefined,
    rule: c.decision ? 'decision' : (strictest?.rule ?? 'unclassified-change'),
  };
}

function label(timing: Timing | undefined): string {
  return timing ? timingLabels[timing] : '未分類';
}

function counts(all: readonly Classified[]): string {
  const n = (t: Timing) => all.filter((c) => c.timing === t).length;
  return `変更 ${all.length} 件: 事前 ${n('before')} 件、事後 ${n('after')} 件、再評価 ${n('reassess')} 件`;
}

export function formatDiffText(files: readonly FileComparison[]): string {
  const out: string[] = [];
  for (const fc of files) {
    out.push(`比較: ${displayPath(fc.oldFile)} → ${displayPath(fc.newFile)}`);
    if (fc.comparison.classified.length === 0) out.push('  変更はありません。');
    for (const c of fc.comparison.classified) {
      const v = viewOf(fc, c);
      out.push(`${displayPath(v.file)}:${v.line}:${v.col}  ${label(c.timing)}  ${kindLabels[c.change.kind]}  ${c.change.item}  [${c.hits.map((h) => h.rule).join(', ') || 'unclassified-change'}]`);
      for (const h of c.hits) out.push(`  理由: ${h.message}\n  根拠: ${h.basis}`);
      for (const h of c.relaxed) out.push(`  (緩和: [${h.rule}] は [${h.relaxedBy}] により適用しません)`);
      if (c.decision) out.push(`  判断済み: ${timingLabels[c.decision.timing]}(${c.decision.reason}。${c.decision.by}、${formatWareki(c.decision.date)})`);
      if (c.change.kind === 'moved') continue;
      if (v.parts) out.push(`  差分: ${renderWordDiff(v.parts).replace(/\n/g, '\n        ')}`);
      else out.push(`  変更前: ${v.beforeText.replace(/\n/g, '\n          ')}\n  変更後: ${v.afterText.replace(/\n/g, '\n          ')}`);
    }
    for (const p of fc.comparison.problems) {
      out.push(`${displayPath(p.file)}:${p.line}:${p.col}  ${p.severity}  ${p.message}  [${p.rule}]`);
      if (p.hint) out.push(`  hint: ${p.hint}`);
    }
  }
  const all = files.flatMap((f) => f.comparison.classified);
  const problems = files.flatMap((f) => f.comparison.problems);
  out.push(`${files.length} ファイルを比較しました。${counts(all)}。問題 ${problems.filter((p) => p.severity === 'error').length} 件。`);
  return out.join('\n') + '\n';
}

export function formatDiffJson(files: readonly FileComparison[]): string {
  const all = files.flatMap((f) => f.comparison.classified);
  return JSON.stringify({
    version: 1,
    summary: { changes: all.length, before: all.filter((c) => c.timing === 'before').length, after: all.filter((c) => c.timing === 'after').length, reassess: all.filter((c) => c.timing === 'reassess').length, unclassified: all.filter((c) => !c.timing).length },
    files: files.map((fc) => ({
      old: displayPath(fc.oldFile),
      new: displayPath(fc.newFile),
      changes: fc.comparison.classified.map((c) => {
        const v = viewOf(fc, c);
        return {
          kind: c.change.kind,
          item: c.change.item,
          pointer: c.change.pointer,
          oldPointer: c.change.oldPointer ?? null,
          newPointer: c.change.newPointer ?? null,
          significant: c.change.significant,
          timing: c.timing ?? null,
          timingLabel: label(c.timing),
          file: displayPath(v.file),
          line: v.line,
          col: v.col,
          before: c.change.before ?? null,
          after: c.change.after ?? null,
          beforeText: v.beforeText,
          afterText: v.afterText,
          wordDiff: v.parts ?? null,
          rules: c.hits.map((h) => ({ id: h.rule, timing: h.timing, message: h.message, basis: h.basis })),
          relaxed: c.relaxed.map((h) => ({ id: h.rule, relaxedBy: h.relaxedBy, message: h.message })),
          decision: c.decision ? { timing: c.decision.timing, reason: c.decision.reason, by: c.decision.by, date: c.decision.date } : null,
        };
      }),
      problems: fc.comparison.problems.map((p) => ({ rule: p.rule, severity: p.severity, file: displayPath(p.file), line: p.line, col: p.col, path: p.path, message: p.message, hint: p.hint ?? null })),
    })),
  }, null, 2) + '\n';
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

export function formatDiffMarkdown(files: readonly FileComparison[]): string {
  const out: string[] = ['## 評価書の変更の分類(pia diff)', ''];
  const all = files.flatMap((f) => f.comparison.classified);
  const problems = files.flatMap((f) => f.comparison.problems);
  out.push(`${counts(all)}。${problems.some((p) => p.severity === 'error') ? '**対応が必要な問題があります。**' : ''}`, '');
  for (const fc of files) {
    out.push(`### ${displayPath(fc.newFile)}`, '');
    if (fc.comparison.classified.length === 0) out.push('変更はありません。', '');
    else {
      out.push('| 提出時期 | 種別 | 項目 | 変更前 → 変更後 | 規則 | 理由 |', '| --- | --- | --- | --- | --- | --- |');
      for (const c of fc.comparison.classified) {
        const v = viewOf(fc, c);
        const text = c.change.kind === 'moved' ? '(順序のみ)' : v.parts ? v.parts.map((p) => (p.kind === 'same' ? md(p.text) : p.kind === 'added' ? `<ins>${md(p.text)}</ins>` : `<del>${md(p.text)}</del>`)).join('') : `${md(v.beforeText)} → ${md(v.afterText)}`;
        const reason = c.hits.map((h) => md(h.message)).join('<br>') + (c.decision ? `<br>判断済み: ${md(c.decision.reason)}(${md(c.decision.by)})` : '');
        out.push(`| **${label(c.timing)}** | ${kindLabels[c.change.kind]} | ${md(c.change.item)} | ${text} | ${c.hits.map((h) => `\`${h.rule}\``).join(' ')} | ${reason} |`);
      }
      out.push('');
    }
    for (const p of fc.comparison.problems) out.push(`- ${p.severity === 'error' ? '❌' : '⚠️'} \`${displayPath(p.file)}:${p.line}\` ${md(p.message)} \`[${p.rule}]\``);
    if (fc.comparison.problems.length) out.push('');
  }
  return out.join('\n') + '\n';
}

export function diffFindings(files: readonly FileComparison[]): Finding[] {
  const findings: Finding[] = [];
  for (const fc of files) {
    for (const c of fc.comparison.classified) {
      const v = viewOf(fc, c);
      // Annotations belong on the new version (the pull request's file): a removal points at the nearest
      // remaining place there and names its line in the old version.
      const onNew = c.change.side === 'old' ? { file: fc.newFile, ...fc.comparison.newLoaded.locate(c.change.pointer) } : { file: v.file, line: v.line, col: v.col };
      findings.push({
        rule: v.rule,
        level: c.timing === 'after' ? 'note' : 'warning',
        ...onNew,
        title: `${label(c.timing)} ${c.change.item}`,
        pointer: c.change.pointer,
        message: c.hits.map((h) => h.message).join('\n') + (c.decision ? `\n判断済み: ${c.decision.reason}(${c.decision.by})` : '') + (c.change.side === 'old' ? `\n(削除: ${displayPath(v.file)}:${v.line}:${v.col})` : ''),
      });
    }
    for (const p of fc.comparison.problems) findings.push(problemFinding(p));
  }
  return findings;
}

export function problemFinding(p: Diagnostic): Finding {
  return { rule: p.rule, level: p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'note', file: p.file, line: p.line, col: p.col, title: p.rule, message: p.message, hint: p.hint, pointer: p.path };
}

export function formatDiff(format: DiffFormat, files: readonly FileComparison[]): string {
  if (format === 'json') return formatDiffJson(files);
  if (format === 'markdown') return formatDiffMarkdown(files);
  const findings = diffFindings(files);
  if (format === 'junit') return formatJunit('pia diff', findings, files.map((f) => f.newFile));
  if (format === 'codequality') return codeQualityFromSarif(formatDiff('sarif', files));
  if (format === 'sarif') return formatSarif('pia diff', classificationRules.map((r) => ({ id: r.meta.id, title: r.meta.title, basis: r.meta.basis })), findings);
  if (format === 'github') return formatGithubAnnotations(findings);
  return formatDiffText(files);
}
