/**
 * `pia build` (npm run build): the main job. Validates every assessment, then renders what can be rendered.
 * Content findings (a future 変更日 …) are printed but do not stop publication of a structurally valid
 * assessment; an assessment whose structure is wrong cannot be rendered and fails the build.
 * The public version withholds the 非公表 parts; `--submission` builds the full version for the 個人情報保護委員会
 * into out/submission/ (never dist/), with a banner on every page.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assessmentFiles, assessmentsDir } from '../files.ts';
import { validateAll } from '../../site/structure-cache.ts';
import { officeDiagnosticsFor } from '../../office/office.ts';
import { loadForms } from '../../schema/registry.ts';
import { formatJson, formatText } from '../../report/format.ts';
import { fail, UsageError } from '../../report/errors.ts';
import { buildPdfs } from '../../render/pdf/build-pdfs.ts';
import { buildSite, checkPublicationInputs, InvalidAssessmentsError, projectRoot, UnsafePublicationError } from '../../site/build-site.ts';
import { submissionBanner, type Edition } from '../../validate/edition.ts';
import { t } from '../../report/i18n.ts';
import { progress } from '../../report/progress.ts';
import { slugOf } from '../../model/slug.ts';
import { parseShard, searchPartPrefix, selectShard } from '../../shard/shard.ts';
import { portfolioDir, shardEnvironment, shardRoot, startShard, withEnvironment, writeShardManifest } from '../../shard/output.ts';
import { CheckReportError, readCheckReport } from '../../office/check-report.ts';

export const help = `使い方: npx pia build [オプション]

assessments/ のすべての評価書を検証し、PDF と公開用サイト(dist/)を作ります(主たる処理)。
内容の指摘(警告・誤り)は表示しますが、様式の構造に合わない評価書があると出力せずに失敗します。
非公表(評価書の「非公表」に書いた項目・部分)は、公開用の PDF・サイト・JSON・CSV・検索索引では「（非公表）」になります。
サイトを市のサイトの下の階層に置くときは、そのパスを環境変数 PIA_BASE で指定します(例: PIA_BASE=/kurashi/hyoka/)。

オプション:
  --submission           提出用(非公表の部分を含む全文、各ページに「提出用」の表示)を out/submission/ に作ります
                         (PDF は out/submission/pdf/、サイトは out/submission/site/)。公開用の dist/ には作りません
  --shard <i/n>          n 個に分けたうちの i 番目の評価書だけを作ります(CI の matrix 用)。出力は out/shard-<i>-of-<n>/
                         (site/、pdf/、shard.json)で、dist/ には作りません。全部の出力を npx pia merge で1つのサイトにします
  --check-report <JSON>  pia check --format json の出力を読み、事務の一覧(offices/)に点検の結果を表示します
                         (与えないと「未確認」。公開用のサイトに点検の結果を載せるかは市が決めます)
  --format <形式>        text(既定)または json(検証の結果と、作ったもの・前回の結果を使ったものを1つの JSON で)
  -h, --help             この説明を表示します

前回から変わらない評価書のページ・JSON・CSV と検索の索引の部分は、作り直さずに前回の結果を使います
(評価書の記載・様式・プログラム・サイトの設定から求めたハッシュで照合し、壊れたものは作り直します)。

終了コード: 0 成功 / 1 出力できない評価書あり / 2 指定や入力の誤り(公開できないフォルダ名など)`;

export const helpEn = `Usage: npx pia build [options]

Validates every assessment under assessments/ and builds the PDFs and the public site (dist/) (the main job).
Findings about the content (warnings, errors) are shown, but if an assessment does not fit the structure of its form, nothing is output and the build fails.
Non-public content (非公表: the items and parts listed under 「非公表」 in the assessment) becomes 「（非公表）」 in the public PDFs, site, JSON, CSV and search index.
To place the site below a path of the city's website, give that path in the environment variable PIA_BASE (e.g. PIA_BASE=/kurashi/hyoka/).

Options:
  --submission           Build the submission edition (the full text including the non-public parts, each page marked 「提出用」) in out/submission/
                         (PDFs in out/submission/pdf/, the site in out/submission/site/). Nothing is built in the public dist/
  --shard <i/n>          Build only the i-th of n parts of the assessments (for a CI matrix). The output goes to out/shard-<i>-of-<n>/
                         (site/, pdf/, shard.json), not to dist/. npx pia merge makes one site of all the outputs
  --check-report <JSON>  Read the output of pia check --format json and show the check results in the list of 事務 (offices/)
                         (without it: 「未確認」, not checked. Whether the public site shows the check results is for the city to decide)
  --format <format>      text (default) or json (the validation results, and what was built and what was reused from the last build, as one JSON)
  -h, --help             Show this help

The pages, JSON and CSV of assessments unchanged since the last build, and their parts of the search index, are not rebuilt but reused
(matched by a hash of the assessment's text, the form, the program and the site settings; anything damaged is rebuilt).

Exit codes: 0 success / 1 an assessment cannot be output / 2 usage or input error (such as a folder name that cannot be published)`;

export async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { submission: { type: 'boolean', default: false }, shard: { type: 'string' }, 'check-report': { type: 'string' }, format: { type: 'string', default: 'text' } } });
  // gaps (#13): the check results shown on the portfolio page, read by its loader (src/office/site-loader.ts).
  const checkReport = values['check-report'] !== undefined ? path.resolve(values['check-report']) : undefined;
  if (checkReport !== undefined) {
    try {
      readCheckReport(checkReport, process.cwd());
    } catch (error) {
      if (!(error instanceof CheckReportError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
  }
  if (values.format !== 'text' && values.format !== 'json') fail(UsageError, { detail: '--format には text、json のいずれかを指定してください。', command: 'build' });
  const json = values.format === 'json';
  const edition: Edition = values.submission ? 'submission' : 'public';
  const shard = parseShard(values.shard, 'build');
  const shardDir = shard && shardRoot(shard, edition);
  const out = shardDir ? { pdf: path.join(shardDir, 'pdf'), site: path.join(shardDir, 'site') } : edition === 'submission' ? { pdf: path.join('out', 'submission', 'pdf'), site: path.join('out', 'submission', 'site') } : { pdf: path.join('out', 'pdf'), site: 'dist' };
  const all = assessmentFiles([]);
  const files = selectShard(all, shard);
  if (shardDir) startShard(shardDir);
  // Folder names, slug collisions and symlinks are checked before anything is written (PDFs included); a shard
  // checks every file, so that two folders of one name in different shards stop each job.
  try {
    checkPublicationInputs(all, assessmentsDir);
  } catch (error) {
    if (!(error instanceof UnsafePublicationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const forms = loadForms();
  // Validation runs as one batch (in worker threads): a line that says what runs, cleared when it is done.
  const checking = progress(t('progress.validate', { n: files.length }), undefined);
  checking.update(0);
  // Results of files whose text did not change since the last build are read back (src/site/structure-cache.ts).
  const results = (await validateAll(files, { edition }, path.join(projectRoot, 'node_modules', '.astro'))).map((r) => ({ ...r, form: r.formName ? forms.get(r.formName) : undefined }));
  checking.end();
  const diagnostics = [...results.flatMap((r) => r.diagnostics), ...(await officeDiagnosticsFor(results))];
  // --format json: one object on stdout at the end (the findings as `pia validate --format json`, then what was built).
  const report = (extra: Record<string, unknown>) => {
    if (json) process.stdout.write(`${JSON.stringify({ ...(JSON.parse(formatJson(diagnostics, files.length)) as object), ...extra }, null, 2)}\n`);
  };
  if (!json) process.stdout.write(formatText(diagnostics, files.length));
  const broken = results.filter((r) => !r.renderable);
  if (broken.length > 0) {
    const withheld = broken.some((r) => r.diagnostics.some((d) => d.rule === 'withheld-part' && d.severity === 'error'));
    process.stderr.write(`${t(withheld ? 'build.brokenWithheld' : 'build.broken', { files: broken.map((r) => r.file).join(t('summary.separator')) })}\n`);
    report({ built: false });
    return 1;
  }
  // PDF step: <pdf>/<slug>.pdf (the site copies them from there); unchanged assessments are not rendered again.
  const rendering = progress(t('progress.pdf'), undefined);
  const pdfs = await buildPdfs(results, out.pdf, { banner: edition === 'submission' ? submissionBanner : undefined, onProgress: (done, total) => rendering.update(done, total) });
  rendering.end();
  if (!json) process.stdout.write(`${t('build.pdfs', { n: pdfs.length, dir: out.pdf })}\n`);
  // Site step: pages, PDF/JSON/CSV downloads, search index, published under PIA_BASE (default /).
  try {
    const building = progress(t('progress.site'), undefined);
    building.update(0);
    const savedReport = process.env.PIA_CHECK_REPORT;
    if (checkReport !== undefined) process.env.PIA_CHECK_REPORT = checkReport;
    const restoreReport = () => {
      if (savedReport === undefined) delete process.env.PIA_CHECK_REPORT;
      else process.env.PIA_CHECK_REPORT = savedReport;
    };
    // A shard's search-index parts get ids of their own (s03-p00 …), so that the merge never finds two of one name.
    const siteOptions: Parameters<typeof buildSite>[0] & { searchPartPrefix?: string } = { outDir: out.site, pdfDir: out.pdf, validated: results, edition, ...(shard ? { searchPartPrefix: searchPartPrefix(shard.index) } : {}) };
    // A shard's site holds its assessments only (the loader selects them by PIA_SHARD); an empty shard has none.
    const site = await (files.length === 0 && shard ? Promise.resolve(undefined) : withEnvironment({ ...shardEnvironment(shard), PIA_PORTFOLIO_OUT: shardDir ? path.resolve(portfolioDir(shardDir)) : undefined, PIA_MERGE_PLAN: undefined }, () => buildSite(siteOptions))).finally(() => {
      building.end();
      restoreReport();
    });
    const r = site?.reuse;
    if (json) {
      report({ built: true, edition, pdf: { dir: out.pdf, files: pdfs.length }, site: site && r ? { dir: out.site, pages: site.pages, noop: r.noop, assessments: { rendered: r.rendered, reused: r.reused }, search: { parts: r.searchParts, built: r.searchBuilt, reused: r.searchReused } } : { dir: out.site, pages: 0 }, ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}) });
    } else if (site && r) {
      process.stdout.write(`${t(edition === 'submission' ? 'build.submissionSite' : 'build.site', { pages: site.pages, dir: out.site })}\n`);
      process.stdout.write(`${r.noop ? t('build.siteNoop', { dir: out.site, reused: r.reused, parts: r.searchParts }) : t('build.siteReuse', { rendered: r.rendered, reused: r.reused, parts: r.searchParts, built: r.searchBuilt, partsReused: r.searchReused })}\n`);
    }
    if (shard && shardDir) {
      const bySlug = new Map(files.map((f) => [slugOf(f), f]));
      (json ? process.stderr : process.stdout).write(`${t('shard.written', { shard: `${shard.index}/${shard.count}`, n: files.length, file: writeShardManifest(shardDir, shard, edition, files, pdfs, (slug) => bySlug.get(slug)!) })}\n`);
    }
    if (edition === 'submission') (json ? process.stderr : process.stdout).write(`${t('build.submissionWarning')}\n`);
  } catch (error) {
    if (error instanceof UnsafePublicationError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (!(error instanceof InvalidAssessmentsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  return 0;
}

