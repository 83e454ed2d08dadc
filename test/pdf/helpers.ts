/** Shared by the PDF tests: render an assessment to a temp dir and read it back with poppler-utils. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateFile, validateText, type ValidationResult } from '../../src/validate/validate.ts';
import { renderAssessment } from '../../src/render/pdf/write.ts';

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

export function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * pdftotext -raw pages: text in the order it is drawn (the order a reader gets when copying or searching),
 * each page without its footer line (評価書名 SHA-256 … n / N).
 */
export function pageTexts(file: string): string[] {
  return run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])
    .split('\f')
    .filter((page) => page.trim() !== '')
    .map((page) => page.split('\n').filter((l) => l.trim() !== '' && !/ SHA-256 [0-9a-f]{12} \d+ \/ \d+$/.test(l)).join('\n'));
}
