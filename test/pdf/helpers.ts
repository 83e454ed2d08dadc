/**
 * Shared by the PDF tests: render an assessment to a temp dir and read it back with the consumers' own tools,
 * poppler-utils (pdfinfo, pdftotext, pdffonts, pdfdetach, pdftoppm), qpdf and xmllint, when they are installed;
 * otherwise — or with PIA_NO_SYSTEM_TOOLS=1 — with the npm route: test/support/npm-pdf-tools.ts (pdfjs-dist and
 * pdf-lib, printing what the poppler commands print), pdf-lib and zlib for the syntax check, xmllint-wasm for XML.
 * Each test file says on its output which route ran.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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

/** PIA_NO_SYSTEM_TOOLS=1: ignore installed system tools and take every tool from npm (the route a non-root user has). */
export const npmToolsOnly = process.env.PIA_NO_SYSTEM_TOOLS === '1';
const installed = (tool: string, flag: string) => !npmToolsOnly && spawnSync(tool, [flag], { stdio: 'ignore' }).error === undefined;
const popplerTools = ['pdfinfo', 'pdftotext', 'pdffonts', 'pdfdetach', 'pdftoppm'];
/** Which reader the poppler commands of the tests go to. */
export const pdfRoute: 'poppler' | 'npm' = popplerTools.every((t) => installed(t, '-v')) ? 'poppler' : 'npm';
const qpdfInstalled = installed('qpdf', '--version');
const xmllintInstalled = installed('xmllint', '--version');
const npmPdfTools = path.join(import.meta.dirname, '../support/npm-pdf-tools.ts');
console.log(`テストの道具(PDF): ${pdfRoute === 'poppler' ? 'poppler-utils (pdfinfo, pdftotext, pdffonts, pdfdetach, pdftoppm)' : `npm の pdfjs-dist・pdf-lib (test/support/npm-pdf-tools.ts)${npmToolsOnly ? '、PIA_NO_SYSTEM_TOOLS=1' : '、poppler-utils がないため'}`}; 構文の確認: ${qpdfInstalled ? 'qpdf --check' : 'npm の pdf-lib + zlib'}; XML: ${xmllintInstalled ? 'xmllint' : 'npm の xmllint-wasm'}`);

/** Golden page images of the route: poppler's pdftoppm and pdfjs-dist render anti-aliasing differently. */
export const imageGoldenDir = pdfRoute === 'poppler' ? goldenDir : path.join(goldenDir, 'pdfjs');

export function run(command: string, args: string[]): string {
  if (pdfRoute === 'npm' && popplerTools.includes(command)) return execFileSync(process.execPath, [npmPdfTools, command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The PDF's syntax and streams: `qpdf --check` when installed; else every object parsed by pdf-lib (invalid objects
 * are errors) and every FlateDecode stream inflated by zlib. The problems found ([] when none) and the tool used.
 */
export async function checkPdfSyntax(file: string): Promise<{ tool: string; problems: string[] }> {
  if (qpdfInstalled) {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { tool: 'qpdf --check', problems: r.status === 0 && /No syntax or stream encoding errors found/.test(r.stdout) ? [] : [r.stdout + r.stderr] };
  }
  const { PDFDocument, PDFName, PDFRawStream } = await import('pdf-lib');
  const { inflateSync } = await import('node:zlib');
  const problems: string[] = [];
  try {
    const doc = await PDFDocument.load(readFileSync(file), { throwOnInvalidObject: true, updateMetadata: false });
    for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFRawStream)) continue;
      const filter = object.dict.get(PDFName.of('Filter'));
      if (filter === undefined) continue;
      if (String(filter) !== '/FlateDecode') problems.push(`${ref}: filter ${String(filter)} not checked`);
      else {
        try {
          inflateSync(object.contents);
        } catch (error) {
          problems.push(`${ref}: ${(error as Error).message}`);
        }
      }
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  return { tool: 'pdf-lib + zlib', problems };
}

/** XML well-formedness: `xmllint --noout -` when installed, else libxml2 as WebAssembly (npm xmllint-wasm). */
export async function assertWellFormedXml(text: string): Promise<void> {
  if (xmllintInstalled) {
    execFileSync('xmllint', ['--noout', '-'], { input: text });
    return;
  }
  const { validateXML } = await import('xmllint-wasm');
  const result = await validateXML({ xml: [{ fileName: 'doc.xml', contents: text }], normalization: 'format' });
  if (!result.valid) throw new Error(`not well-formed XML: ${result.errors.map((e) => e.rawMessage).join('\n')}`);
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
