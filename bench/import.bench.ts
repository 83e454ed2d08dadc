/**
 * `pia import`: one 13-page PDF (the reference assessment rendered without its attachment, so the printed text
 * is read) cold in a fresh process and warm, against a floor measured in the same run: pdfjs-dist's text
 * extraction of the same PDF alone (getTextContent on every page). Then a folder of 50 PDFs (the sample
 * assessments of every form, rendered without attachments, repeated) through `npx pia import <folder> -o …`
 * in a child process: wall time, peak memory (max RSS of the process and its worker thread), and the floor
 * (pdfjs text extraction of the same 50 files in one process). Target (issue 18): the 13-page PDF ≤ 1 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSample, sampleFiles, samplePdf } from '../test/import/helpers.ts';
import { readPdfText } from '../src/import/pdf-text.ts';
import { importPdfText } from '../src/import/import.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const limits = () => ({ maxPages: 500, deadline: Date.now() + 120_000, maxAttachmentBytes: 32 * 1024 * 1024 });

/** pdfjs text extraction alone: open, getTextContent of every page, close. */
async function extractOnly(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++) items += (await (await doc.getPage(n)).getTextContent()).items.length;
  await doc.destroy();
  return items;
}

function child(script: string): { stdout: string; ok: boolean; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { stdout: r.stdout.trim(), ok: r.status === 0, stderr: r.stderr };
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-import-bench-'));
  try {
    const reference = loadSample(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'));
    const bytes = await samplePdf(reference, { attachment: false });
    const file = path.join(dir, 'koshigaya-48.pdf');
    writeFileSync(file, bytes);

    // Cold: a fresh process, module loading and pdfjs's first document included (timed inside the child).
    const cold = child(`const t=performance.now();const {readPdfText}=await import('./src/import/pdf-text.ts');const {importPdfText}=await import('./src/import/import.ts');const fs=await import('node:fs');const text=await readPdfText(new Uint8Array(fs.readFileSync(${JSON.stringify(file)})),{maxPages:500,deadline:Date.now()+120000,maxAttachmentBytes:1e8});const r=importPdfText('x.pdf',text);console.log(performance.now()-t, text.pages, r.sections.length);`);
    const coldFloor = child(`const t=performance.now();const pdfjs=await import('pdfjs-dist/legacy/build/pdf.mjs');const fs=await import('node:fs');const doc=await pdfjs.getDocument({data:new Uint8Array(fs.readFileSync(${JSON.stringify(file)})),verbosity:0,isEvalSupported:false}).promise;for(let n=1;n<=doc.numPages;n++)await (await doc.getPage(n)).getTextContent();console.log(performance.now()-t);`);
    const [coldMs, pages] = cold.stdout.split(' ').map(Number);
    const coldFloorMs = Number(coldFloor.stdout);

    // Warm, in this process: import and floor alternately, 7 runs each, medians.
    const importTimes: number[] = [];
    const floorTimes: number[] = [];
    const parseTimes: number[] = [];
    await extractOnly(bytes);
    await readPdfText(bytes.slice(), limits());
    for (let i = 0; i < 7; i++) {
      let t = performance.now();
      const text = await readPdfText(bytes.slice(), limits());
      const read = performance.now() - t;
      importPdfText('x.pdf', text);
      importTimes.push(performance.now() - t);
      parseTimes.push(performance.now() - t - read);
      t = performance.now();
      await extractOnly(bytes);
      floorTimes.push(performance.now() - t);
    }
    const warm = median(importTimes);
    const floor = median(floorTimes);
    console.log(`13-page PDF (${pages} pages, printed text): cold ${ms(coldMs!)} (floor: pdfjs text alone, cold ${ms(coldFloorMs)}, ratio ${(coldMs! / coldFloorMs).toFixed(2)}); warm ${ms(warm)} (floor ${ms(floor)}, ratio ${(warm / floor).toFixed(2)}; of which matching the form ${ms(median(parseTimes))}) — target ≤ 1000 ms: ${coldMs! <= 1000 && warm <= 1000 ? 'met' : 'NOT met'}`);

    // A folder of 50 PDFs: the samples of every form, rendered once each, copied to 50 files.
    const folder = path.join(dir, 'in');
    mkdirSync(folder);
    const pdfs: Uint8Array[] = [];
    for (const sample of sampleFiles()) pdfs.push(await samplePdf(loadSample(sample), { attachment: false }));
    let totalPages = 0;
    for (let i = 0; i < 50; i++) {
      const pdf = pdfs[i % pdfs.length]!;
      writeFileSync(path.join(folder, `hyoka-${String(i + 1).padStart(2, '0')}.pdf`), pdf);
      totalPages += (await readPdfText(pdf.slice(), limits())).pages;
    }
    const out = path.join(dir, 'out');
    const run = child(`const t=performance.now();const {main}=await import('./src/cli/main.ts');const code=await main(['import',${JSON.stringify(folder)},'-o',${JSON.stringify(out)},'--format','json']);const ru=process.resourceUsage();console.error(JSON.stringify({ms:performance.now()-t,code,maxRssKb:ru.maxRSS}));`);
    const stats = JSON.parse(run.stderr.trim().split('\n').at(-1)!) as { ms: number; code: number; maxRssKb: number };
    const report = JSON.parse(run.stdout) as { imported: number; total: number };
    const folderFloor = child(`const t=performance.now();const pdfjs=await import('pdfjs-dist/legacy/build/pdf.mjs');const fs=await import('node:fs');for(const f of fs.readdirSync(${JSON.stringify(folder)}).sort()){const doc=await pdfjs.getDocument({data:new Uint8Array(fs.readFileSync(${JSON.stringify(folder)}+'/'+f)),verbosity:0,isEvalSupported:false}).promise;for(let n=1;n<=doc.numPages;n++)await (await doc.getPage(n)).getTextContent();await doc.destroy();}const ru=process.resourceUsage();console.log(JSON.stringify({ms:performance.now()-t,maxRssKb:ru.maxRSS}));`);
    const floorStats = JSON.parse(folderFloor.stdout) as { ms: number; maxRssKb: number };
    const drafts = readFileSync(path.join(out, 'hyoka-01', 'assessment.yaml'), 'utf8').length > 0;
    console.log(`folder of 50 PDFs (${totalPages} pages, ${report.imported}/${report.total} imported, drafts written: ${drafts}): ${ms(stats.ms)} (${ms(stats.ms / 50)} per file), peak memory ${(stats.maxRssKb / 1024).toFixed(0)} MB; floor (pdfjs text alone, same files, one process): ${ms(floorStats.ms)}, ${(floorStats.maxRssKb / 1024).toFixed(0)} MB; ratio ${(stats.ms / floorStats.ms).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
