/** Modified copies of the reference assessment, compared with the original (the scenario tests' fixtures). */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { compareVersions, type Comparison } from '../../src/diff/compare.ts';
import type { Rename } from '../../src/classify/rule.ts';
import { timingLabels } from '../../src/classify/rule.ts';

export const referenceFile = new URL('../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url);
export const referenceText = readFileSync(referenceFile, 'utf8');

/** Edits the reference through the yaml Document API (comments kept), returns the new text. */
export function edit(change: (doc: ReturnType<typeof parseDocument>) => void, text = referenceText): string {
  const doc = parseDocument(text);
  change(doc);
  return doc.toString({ lineWidth: 0 });
}

export function compare(newText: string, renames: Rename[] = [], oldText = referenceText): Comparison {
  const result = compareVersions({ file: 'old.yaml', text: oldText }, { file: 'new.yaml', text: newText }, { renames, today: '2026-11-25' });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.comparison;
}

/** Each change as「item | class | rule IDs (sorted)」, the shape the scenario tests assert exactly. */
export function verdicts(comparison: Comparison): string[] {
  return comparison.classified.map((c) => `${c.change.kind} ${c.change.pointer} | ${c.timing ? timingLabels[c.timing] : '未分類'} | ${c.hits.map((h) => h.rule).sort().join(',')}`);
}
