/**
 * The npm route for the PDF tests' poppler commands: `node test/support/npm-pdf-tools.ts <command> <args…>` prints
 * what `pdfinfo`, `pdfinfo -custom|-meta|-struct-text`, `pdftotext`, `pdffonts`, `pdfdetach -saveall` and
 * `pdftoppm -png` print or write, for the fields the tests read, computed with npm libraries: pdfjs-dist (Mozilla's
 * PDF reader: text, document information, fonts, attachments, rendering, marked-content text) and pdf-lib (the
 * structure tree's elements and attributes, which pdfjs does not report). test/pdf/helpers.ts runs it when the
 * poppler tools are absent or PIA_NO_SYSTEM_TOOLS=1; it is a separate process so the tests' calls stay synchronous.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { openPdf, pdfAttachments, pdfFonts, pdfInfo, pdfText, renderPage } from './tools.ts';

const [command, ...args] = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('-') && !['-l', '-f', '-r', '-o', '-enc'].includes(args[i - 1] ?? ''));
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** poppler's date format (in UTC): Sun Mar 29 15:00:00 2026 UTC. */
const popplerDate = (d: Date) => `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()} UTC`;
const line = (key: string, value: string) => `${`${key}:`.padEnd(16)} ${value}`;

async function info(file: string): Promise<string> {
  const i = await pdfInfo(file);
  const doc = await openPdf(file);
  let metadata = false;
  let suspects = false;
  try {
    metadata = (await doc.getMetadata()).metadata !== null;
    suspects = ((await doc.getMarkInfo()) as { Suspects?: boolean } | null)?.Suspects === true;
  } finally {
    await doc.loadingTask.destroy();
  }
  const size = i.pageSizes[0]!;
  const a4 = Math.abs(size.width - 595.28) < 1 && Math.abs(size.height - 841.89) < 1 ? ' (A4)' : '';
  const rows: [string, string | undefined][] = [
    ['Title', i.title], ['Subject', i.subject], ['Keywords', i.keywords], ['Author', i.author], ['Creator', i.creator], ['Producer', i.producer],
    ['CreationDate', i.creationDate && popplerDate(i.creationDate)], ['ModDate', i.modDate && popplerDate(i.modDate)],
    ['Custom Metadata', Object.keys(i.custom).length > 0 ? 'yes' : 'no'], ['Metadata Stream', metadata ? 'yes' : 'no'], ['Tagged', i.tagged ? 'yes' : 'no'],
    ['Suspects', suspects ? 'yes' : 'no'], ['Pages', String(i.pages)],
    ['Page size', `${+size.width.toFixed(2)} x ${+size.height.toFixed(2)} pts${a4}`], ['PDF version', i.pdfVersion],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => line(k, v)).join('\n') + '\n';
}

async function xmp(file: string): Promise<string> {
  const doc = await openPdf(file);
  try {
    return ((await doc.getMetadata()).metadata as { getRaw(): string } | null)?.getRaw() ?? '';
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** Text of each marked-content sequence, by pdfjs's id p<page object number>R_mc<MCID>. */
async function markedContentTexts(file: string): Promise<Map<string, string>> {
  const doc = await openPdf(file);
  const texts = new Map<string, string>();
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      let current: string | undefined;
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as { type?: string; id?: string | null; str?: string }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') current = item.id ?? undefined;
        else if (item.type === 'endMarkedContent') current = undefined;
        else if (current && item.str !== undefined) texts.set(current, (texts.get(current) ?? '') + item.str);
      }
      page.cleanup();
    }
  } finally {
    await doc.loadingTask.destroy();
  }
  return texts;
}

/** The structure tree as `pdfinfo -struct-text` prints it: element types, attributes (/Name value), quoted text. */
async function structText(file: string): Promise<string> {
  const texts = await markedContentTexts(file);
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false, throwOnInvalidObject: true });
  const look = (o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const list = (o: unknown): unknown[] => {
    const v = look(o);
    return v instanceof PDFArray ? v.asArray() : v === undefined ? [] : [o];
  };
  const pageOf = (pg: unknown) => (pg instanceof PDFRef ? pg.objectNumber : undefined);
  const text = (page: number | undefined, mcid: number) => (texts.get(`p${page}R_mc${mcid}`) ?? '').trim();
  const out: string[] = [];
  const walk = (ref: unknown, depth: number, parentPage?: number) => {
    const elem = look(ref);
    if (!(elem instanceof PDFDict)) return;
    const indent = '  '.repeat(depth);
    out.push(`${indent}${String(elem.get(PDFName.of('S'))).replace(/^\//, '')}`);
    for (const a of list(elem.get(PDFName.of('A')))) {
      const attributes = look(a);
      if (!(attributes instanceof PDFDict)) continue;
      for (const [key, value] of attributes.entries()) {
        if (String(key) === '/O') continue;
        const v = look(value);
        out.push(`${indent}   ${String(key)} ${v instanceof PDFNumber ? v.asNumber() : String(v)}`);
      }
    }
    const page = pageOf(elem.get(PDFName.of('Pg'))) ?? parentPage;
    for (const kid of list(elem.get(PDFName.of('K')))) {
      const k = look(kid);
      if (k instanceof PDFNumber) out.push(`${indent}  "${text(page, k.asNumber())}"`);
      else if (k instanceof PDFDict && String(k.get(PDFName.of('Type'))) === '/MCR') out.push(`${indent}  "${text(pageOf(k.get(PDFName.of('Pg'))) ?? page, (look(k.get(PDFName.of('MCID'))) as PDFNumber).asNumber())}"`);
      else if (k instanceof PDFDict && String(k.get(PDFName.of('Type'))) !== '/OBJR') walk(kid, depth + 1, page);
    }
  };
  const root = look(doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (root instanceof PDFDict) for (const kid of list(root.get(PDFName.of('K')))) walk(kid, 0);
  return out.join('\n') + '\n';
}

async function fonts(file: string): Promise<string> {
  const rows = (await pdfFonts(file)).map((f) => {
    const type = f.type === 'CIDFontType2' ? 'CID TrueType' : f.type === 'CIDFontType0' ? 'CID Type 0' : f.type;
    const yn = (b: boolean | undefined) => (b === undefined ? '?' : b ? 'yes' : 'no');
    return `${f.name.padEnd(36)} ${type.padEnd(17)} ${'Identity-H'.padEnd(16)} ${yn(f.embedded)} ${yn(f.subset)} ${yn(f.unicode)}      0  0`;
  });
  return ['name                                 type              encoding         emb sub uni object ID', '------------------------------------ ----------------- ---------------- --- --- --- ---------', ...rows].join('\n') + '\n';
}

async function main(): Promise<void> {
  const file = command === 'pdftoppm' ? positional.at(-2)! : positional.at(-1)!;
  switch (command) {
    case 'pdfinfo':
      if (args.includes('-struct-text')) return void process.stdout.write(await structText(file));
      if (args.includes('-meta')) return void process.stdout.write(await xmp(file));
      if (args.includes('-custom')) return void process.stdout.write(Object.entries((await pdfInfo(file)).custom).map(([k, v]) => line(k, v)).join('\n') + '\n' + (await info(file)));
      return void process.stdout.write(await info(file));
    case 'pdftotext': {
      const last = option('-l') ? Number(option('-l')) : Infinity;
      return void process.stdout.write((await pdfText(file)).slice(0, last).map((p) => p + '\f').join(''));
    }
    case 'pdffonts':
      return void process.stdout.write(await fonts(file));
    case 'pdfdetach': {
      const dir = option('-o') ?? '.';
      mkdirSync(dir, { recursive: true });
      for (const [name, content] of await pdfAttachments(file)) writeFileSync(path.join(dir, path.basename(name)), content);
      return;
    }
    case 'pdftoppm': {
      const page = Number(option('-f') ?? 1);
      writeFileSync(`${positional.at(-1)}.png`, (await renderPage(file, page, Number(option('-r') ?? 150))).png);
      return;
    }
    default:
      throw new Error(`npm-pdf-tools: no npm route for ${command}`);
  }
}

await main();
