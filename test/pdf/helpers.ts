/** Shared by the PDF tests: render an assessment to a temp dir and read it back (pdfjs-dist, through test/support/tools.ts). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateFile, validateText, type ValidationResult } from '../../src/validate/validate.ts';
import { renderAssessment } from '../../src/render/pdf/write.ts';
import { pdfText } from '../support/tools.ts';

export const referenceFile = 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml';
export const goldenDir = path.join(import.meta.dirname, 'golden');
export const updateGolden = process.env.UPDATE_GOLDEN === '1';

const tempDirs: string[] = [];
process.on('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh temp folder, removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-pdf-test-'));
  tempDirs.push(dir);
  return dir;
}

export function reference(): ValidationResult {
  return validateFile(referenceFile, { today: '2026-11-25' });
}

/** The reference with some text replaced (a variant for one behaviour). */
export function referenceVariant(name: string, replace: (text: string) => string): ValidationResult {
  const text = replace(readFileSync(referenceFile, 'utf8'));
  return validateText(`assessments/${name}/assessment.yaml`, text, { today: '2026-11-25' });
}

export async function renderTo(dir: string, result: ValidationResult): Promise<{ file: string; bytes: Uint8Array; sha256: string }> {
  const pdf = await renderAssessment(result);
  const file = path.join(dir, `${pdf.slug}.pdf`);
  writeFileSync(file, pdf.bytes);
  return { file, bytes: pdf.bytes, sha256: pdf.sha256 };
}

/**
 * Page texts in the order they are drawn (the order a reader gets when copying or searching; what
 * `pdftotext -raw` gives), each page without its footer line (評価書名 SHA-256 … n / N).
 */
export async function pageTexts(file: string): Promise<string[]> {
  return (await pdfText(file))
    .filter((page) => page.trim() !== '')
    .map((page) => page.split('\n').filter((l) => l.trim() !== '' && !/ SHA-256 [0-9a-f]{12} \d+ \/ \d+$/.test(l)).join('\n'));
}
