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

/** An element of the structure tree as `pdfinfo -struct-text` prints it. */
export interface StructNode {
  type: string;
  attributes: Record<string, string>;
  /** Text drawn in the element's own marked content. */
  text: string[];
  children: StructNode[];
}

/** The structure tree of a tagged PDF, read with poppler's `pdfinfo -struct-text` (the consumer's tool). */
export function structTree(file: string): StructNode {
  const root: StructNode = { type: '(root)', attributes: {}, text: [], children: [] };
  const stack: { indent: number; node: StructNode }[] = [{ indent: -1, node: root }];
  for (const line of run('pdfinfo', ['-struct-text', file]).split('\n')) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    while (stack.length > 1 && stack.at(-1)!.indent >= indent) stack.pop();
    const parent = stack.at(-1)!.node;
    const content = line.trim();
    const quoted = /^"(.*)"$/s.exec(content);
    const attribute = /^\/(\w+) (.*)$/.exec(content);
    if (quoted) parent.text.push(quoted[1]!);
    else if (attribute) parent.attributes[attribute[1]!] = attribute[2]!;
    else {
      const element = /^([A-Za-z0-9]+)(?: \((?:block|inline)\))?:?$/.exec(content);
      if (!element) throw new Error(`unexpected pdfinfo -struct-text line: ${line}`);
      const node: StructNode = { type: element[1]!, attributes: {}, text: [], children: [] };
      parent.children.push(node);
      stack.push({ indent, node });
    }
  }
  return root;
}

/** All elements of a tree, depth first in logical order. */
export function elements(node: StructNode): StructNode[] {
  return [node, ...node.children.flatMap(elements)];
}

/** The text of an element and its descendants, in logical order. */
export function textOf(node: StructNode): string {
  return [...node.text, ...node.children.map(textOf)].join('');
}
