/** `pia status [folder]`: the city's portfolio of 事務, sorted by what is due first; optionally an .ics of the dates. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assessmentFiles } from '../files.ts';
import { validateMany } from '../../validate/validate-many.ts';
import { formSchemas, groupOffices, officeDiagnostics } from '../../office/office.ts';
import { buildPortfolio, levelText, type CheckSummary, type DueState, type Portfolio } from '../../office/portfolio.ts';
import { portfolioCalendar } from '../../office/ics.ts';
import { checksText } from '../../office/portfolio-row.ts';
import { CheckReportError, readCheckReport } from '../../office/check-report.ts';
import { fail, OutputNotWritable, UsageError } from '../../report/errors.ts';
import { formatWareki, todayInJapan } from '../../model/wareki.ts';

export const help = `使い方: npx pia status [フォルダ] [オプション]

市の評価書を事務ごとに一覧にします(ポートフォリオ)。期限の近い事務から順に、評価書、しきい値判断、公表日、
次の見直し(1年ごと、規則第14条)、5年を経過する前の再評価(規則第15条)、まだ効力を生じていない事前の変更、
検証の結果と点検(pia check)の結果を表示します。フォルダを省略すると assessments/ を見ます。
事務は assessments/ の下のフォルダです(基礎項目評価書と重点・全項目評価書を同じフォルダに置きます)。

オプション:
  --format <形式>        text(既定)、json
  --ics <ファイル>       期限を iCalendar(.ics)ファイルに書き出します(予定表に取り込めます)
  --check-report <JSON>  pia check --format json の出力を読み、点検の結果を表示します
  --today <日付>         今日の日付(YYYY-MM-DD)
  -h, --help             この説明を表示します

終了コード: 0 期限切れなし / 1 期限切れの見直し・再評価・事前の変更、または期限を求められない日付の記載あり(CI の関門) / 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia status [folder] [options]

Lists the city's assessments by 事務 (the portfolio). Nearest due dates first, it shows each 事務's assessments, threshold decision (しきい値判断),
publication date, next review (yearly, Rules, Article 14), re-assessment before five years have passed (Rules, Article 15), 事前 changes not yet in effect,
and the results of validation and of the checks (pia check). Without a folder, it looks at assessments/.
A 事務 is a folder under assessments/ (its 基礎項目評価書 and its 重点項目評価書 or 全項目評価書 go in the same folder).

Options:
  --format <format>      text (default), json
  --ics <file>           Write the due dates to an iCalendar (.ics) file (calendars can import it)
  --check-report <JSON>  Read the output of pia check --format json and show the check results
  --today <date>         Today's date (YYYY-MM-DD)
  -h, --help             Show this help

Exit codes: 0 nothing overdue / 1 an overdue review, re-assessment or 事前 change, or a date from which no due date can be computed (the CI gate) / 2 usage or input error`;

function checkReport(file: string): Map<string, CheckSummary> {
  try {
    return readCheckReport(file, process.cwd()).runs;
  } catch (error) {
    if (!(error instanceof CheckReportError)) throw error;
    fail(UsageError, { detail: `--check-report: ${error.message}`, command: 'status' });
  }
}

const stateLabel: Record<DueState, string> = { overdue: '期限切れ', soon: 'まもなく', later: '予定' };
const day = (iso: string | undefined) => (iso ? formatWareki(iso) : '—');

export function formatStatusText(p: Portfolio): string {
  const undated = p.undated > 0 ? `日付が読めず期限を求められない事務 ${p.undated} 件。` : '';
  const lines = [`事務 ${p.offices.length} 件(今日 ${day(p.today)}): 期限切れ ${p.overdue} 件、期限の近いもの ${p.soon} 件。${undated}期限の近い順です。`, ''];
  for (const o of p.offices) {
    const first = o.due[0];
    lines.push(`${first ? `[${stateLabel[first.state]}] ` : ''}${o.name}  (事務フォルダ ${o.id})`);
    for (const d of o.documents) {
      const checks = `点検: ${checksText(d.checks)}`;
      lines.push(`  ${d.form}  評価書番号 ${d.number ?? '—'}  公表日 ${day(d.publishedOn)}  検証: 誤り ${d.validation.errors}・警告 ${d.validation.warnings}  ${checks}  ${d.file}`);
    }
    const t = o.threshold;
    const agreement = t.agrees === undefined ? '' : t.agrees ? '(Ⅱ からの判断と一致)' : `(Ⅱ から判断すると「${levelText(t.computed)}」)`;
    lines.push(`  しきい値判断: ${t.recordedText ?? '基礎項目評価書なし'}${agreement}`);
    for (const u of o.unreadableDates) lines.push(`  注意: ${u.file} の ${u.pointer}「${u.raw}」は日付として読めないため、期限を求められません(npx pia validate で確認してください)。`);
    lines.push(`  次の見直し: ${day(o.nextReview)}  5年を経過する前の再評価: ${day(o.reassessment)}  事前の変更: ${o.openPreChanges.length === 0 ? 'なし' : `${o.openPreChanges.length} 件`}`);
    for (const item of o.due) if (item.state !== 'later' || item.kind === 'pre-change') lines.push(`    ${day(item.due)}  ${stateLabel[item.state]}  ${item.title}${item.kind === 'pre-change' ? `: ${item.detail}` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** stdout to a pipe is written asynchronously: wait for it, or the process exit in main.ts cuts a long report short. */
function print(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

/** Writes through a temporary file beside the target, so a failure leaves no partial file. */
function writeWhole(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    fail(OutputNotWritable, { path: file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

export async function status(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, ics: { type: 'string' }, 'check-report': { type: 'string' }, today: { type: 'string' } },
  });
  if (!['text', 'json'].includes(values.format)) fail(UsageError, { detail: '--format には text、json のいずれかを指定してください。', command: 'status' });
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) fail(UsageError, { detail: '--today は YYYY-MM-DD の形で指定してください。', command: 'status' });
  if (positionals.length > 1) fail(UsageError, { detail: 'フォルダは1つだけ指定してください。', command: 'status' });
  const today = values.today ?? todayInJapan();
  const checks = values['check-report'] ? checkReport(values['check-report']) : new Map<string, CheckSummary>();
  const files = assessmentFiles(positionals);
  const results = await validateMany(files, { today });
  const offices = groupOffices(results, formSchemas());
  const diagnostics = [...results.flatMap((r) => r.diagnostics), ...officeDiagnostics(offices, { wholeCity: true })];
  const portfolio = buildPortfolio(offices, diagnostics, today, checks);
  const unreadable = results.filter((r) => !r.renderable).map((r) => r.file);
  if (values.ics) writeWhole(values.ics, portfolioCalendar(portfolio));
  if (values.format === 'json') await print(JSON.stringify({ version: 1, ...portfolio, unreadable }, null, 2) + '\n');
  else {
    let text = formatStatusText(portfolio);
    if (unreadable.length > 0) text += `様式の構造に合わず一覧に含めなかった評価書: ${unreadable.join('、')}(npx pia validate で確認してください)\n`;
    if (values.ics) text += `期限を ${values.ics} に書き出しました(iCalendar)。\n`;
    await print(text);
  }
  // A date that cannot be read hides a due date: the CI gate cannot say the 事務 is on time.
  return portfolio.overdue > 0 || portfolio.undated > 0 || unreadable.length > 0 ? 1 : 0;
}
