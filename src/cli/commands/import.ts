/** `pia import <file.pdf|file.txt|folder> [-o …]`: a published 評価書 → a YAML draft and a report of what was read. */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, PathNotFound, PiaError, UsageError } from '../../report/errors.ts';
import { t } from '../../report/i18n.ts';
import { draftYaml, summary, type ImportResult } from '../../import/import.ts';
import { defaultLimits, ImportOutputExists, importFile, isPdfName, isTextName, writeDraft } from '../../import/run.ts';
import { PdfReader } from '../../import/pdf.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const help = `使い方: npx pia import <評価書.pdf | 評価書.txt | フォルダ> [-o assessments/<名前>/assessment.yaml] [オプション]

公表済みの評価書(PDF、または PDF から抽出したテキスト)を読み、評価書の YAML の下書きを作ります。
表紙と項目一覧から様式(基礎項目評価書・重点項目評価書・全項目評価書)と版を判別し、各項目を様式の定義
(schemas/)の番号と項目名で探して値を読みます。値は原文のとおりで、書き足しません。読み取りに自信のない値には
コメントを付け、印が読めないチェック欄は「不明」にします。pia が作った PDF は、添付の原本(正規形 JSON)から
そのまま取り込みます。

-o を省略すると、下書きを標準出力に出し、報告を標準エラーに出します。既存のファイルは上書きしません。
フォルダを指定すると、中の .pdf と .txt をすべて取り込み、一覧表を出します。-o にはフォルダを指定し、
<フォルダ>/<ファイル名>/assessment.yaml に書き出します(-o がなければ読み取りの報告だけです)。

オプション:
  -o, --output <パス>      下書きの出力先(フォルダを取り込むときは出力先のフォルダ)
  --force                  出力先にファイルがあっても置き換えます
  --ignore-attachment      pia が作った PDF でも、添付ではなく印字された文字から読みます
  --format <形式>          text(既定)、json(報告と下書きのデータを JSON で出します)
  --timeout <秒>           PDF 1 件を読む時間の上限(既定 ${defaultLimits.timeoutMs / 1000} 秒)
  -h, --help               この説明を表示します

上限: PDF ${defaultLimits.maxPdfBytes / 1024 / 1024} MB・${defaultLimits.maxPages} ページ、テキスト ${defaultLimits.maxTextBytes / 1024 / 1024} MB。

終了コード: 0 取り込みました / 1 フォルダの一部を取り込めませんでした / 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia import <assessment.pdf | assessment.txt | folder> [-o assessments/<name>/assessment.yaml] [options]

Reads a published assessment (a PDF, or the text extracted from a PDF) and makes a draft of the assessment's YAML.
It tells the form (基礎項目評価書, 重点項目評価書 or 全項目評価書) and its edition from the cover and the list of items, finds each item
by the number and item name of the form definition (schemas/), and reads its value. Values are kept as written, nothing added. Values read
without confidence get a comment, and checkboxes whose mark cannot be read become 「不明」 (unknown). A PDF made by pia is imported
exactly from its attached original (canonical JSON).

Without -o, the draft goes to standard output and the report to standard error. An existing file is not overwritten.
Given a folder, every .pdf and .txt in it is imported and a table is printed. -o then names a folder, and the drafts are written
to <folder>/<file name>/assessment.yaml (without -o, only the report of what was read).

Options:
  -o, --output <path>      Where to write the draft (when importing a folder, the output folder)
  --force                  Replace a file already at the output path
  --ignore-attachment      Read the printed text even of a PDF made by pia, not its attachment
  --format <format>        text (default), json (the report and the draft's data as JSON)
  --timeout <seconds>      The time limit for reading one PDF (default ${defaultLimits.timeoutMs / 1000} seconds)
  -h, --help               Show this help

Limits: PDF ${defaultLimits.maxPdfBytes / 1024 / 1024} MB and ${defaultLimits.maxPages} pages, text ${defaultLimits.maxTextBytes / 1024 / 1024} MB.

Exit codes: 0 imported / 1 part of the folder could not be imported / 2 usage or input error`;

interface Options {
  output?: string;
  force: boolean;
  ignoreAttachment: boolean;
  format: 'text' | 'json';
  timeoutMs: number;
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
      'ignore-attachment': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      timeout: { type: 'string' },
    },
  });
  if (positionals.length !== 1) fail(UsageError, { detail: '取り込む PDF、テキスト、またはフォルダを 1 つ指定してください。', command: 'import' });
  if (values.format !== 'text' && values.format !== 'json') fail(UsageError, { detail: '--format には text、json のいずれかを指定してください。', command: 'import' });
  const timeout = values.timeout === undefined ? defaultLimits.timeoutMs / 1000 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) fail(UsageError, { detail: '--timeout は 1 から 3600 までの秒数で指定してください。', command: 'import' });
  const options: Options = { output: values.output, force: values.force, ignoreAttachment: values['ignore-attachment'], format: values.format, timeoutMs: Math.round(timeout * 1000) };
  const input = positionals[0]!;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(input).isDirectory();
  } catch {
    fail(PathNotFound, { path: input });
  }
  const reader = new PdfReader({ timeoutMs: options.timeoutMs });
  try {
    return isDirectory ? await importFolder(input, options, reader) : await importOne(input, options, reader);
  } finally {
    await reader.close();
  }
}

function checkInputName(file: string): void {
  if (!isPdfName(file) && !isTextName(file)) fail(UsageError, { detail: `${file} は .pdf でも .txt でもありません。`, command: 'import' });
}

async function importOne(file: string, options: Options, reader: PdfReader): Promise<number> {
  checkInputName(file);
  if (options.output && existsSync(options.output) && !options.force) {
    // Said before reading, so no time is spent; writeDraft checks again without a race.
    fail(ImportOutputExists, { path: options.output });
  }
  const result = await importFile(file, reader, { ignoreAttachment: options.ignoreAttachment, limits: { ...defaultLimits, timeoutMs: options.timeoutMs } });
  const output = options.output;
  const yaml = draftYaml(result, output ?? path.join(projectRoot, 'assessments', 'import', 'assessment.yaml'), projectRoot);
  if (output) {
    mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    writeDraft(output, yaml, options.force);
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...summary(result), output: output ?? null, ...(output ? {} : { data: result.data }) }, null, 2)}\n`);
    return 0;
  }
  const report = textReport(result, output);
  if (output) process.stdout.write(`${report}${t('import.written', { output })}\n`);
  else {
    process.stdout.write(yaml);
    process.stderr.write(report);
  }
  return 0;
}

function where(u: { line: number; page?: number }): string {
  return u.page ? t('import.pageLine', { page: u.page, line: u.line }) : t('import.line', { line: u.line });
}

/** The report of one file: form and edition, source, items per section, unknown states, unplaced text. */
export function textReport(result: ImportResult, output: string | undefined): string {
  const lines: string[] = [t('import.heading', { file: result.file, output: output ?? t('import.stdout') })];
  const form = result.form.schema['x-form'] as { edition?: string } | undefined;
  lines.push(t('import.form', { form: result.form.formName, edition: form?.edition ?? '' }));
  if (result.printedTag) lines.push(result.editionMatches === false ? t('import.tagDiffer', { tag: result.printedTag, expected: form?.edition ?? '' }) : t('import.tagMatch', { tag: result.printedTag }));
  if (result.source === 'attachment') {
    const a = result.attachment!;
    lines.push(t(a.declared ? 'import.fromAttachment' : 'import.fromAttachmentUndeclared', { name: a.name, sha: a.sha256.slice(0, 12) }));
    return `${lines.join('\n')}\n`;
  }
  lines.push(result.source === 'pdf' ? t('import.fromPdf', { pages: result.pages ?? 0 }) : t('import.fromText'));
  lines.push(t('import.sections'));
  let recognised = 0;
  let expected = 0;
  for (const s of result.sections) {
    recognised += s.recognised;
    expected += s.expected;
    lines.push(t('import.section', { section: s.section, recognised: s.recognised, expected: s.expected }));
    if (s.missing.length > 0) lines.push(t('import.missing', { items: [...new Set(s.missing)].slice(0, 12).join('、') + (new Set(s.missing).size > 12 ? ' …' : '') }));
  }
  lines.push(t('import.total', { recognised, expected }));
  lines.push(t('import.unknown', { n: result.unknown.length }));
  lines.push(t('import.doubts', { n: result.notes.length }));
  lines.push(t('import.unplaced', { n: result.unplaced.length }));
  for (const u of result.unplaced.slice(0, 20)) lines.push(t('import.unplacedLine', { where: where(u), text: u.text.slice(0, 80) }));
  return `${lines.join('\n')}\n`;
}

/** A folder: every .pdf and .txt in it (not in subfolders), one summary table. */
async function importFolder(folder: string, options: Options, reader: PdfReader): Promise<number> {
  const files = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && (isPdfName(e.name) || isTextName(e.name)))
    .map((e) => path.join(folder, e.name))
    .sort();
  if (files.length === 0) fail(UsageError, { detail: `${folder} に .pdf も .txt もありません。`, command: 'import' });
  if (files.length > 1000) fail(UsageError, { detail: `${folder} には ${files.length} 件のファイルがあります。一度に取り込めるのは 1000 件までです。`, command: 'import' });
  const used = new Set<string>();
  const rows: { file: string; result?: ImportResult; output?: string; error?: string }[] = [];
  for (const file of files) {
    let output: string | undefined;
    if (options.output) {
      let name = path.basename(file).replace(/\.(pdf|txt)$/i, '').normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'import';
      for (let k = 2; used.has(name); k++) name = `${name.replace(/-\d+$/, '')}-${k}`;
      used.add(name);
      output = path.join(options.output, name, 'assessment.yaml');
    }
    try {
      const result = await importFile(file, reader, { ignoreAttachment: options.ignoreAttachment, limits: { ...defaultLimits, timeoutMs: options.timeoutMs } });
      if (output) {
        mkdirSync(path.dirname(output), { recursive: true });
        writeDraft(output, draftYaml(result, output, projectRoot), options.force);
      }
      rows.push({ file, result, output });
    } catch (error) {
      if (!(error instanceof PiaError)) throw error;
      rows.push({ file, error: error.message });
    }
  }
  const ok = rows.filter((r) => r.result).length;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ files: rows.map((r) => (r.result ? { ...summary(r.result), output: r.output ?? null } : { file: r.file, error: r.error })), imported: ok, total: rows.length }, null, 2)}\n`);
  } else {
    const table = [t('import.tableHead')];
    for (const r of rows) {
      if (!r.result) {
        table.push([r.file, '—', '—', '—', '—', '—', `${t('import.failed')}: ${r.error}`].join('\t'));
        continue;
      }
      const s = summary(r.result) as { recognised: number; expected: number };
      const source = r.result.source === 'attachment' ? t('import.sourceAttachment') : r.result.source === 'pdf' ? t('import.sourcePdf') : t('import.sourceText');
      const items = r.result.source === 'attachment' ? '—' : `${s.recognised} / ${s.expected}`;
      table.push([r.file, r.result.form.formName, source, items, String(r.result.unknown.length), String(r.result.unplaced.length), r.output ?? t('import.notWritten')].join('\t'));
    }
    process.stdout.write(`${table.join('\n')}\n${t('import.folderSummary', { n: rows.length, ok })}\n`);
  }
  return ok === rows.length ? 0 : 1;
}
