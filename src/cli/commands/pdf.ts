/** `pia pdf <assessment> [-o file.pdf]`: the official-format PDF of one assessment; of several (`-o` a folder, `--shard i/n`). */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { validateFile } from '../../validate/validate.ts';
import { formatText } from '../../report/format.ts';
import { fail, OutputNotWritable, PathNotFound, PdfSourceMissing, UsageError } from '../../report/errors.ts';
import { slugOf } from '../../model/slug.ts';
import { renderAssessment, writeFileAtomic } from '../../render/pdf/write.ts';
import { readPdfSource } from '../../render/pdf/verify.ts';
import { uncoveredCharacters } from '../../render/pdf/fonts.ts';
import { stringLeaves } from '../../model/access.ts';
import { canonicalJson } from '../../model/canonical.ts';
import { inEdition, submissionBanner } from '../../validate/edition.ts';
import { assessmentFiles } from '../files.ts';
import { validateMany } from '../../validate/validate-many.ts';
import { buildPdfs } from '../../render/pdf/build-pdfs.ts';
import { parseShard, selectShard, type Shard } from '../../shard/shard.ts';
import { loadForms } from '../../schema/registry.ts';

export const help = `使い方: npx pia pdf <評価書.yaml> [-o 出力.pdf] [オプション]
       npx pia pdf <ファイルまたはフォルダ…> [-o 出力フォルダ] [--shard i/n]
       npx pia pdf --verify <公表済み.pdf> [評価書.yaml]

評価書を様式の体裁の PDF(A4 縦)にします。PDF には評価書の原本(正規形 JSON)を添付し、
その SHA-256 を文書情報(キーワード)とページ下部に記載します。同じ評価書からは同じ PDF ができます。

オプション:
  -o, --output <ファイル>  出力先(既定: out/pdf/<名前>.pdf)。複数の評価書のときは出力フォルダ(既定: out/pdf/)で、
                           <名前>.pdf と manifest.json(変わらない評価書は作り直しません)を書きます
  --shard <i/n>            n 個に分けたうちの i 番目の評価書だけの PDF を作ります(CI の matrix 用。分け方はファイルの
                           パスで決まり、validate・build と同じです)
  --strict                 公表用: 検証で誤りがあれば PDF を作りません
  --submission             提出用: 非公表の部分を含む全文の PDF(各ページに「提出用」と表示)。既定は公表用で、
                           非公表の項目・部分は「（非公表）」になります
  --verify                 PDF を確かめます: 添付の原本 JSON の SHA-256 が PDF の記載と一致するか、
                           評価書(YAML)を指定したときは、その評価書から作った PDF か
  -h, --help               この説明を表示します

様式の構造に合わない評価書からは PDF を作らず、検証結果を表示します。
--verify を使わずに確かめるには: pdfdetach -saveall 出力.pdf で添付の JSON を取り出し、sha256sum の値が
PDF のキーワード(pdfinfo で表示)と一致することを確認します。

終了コード: 0 作成しました(--verify: 一致しました) / 1 検証の誤りのため作成しませんでした(--verify: 一致しません)
/ 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia pdf <assessment.yaml> [-o output.pdf] [options]
       npx pia pdf <files or folders…> [-o output folder] [--shard i/n]
       npx pia pdf --verify <published.pdf> [assessment.yaml]

Renders an assessment as a PDF in the layout of the form (A4 portrait). The assessment's original (canonical JSON) is attached to the PDF,
and its SHA-256 is given in the document information (keywords) and at the foot of the pages. The same assessment gives the same PDF.

Options:
  -o, --output <file>      The output path (default: out/pdf/<name>.pdf). For several assessments, the output folder (default: out/pdf/),
                           where <name>.pdf and manifest.json are written (unchanged assessments are not rendered again)
  --shard <i/n>            Render the PDFs of only the i-th of n parts of the assessments (for a CI matrix; the split is decided by
                           the file paths, the same as for validate and build)
  --strict                 For publication: no PDF if validation finds errors
  --submission             Submission edition: a PDF of the full text including the non-public parts (each page marked 「提出用」). The default
                           is the public edition, where non-public (非公表) items and parts become 「（非公表）」
  --verify                 Verify a PDF: whether the SHA-256 of the attached original JSON matches the one the PDF states, and,
                           when an assessment (YAML) is given, whether the PDF was made from that assessment
  -h, --help               Show this help

An assessment that does not fit the structure of its form gives no PDF; the validation results are shown.
To verify without --verify: extract the attached JSON with pdfdetach -saveall output.pdf, and check that its sha256sum value
matches the PDF's keywords (shown by pdfinfo).

Exit codes: 0 created (--verify: they match) / 1 not created because of validation errors (--verify: they do not match)
/ 2 usage or input error`;

export async function pdf(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      strict: { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      submission: { type: 'boolean', default: false },
      shard: { type: 'string' },
    },
  });
  if (values.verify) return verify(positionals);
  const shard = parseShard(values.shard, 'pdf');
  // Several files, a folder of assessment folders, or a shard: PDFs into a folder, as `pia build` writes them.
  const single = positionals.length === 1 && !shard && (!existsSync(positionals[0]!) || !statSync(positionals[0]!).isDirectory() || existsSync(path.join(positionals[0]!, 'assessment.yaml')));
  if (positionals.length > 0 && !single) return many(positionals, shard, values);
  if (positionals.length !== 1) fail(UsageError, { detail: '評価書のファイルを1つ指定してください。', command: 'pdf' });
  const input = positionals[0]!;
  if (!existsSync(input)) fail(PathNotFound, { path: input });
  const file = statSync(input).isDirectory() ? path.join(input, 'assessment.yaml') : input;
  if (!existsSync(file)) fail(PathNotFound, { path: file });

  const edition = values.submission ? 'submission' : 'public';
  const result = inEdition(validateFile(file, { strict: values.strict }), edition);
  const hasErrors = result.diagnostics.some((d) => d.severity === 'error');
  if (!result.renderable || (values.strict && hasErrors)) {
    process.stdout.write(formatText(result.diagnostics, 1));
    process.stderr.write(
      result.renderable
        ? '検証で誤りがあるため、PDF を作成しませんでした(--strict)。上の指摘を直してから、もう一度実行してください。\n'
        : '様式の構造に合わないため、PDF を作成しませんでした。上の指摘を直してから、もう一度実行してください。\n',
    );
    return 1;
  }
  if (result.diagnostics.length > 0) process.stderr.write(formatText(result.diagnostics, 1));

  const output = values.output ?? path.join('out', ...(edition === 'submission' ? ['submission'] : []), 'pdf', `${slugOf(file)}.pdf`);
  // Fail before rendering when the folder cannot be written (the atomic write still reports later failures).
  try {
    if (values.output === undefined) mkdirSync(path.dirname(output), { recursive: true });
    accessSync(path.dirname(output), constants.W_OK);
  } catch (error) {
    fail(OutputNotWritable, { path: output, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const rendered = await renderAssessment(result, { banner: edition === 'submission' ? submissionBanner : undefined });
  writeFileAtomic(output, rendered.bytes);
  const uncovered = uncoveredCharacters([...stringLeaves(result.data)].map((leaf) => leaf.text).join(''));
  if (uncovered.length > 0) {
    process.stderr.write(`次の文字は PDF のフォントにないため、空白の四角で表示されます: ${uncovered.join(' ')}。別の文字(常用の字体など)に置き換えてください。\n`);
  }
  process.stdout.write(`${output} を作成しました(SHA-256 ${rendered.sha256})。\n`);
  return 0;
}

/** PDFs of several assessments into one folder (build-pdfs: atomic writes, manifest, unchanged ones kept). */
async function many(inputs: string[], shard: Shard | undefined, values: { output?: string; strict?: boolean; submission?: boolean }): Promise<number> {
  // The inputs first: a folder that holds no assessment is named in its own error, before any option is judged.
  const found = assessmentFiles(inputs);
  if (values.output?.toLowerCase().endsWith('.pdf')) fail(UsageError, { detail: `${inputs.join('、')} には評価書が ${found.length} 件あります。複数の評価書の PDF を作るときは、-o に出力フォルダを指定してください。`, command: 'pdf' });
  const edition = values.submission ? 'submission' : 'public';
  const outDir = values.output ?? path.join('out', ...(edition === 'submission' ? ['submission'] : []), 'pdf');
  const files = selectShard(found, shard);
  const forms = loadForms();
  const results = (await validateMany(files, { strict: values.strict, edition })).map((r) => ({ ...r, form: r.formName ? forms.get(r.formName) : undefined }));
  const refused = results.filter((r) => !r.renderable || (values.strict && r.diagnostics.some((d) => d.severity === 'error')));
  const diagnostics = results.flatMap((r) => r.diagnostics);
  if (diagnostics.length > 0) process.stdout.write(formatText(diagnostics, files.length));
  const built = await buildPdfs(results.filter((r) => !refused.includes(r)), outDir, { banner: edition === 'submission' ? submissionBanner : undefined });
  process.stdout.write(`PDF ${built.length} 件を ${outDir}/ に出力しました${shard ? `(${shard.index}/${shard.count} の分、評価書 ${files.length} 件)` : ''}。\n`);
  if (refused.length > 0) {
    process.stderr.write(`次の評価書は${values.strict ? '検証で誤りがあるため' : '様式の構造に合わないため'}、PDF を作成しませんでした: ${refused.map((r) => r.file).join('、')}\n`);
    return 1;
  }
  return 0;
}

/** --verify <pdf> [yaml]: the attached source matches the PDF's declared hash, and (given) the YAML's canonical form. */
function verify(positionals: string[]): number {
  if (positionals.length < 1 || positionals.length > 2) fail(UsageError, { detail: '--verify には PDF と、必要なら評価書(YAML)を指定してください。', command: 'pdf' });
  const [pdfFile, yaml] = positionals as [string, string | undefined];
  if (!existsSync(pdfFile)) fail(PathNotFound, { path: pdfFile });
  const source = readPdfSource(readFileSync(pdfFile));
  if (!source) fail(PdfSourceMissing, { path: pdfFile });
  const lines: string[] = [];
  let ok = true;
  if (source.declared === source.sha256) {
    lines.push(`添付の原本 ${source.name} の SHA-256 は PDF の記載と一致します: ${source.sha256}`);
  } else {
    ok = false;
    lines.push(`添付の原本 ${source.name} の SHA-256 (${source.sha256}) が PDF の記載 (${source.declared ?? 'なし'}) と一致しません。PDF が作成後に変更された可能性があります。`);
  }
  if (yaml !== undefined) {
    if (!existsSync(yaml)) fail(PathNotFound, { path: yaml });
    // A published PDF embeds the public version (非公表 withheld); a submission PDF the full one.
    const full = validateFile(yaml);
    const shown = inEdition(full, 'public');
    const result = shown.renderable || !full.renderable ? shown : full;
    if (!result.renderable || !result.data || !result.form) {
      process.stdout.write(formatText(result.diagnostics, 1));
      lines.push(`${yaml} は様式の構造に合わないため、比べられませんでした。`);
      ok = false;
    } else {
      const canonical = canonicalJson(result.data, result.form.schema);
      const submission = full.data && full.form ? canonicalJson(full.data, full.form.schema) : undefined;
      if (canonical.sha256 === source.sha256) lines.push(`${yaml} の内容は PDF の原本と一致します。`);
      else if (submission?.sha256 === source.sha256) lines.push(`${yaml} の内容は PDF の原本と一致します(非公表の部分を含む提出用の PDF です)。`);
      else {
        ok = false;
        lines.push(`${yaml} の内容 (SHA-256 ${canonical.sha256}) は PDF の原本と一致しません。別の版の評価書から作った PDF です。`);
      }
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  return ok ? 0 : 1;
}
