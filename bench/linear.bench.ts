/**
 * Linearity under the 5 MB limit: the loader (a mapping of many keys, the shape that was quadratic: 40,000 keys took
 * 50 s) and `pia validate` of it at 1, 2 and 4 MB, against `yaml` parsing the same text without the duplicate-key
 * check (the floor, measured in the same run); and the PDF of an assessment with one long value (25,000 to
 * 100,000 characters; 100,000 took 67 s). Linear means a ratio near the size ratio (4 for 1 → 4 MB).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import jsyaml from 'js-yaml';
import { loadText } from '../src/load/load-file.ts';
import { validateText } from '../src/validate/validate.ts';
import { renderAssessment } from '../src/render/pdf/write.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const reference = readFileSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'), 'utf8');

/** The reference with a mapping of many short keys under 表紙 (each an unknown key: one diagnostic each). */
function manyKeys(targetBytes: number): string {
  const lines: string[] = [];
  let bytes = Buffer.byteLength(reference);
  for (let i = 0; bytes < targetBytes; i++) {
    const line = `  追加項目${i}: 値${i}\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  return reference.replace('表紙:\n', `表紙:\n${lines.join('')}`);
}

function best(fn: () => void, runs = 3): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

async function bestAsync(fn: () => Promise<unknown>, runs = 2): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

export default async function (): Promise<void> {
  const sizes = [1, 2, 4].map((mb) => mb * 1024 * 1024);
  const rows: { mb: number; keys: number; parse: number; jsyaml: number; load: number; validate: number }[] = [];
  for (const size of sizes) {
    const text = manyKeys(size);
    const keys = text.split('\n').length;
    const parse = best(() => parseDocument(text, { uniqueKeys: false }));
    const jsyamlMs = best(() => jsyaml.load(text));
    const load = best(() => loadText('a.yaml', text));
    const validate = best(() => validateText('a.yaml', text, { today: '2026-11-25' }), 2);
    rows.push({ mb: size / 1024 / 1024, keys, parse, jsyaml: jsyamlMs, load, validate });
    console.log(`linear.load-${size / 1024 / 1024}mb             ${keys} lines: yaml parse ${parse.toFixed(0)} ms, js-yaml ${jsyamlMs.toFixed(0)} ms, load ${load.toFixed(0)} ms (×${(load / parse).toFixed(2)} yaml parse, ×${(load / jsyamlMs).toFixed(2)} js-yaml), validate ${validate.toFixed(0)} ms`);
  }
  const [a, , c] = rows;
  console.log(`linear.load-ratio-4mb-to-1mb   ${(c!.load / a!.load).toFixed(2)}  (yaml parse alone ${(c!.parse / a!.parse).toFixed(2)}, js-yaml ${(c!.jsyaml / a!.jsyaml).toFixed(2)}; linear ≈ 4)`);
  console.log(`linear.validate-ratio-4mb-to-1mb ${(c!.validate / a!.validate).toFixed(2)}  (linear ≈ 4)`);

  const result = (n: number) => validateText('a.yaml', reference.replace(/^    備考: null$/m, `    備考: ${'あいうえおかきくけこ'.repeat(n / 10)}`));
  await renderAssessment(result(100));
  const pdf: number[] = [];
  for (const n of [25_000, 50_000, 100_000]) {
    const r = result(n);
    const ms = await bestAsync(() => renderAssessment(r));
    pdf.push(ms);
    console.log(`linear.pdf-value-${n / 1000}k-chars     ${ms.toFixed(0)} ms`);
  }
  console.log(`linear.pdf-ratio-100k-to-25k   ${(pdf[2]! / pdf[0]!).toFixed(2)}  (linear ≈ 4)`);
}
