/**
 * PDF rendering: cold and warm ms per document, a batch of 100 assessments on worker threads (1 worker, then
 * one per core), and Chromium's page.pdf() of the same content for comparison (the tests' Chromium from
 * test/support/tools.ts; override the path with PIA_CHROMIUM). Targets (issue 3): ≤ 200 ms warm, faster than Chromium, batch time falling with cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { validateFile } from '../src/validate/validate.ts';
import { canonicalJson } from '../src/model/canonical.ts';
import { buildDocDefinition, type Node } from '../src/render/pdf/doc-definition.ts';
import { renderAssessment } from '../src/render/pdf/write.ts';
import { buildPdfs } from '../src/render/pdf/build-pdfs.ts';
import { fontFiles } from '../src/render/pdf/fonts.ts';

const reference = 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml';

const ms = (n: number) => `${n.toFixed(0)} ms`;

function coldRender(): number {
  // A fresh process: module loading, schema compilation, font parsing and one render, timed inside the child.
  const script = `const t=performance.now();const {validateFile}=await import('./src/validate/validate.ts');const {renderAssessment}=await import('./src/render/pdf/write.ts');await renderAssessment(validateFile(${JSON.stringify(reference)}));console.log(performance.now()-t);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return Number(result.stdout.trim());
}

/** A plain HTML rendering of the same docDefinition content, for Chromium. */
function toHtml(node: Node | Node[] | string | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
  if (Array.isArray(node)) return node.map((n) => toHtml(n as Node)).join('');
  if ('table' in node) {
    const table = node.table as { body: Node[][] };
    return `<table>${table.body.map((row) => `<tr>${row.map((cell) => (Object.keys(cell).length === 0 ? '' : `<td colspan="${(cell.colSpan as number) ?? 1}">${toHtml(cell)}</td>`)).join('')}</tr>`).join('')}</table>`;
  }
  if ('stack' in node) return `<div>${toHtml(node.stack as Node)}</div>`;
  const inner = toHtml(node.text as Node);
  return node.pageBreak ? `<h2 style="break-before:page">${inner}</h2>` : `<div>${inner}</div>`;
}

async function chromium(html: string, runs: number): Promise<{ warm: number; bytes: number } | string> {
  const browser = await import('../test/support/tools.ts').then((tools) => tools.launchChromium()).catch((e: Error) => e);
  if (browser instanceof Error) return `chromium did not start: ${browser.message.split('\n')[0]}`;
  try {
    const page = await (await browser.newContext()).newPage();
    const dir = mkdtempSync(path.join(tmpdir(), 'pia-bench-html-'));
    const file = path.join(dir, 'index.html');
    writeFileSync(file, html);
    let bytes = 0;
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      await page.goto(`file://${file}`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, footerTemplate: '<div style="font-size:7pt;width:100%;text-align:right;margin-right:40px"><span class="pageNumber"></span> / <span class="totalPages"></span></div>', headerTemplate: '<div></div>', margin: { top: '14mm', bottom: '17mm', left: '14mm', right: '14mm' } });
      if (i > 0) times.push(performance.now() - start);
      bytes = pdf.length;
    }
    rmSync(dir, { recursive: true, force: true });
    return { warm: times.reduce((a, b) => a + b, 0) / times.length, bytes };
  } finally {
    await browser.close();
  }
}

/** How many cores this process gets right now: CPU time of n busy-loop threads over wall time. */
async function calibrate(threads: number): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const code = `let x = 0; const end = Date.now() + 500; while (Date.now() < end) x++; require('node:worker_threads').parentPort.postMessage(x);`;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: threads }, () => new Promise((resolve) => new Worker(code, { eval: true }).on('message', resolve))));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / (performance.now() - start);
}

export default async function (): Promise<void> {
  const result = validateFile(reference);
  // The machine may be shared: the load average says how far wall times are inflated; CPU time is not.
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
  console.log(`cold (fresh process, incl. module and font loading): ${ms(coldRender())} per document`);

  const runs = 10;
  let bytes = 0;
  await renderAssessment(result); // warm-up
  const walls: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = (await renderAssessment(result)).bytes.length;
    walls.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  const warm = walls.reduce((a, b) => a + b, 0) / runs;
  const median = [...walls].sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  console.log(`warm (same process, ${runs} runs): mean ${ms(warm)}, median ${ms(median)}, min ${ms(Math.min(...walls))} per document; CPU ${ms((used.user + used.system) / 1000 / runs)} per document; ${(bytes / 1024).toFixed(0)} KB`);
  let start: number;

  // 100 variants of the reference, each in its own folder (slug), rendered on worker threads.
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-bench-pdf-'));
  const text = readFileSync(reference, 'utf8');
  const files = Array.from({ length: 100 }, (_, i) => {
    const file = path.join(dir, 'assessments', `variant-${String(i).padStart(3, '0')}`, 'assessment.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text.replace('評価書番号: 48', `評価書番号: ${1000 + i}`));
    return file;
  });
  const results = files.map((f) => validateFile(f));
  const cores = availableParallelism();
  console.log(`CPU actually available now: ${(await calibrate(cores)).toFixed(2)} cores (${cores} busy-loop threads; other work on the machine lowers it)`);
  for (const workers of [...new Set([1, cores])]) {
    const cpuBefore = process.cpuUsage();
    start = performance.now();
    await buildPdfs(results, path.join(dir, `out-${workers}`), { workers, force: true });
    const total = performance.now() - start;
    const used = process.cpuUsage(cpuBefore);
    const label = workers > 1 ? `${workers} worker threads` : '1 thread';
    console.log(`batch of 100 with ${label}: ${(total / 1000).toFixed(1)} s (${ms(total / 100)} per document; CPU used in parallel: ${((used.user + used.system) / 1000 / total).toFixed(2)})`);
  }
  start = performance.now();
  await buildPdfs(results, path.join(dir, `out-${cores}`), { workers: cores });
  console.log(`batch of 100 again, all cached: ${ms(performance.now() - start)}`);
  rmSync(dir, { recursive: true, force: true });

  // Chromium page.pdf() of the same content as simple HTML with the same font.
  const dd = buildDocDefinition({ data: result.data!, schema: result.form!.schema, canonical: canonicalJson(result.data!, result.form!.schema), slug: 'bench' });
  const html = `<!doctype html><html lang="ja"><meta charset="utf-8"><style>
@font-face { font-family: 'BIZ UDPGothic'; src: url('file://${fontFiles.BIZUDPGothic.normal}'); }
@font-face { font-family: 'BIZ UDPGothic'; font-weight: bold; src: url('file://${fontFiles.BIZUDPGothic.bold}'); }
body { font-family: 'BIZ UDPGothic', sans-serif; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; } td { border: 0.5pt solid #333; padding: 3pt 4pt; vertical-align: top; }
tr { break-inside: avoid; }
</style><body>${toHtml(dd.content)}</body></html>`;
  const chrome = await chromium(html, 5).catch((e: Error) => e.message.split('\n')[0]!);
  if (typeof chrome === 'string') {
    console.log(`chromium page.pdf(): not measured (${chrome})`);
  } else {
    console.log(`chromium page.pdf() (warm, mean of 5): ${ms(chrome.warm)} per document, ${(chrome.bytes / 1024).toFixed(0)} KB`);
    console.log(`ratio chromium / pdfmake (warm): ${(chrome.warm / warm).toFixed(2)}×`);
  }
}
