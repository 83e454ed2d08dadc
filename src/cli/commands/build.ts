/**
 * `pia build` (npm run build): the main job. Validates every assessment, then renders what can be rendered.
 * Content findings (a future 変更日 …) are printed but do not stop publication of a structurally valid
 * assessment; an assessment whose structure is wrong cannot be rendered and fails the build.
 */
import { parseArgs } from 'node:util';
import { assessmentFiles } from '../files.ts';
import { validateMany } from '../../validate/validate-many.ts';
import { officeDiagnosticsFor } from '../../office/office.ts';
import { loadForms } from '../../schema/registry.ts';
import { formatText } from '../../report/format.ts';
import { buildPdfs } from '../../render/pdf/build-pdfs.ts';
import { buildSite, InvalidAssessmentsError } from '../../site/build-site.ts';

export const help = `使い方: npx pia build [オプション]

assessments/ のすべての評価書を検証し、PDF と公開用サイト(dist/)を作ります(主たる処理)。
内容の指摘(警告・誤り)は表示しますが、様式の構造に合わない評価書があると出力せずに失敗します。
サイトを市のサイトの下の階層に置くときは、そのパスを環境変数 PIA_BASE で指定します(例: PIA_BASE=/kurashi/hyoka/)。

オプション:
  -h, --help    この説明を表示します

終了コード: 0 成功 / 1 出力できない評価書あり / 2 指定や入力の誤り`;

export async function build(args: string[]): Promise<number> {
  parseArgs({ args, allowPositionals: false, options: {} });
  const files = assessmentFiles([]);
  const forms = loadForms();
  const results = (await validateMany(files)).map((r) => ({ ...r, form: r.formName ? forms.get(r.formName) : undefined }));
  process.stdout.write(formatText([...results.flatMap((r) => r.diagnostics), ...(await officeDiagnosticsFor(results))], files.length));
  const broken = results.filter((r) => !r.renderable);
  if (broken.length > 0) {
    process.stderr.write(`様式の構造に合わない評価書があるため、出力しませんでした: ${broken.map((r) => r.file).join('、')}\n`);
    return 1;
  }
  // PDF step: out/pdf/<slug>.pdf (the site copies them from there); unchanged assessments are not rendered again.
  const pdfs = await buildPdfs(results, 'out/pdf');
  process.stdout.write(`PDF ${pdfs.length} 件を out/pdf/ に出力しました。\n`);
  // Site step: dist/ (pages, PDF/JSON/CSV downloads, search index), published under PIA_BASE (default /).
  try {
    const site = await buildSite({ outDir: 'dist', pdfDir: 'out/pdf', validated: results });
    process.stdout.write(`公開用サイト(${site.pages} ページ)を dist/ に出力しました。\n`);
  } catch (error) {
    if (!(error instanceof InvalidAssessmentsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  return 0;
}
