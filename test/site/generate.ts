/** Generated assessments for site tests and the bench: the reference assessment, and numbered variants of it. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const referenceSlug = 'koshigaya-48-kodomo-iryohi';
export const referenceFile = fileURLToPath(new URL(`../../assessments/${referenceSlug}/assessment.yaml`, import.meta.url));

/** A variant of the reference with its own 評価書番号, 評価書名 and one changed sentence. */
export function variantText(n: number, text = readFileSync(referenceFile, 'utf8')): string {
  return text
    .replace(/^  評価書番号: 48$/m, `  評価書番号: ${1000 + n}`)
    .replace(/^  評価書名: こども医療費の支給に関する事務 重点項目評価書$/m, `  評価書名: 試験用の事務${n} 重点項目評価書`)
    .replace('受付票を作成し、', `受付票(第${n}号様式)を作成し、`);
}

/** Writes the reference (when withReference) and `count` variants as <dir>/<slug>/assessment.yaml. */
export function writeAssessments(dir: string, count: number, options: { withReference?: boolean } = {}): string[] {
  const text = readFileSync(referenceFile, 'utf8');
  const files: string[] = [];
  if (options.withReference ?? true) {
    mkdirSync(path.join(dir, referenceSlug), { recursive: true });
    cpSync(referenceFile, path.join(dir, referenceSlug, 'assessment.yaml'));
    files.push(path.join(dir, referenceSlug, 'assessment.yaml'));
  }
  for (let n = 1; n <= count; n++) {
    const file = path.join(dir, `variant-${String(n).padStart(4, '0')}`, 'assessment.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, variantText(n, text));
    files.push(file);
  }
  return files;
}
