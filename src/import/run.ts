/**
 * One input file → an import result, with every source bounded (size, pages, time) and every failure a located
 * Japanese error (PiaError), never a stack trace. Writing a draft never replaces an existing file unless asked,
 * and never leaves a partial file.
 */
import { closeSync, fstatSync, linkSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fail, type FatalErrorSpec } from '../report/errors.ts';
import { formSchemas } from './forms.ts';
import { ImportError, importAttachment, importPdfText, importText, piaAttachment, type ImportResult } from './import.ts';
import { PdfReadError } from './pdf-text.ts';
import { PdfReader } from './pdf.ts';

export interface ImportLimits {
  /** Largest PDF read, in bytes. */
  maxPdfBytes: number;
  /** Largest text file read, in bytes. */
  maxTextBytes: number;
  maxPages: number;
  /** Time for reading one PDF. */
  timeoutMs: number;
  /** Largest attachment taken as the source. */
  maxAttachmentBytes: number;
}

export const defaultLimits: ImportLimits = {
  maxPdfBytes: 64 * 1024 * 1024,
  maxTextBytes: 16 * 1024 * 1024,
  maxPages: 500,
  timeoutMs: 60_000,
  maxAttachmentBytes: 32 * 1024 * 1024,
};

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

export const ImportTooLarge: FatalErrorSpec<{ path: string; size: number; limit: number }> = {
  name: 'ImportTooLarge',
  title: '取り込むファイルが大きすぎます',
  message: ({ path, size, limit }) => `${path} は ${mb(size)} あり、取り込める大きさ(${mb(limit)})を超えています。ファイルは読んでいません。`,
  hint: '評価書 1 件ずつの PDF か、抽出したテキストを指定してください。',
  en: { title: 'The file is too large', message: ({ path, size, limit }) => `${path} is ${mb(size)}, more than the ${mb(limit)} that can be imported. The file was not read.`, hint: 'Give one assessment per PDF, or its extracted text.' },
};

export const ImportPdfUnreadable: FatalErrorSpec<{ path: string; page?: number; detail: string }> = {
  name: 'ImportPdfUnreadable',
  title: 'PDF を読めません',
  message: ({ path, page, detail }) => `${path}${page ? ` の ${page} ページ目` : ''} を PDF として読めませんでした(${detail.slice(0, 200)})。下書きは作っていません。`,
  hint: 'PDF が壊れていないか、PDF ビューアで開けるか確かめてください。テキストを抽出できる場合は、そのテキスト(.txt)を指定しても取り込めます。',
  en: { title: 'Cannot read the PDF', message: ({ path, page, detail }) => `Could not read ${path}${page ? ` (page ${page})` : ''} as a PDF (${detail.slice(0, 200)}). No draft was made.`, hint: 'Check that the PDF opens in a viewer. Extracted text (.txt) can be imported too.' },
};

export const ImportPdfEncrypted: FatalErrorSpec<{ path: string }> = {
  name: 'ImportPdfEncrypted',
  title: 'PDF にパスワードがかかっています',
  message: ({ path }) => `${path} はパスワードで保護されているため、文字を読めません。下書きは作っていません。`,
  hint: '保護のない PDF(公表用の版)を指定してください。',
  en: { title: 'The PDF is password-protected', message: ({ path }) => `${path} is password-protected, so its text cannot be read. No draft was made.`, hint: 'Give the unprotected (published) PDF.' },
};

export const ImportTooManyPages: FatalErrorSpec<{ path: string; pages: string; limit: number }> = {
  name: 'ImportTooManyPages',
  title: 'PDF のページが多すぎます',
  message: ({ path, pages, limit }) => `${path} は ${pages} ページあり、取り込めるページ数(${limit})を超えています。下書きは作っていません。`,
  hint: '評価書 1 件ずつの PDF を指定してください。',
  en: { title: 'Too many pages', message: ({ path, pages, limit }) => `${path} has ${pages} pages, more than the ${limit} that can be imported. No draft was made.`, hint: 'Give one assessment per PDF.' },
};

export const ImportTimeout: FatalErrorSpec<{ path: string; seconds: number; page?: number }> = {
  name: 'ImportTimeout',
  title: 'PDF の読み取りが時間内に終わりません',
  message: ({ path, seconds, page }) => `${path} の読み取りが ${seconds} 秒で終わらなかったため、中止しました${page ? `(${page} ページ目)` : ''}。下書きは作っていません。`,
  hint: '--timeout で時間を延ばせます。PDF が壊れていないかも確かめてください。',
  en: { title: 'Reading the PDF took too long', message: ({ path, seconds, page }) => `Reading ${path} did not finish within ${seconds} s and was stopped${page ? ` (page ${page})` : ''}. No draft was made.`, hint: 'Use --timeout for more time; check that the PDF is not damaged.' },
};

export const ImportUnknownForm: FatalErrorSpec<{ path: string; forms: string }> = {
  name: 'ImportUnknownForm',
  title: '様式を判別できません',
  message: ({ path, forms }) => `${path} の表紙に、様式の見出し(${forms})が見つかりません。下書きは作っていません。`,
  hint: '特定個人情報保護評価書の PDF か、その抽出テキストを指定してください。文字を含まない(画像だけの)PDF は読めません。',
  en: { title: 'Unknown form', message: ({ path, forms }) => `No form heading (${forms}) was found on the cover of ${path}. No draft was made.`, hint: 'Give a 特定個人情報保護評価書 PDF or its extracted text. A PDF of images only cannot be read.' },
};

export const ImportBadAttachment: FatalErrorSpec<{ path: string; detail: string }> = {
  name: 'ImportBadAttachment',
  title: 'PDF の添付(原本 JSON)が正しくありません',
  message: ({ path, detail }) => `${path}: ${detail}。添付を信頼できないため、下書きは作っていません。`,
  hint: '印字された文字から取り込むには --ignore-attachment を付けてください。',
  en: { title: 'The attached source JSON is not valid', message: ({ path, detail }) => `${path}: ${detail}. The attachment cannot be trusted, so no draft was made.`, hint: 'Add --ignore-attachment to import from the printed text instead.' },
};

export const ImportOutputExists: FatalErrorSpec<{ path: string }> = {
  name: 'ImportOutputExists',
  title: '出力先のファイルがすでにあります',
  message: ({ path }) => `${path} はすでにあるため、書き出していません。既存の評価書は上書きしません。`,
  hint: '別の出力先を -o で指定するか、置き換えてよい場合は --force を付けてください。',
  en: { title: 'The output file exists', message: ({ path }) => `${path} already exists, so nothing was written. An existing assessment is never overwritten.`, hint: 'Choose another path with -o, or add --force to replace it.' },
};

export const ImportNotWritable: FatalErrorSpec<{ path: string; reason: string }> = {
  name: 'ImportNotWritable',
  title: '出力先に書き込めません',
  message: ({ path, reason }) => `${path} に書き込めませんでした(${reason})。ファイルは作成していません。`,
  en: { title: 'Cannot write the output', message: ({ path, reason }) => `Could not write ${path} (${reason}). No file was created.` },
};

/** Reads at most `limit` bytes (plus one, to tell that the file is larger), from an already opened file. */
function readBounded(file: string, limit: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limit) fail(ImportTooLarge, { path: file, size, limit });
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export const isPdfName = (file: string) => /\.pdf$/i.test(file);
export const isTextName = (file: string) => /\.txt$/i.test(file);

export interface ImportFileOptions {
  limits?: ImportLimits;
  /** Read the printed text even when the PDF carries pia's attachment. */
  ignoreAttachment?: boolean;
}

/** One .pdf or .txt file → result; PiaError on any input problem. */
export async function importFile(file: string, reader: PdfReader, options: ImportFileOptions = {}): Promise<ImportResult> {
  const limits = options.limits ?? defaultLimits;
  try {
    if (isPdfName(file)) {
      const bytes = readBounded(file, limits.maxPdfBytes);
      let text;
      try {
        text = await reader.read(bytes, { maxPages: limits.maxPages, maxAttachmentBytes: limits.maxAttachmentBytes });
      } catch (error) {
        if (!(error instanceof PdfReadError)) throw error;
        if (error.kind === 'encrypted') fail(ImportPdfEncrypted, { path: file });
        if (error.kind === 'too-many-pages') fail(ImportTooManyPages, { path: file, pages: error.detail, limit: limits.maxPages });
        if (error.kind === 'timeout') fail(ImportTimeout, { path: file, seconds: Math.round(limits.timeoutMs / 1000), page: error.page });
        fail(ImportPdfUnreadable, { path: file, page: error.page, detail: error.detail });
      }
      const attachment = options.ignoreAttachment ? undefined : piaAttachment(text);
      if (attachment) return importAttachment(file, attachment, text.declaredSha256);
      return importPdfText(file, text);
    }
    const bytes = readBounded(file, limits.maxTextBytes);
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      fail(ImportPdfUnreadable, { path: file, detail: 'UTF-8 のテキストではありません' });
    }
    return importText(file, decoded);
  } catch (error) {
    if (error instanceof ImportError) {
      if (error.kind === 'unknown-form') fail(ImportUnknownForm, { path: file, forms: formSchemas().map((f) => f.schema.title ?? f.formName).join('、') });
      fail(ImportBadAttachment, { path: file, detail: error.message });
    }
    throw error;
  }
}

/**
 * Writes the draft atomically: a temp file in the same folder, then a hard link to the target (which fails if
 * the target exists: no check-then-write race), or a rename with `force`.
 */
export function writeDraft(file: string, text: string, force: boolean): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
    if (force) renameSync(temp, file);
    else {
      try {
        linkSync(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') fail(ImportOutputExists, { path: file });
        throw error;
      }
    }
  } catch (error) {
    if ((error as { spec?: string }).spec) throw error;
    fail(ImportNotWritable, { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  } finally {
    rmSync(temp, { force: true });
  }
}
