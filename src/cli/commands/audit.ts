/** `pia audit [paths…]`: 変更箇所 rows vs the class of their items, unrecorded changes in git history, time triggers. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assessmentFiles } from '../files.ts';
import { fail, UsageError } from '../../report/errors.ts';
import { countBySeverity, type Diagnostic } from '../../report/diagnostic.ts';
import { todayInJapan } from '../../model/wareki.ts';
import { fileHistory, isInsideGitRepository, isTracked, readVersions } from '../../git/git.ts';
import { auditAssessment, type History } from '../../diff/audit.ts';
import { findDecisionsFile, findRenamesFile, loadDecisions, loadRenames } from '../../classify/records.ts';
import { timeRules } from '../../classify/time-rules.ts';
import { displayPath, formatGithubAnnotations, formatJunit, formatSarif } from '../../diff/outputs.ts';
import { problemFinding } from '../../diff/report.ts';

export const help = `使い方: npx pia audit [ファイルまたはフォルダ…] [オプション]

評価書の変更の記録を点検します。パスを省略すると assessments/ のすべての評価書を点検します。
  - 変更箇所(別添2)の各行: 提出時期が、行が示す項目の区分(※の項目は原則として事前)と合っているか
  - git の履歴: 公表日の後の変更で、変更箇所に記載がないもの(事前・再評価に当たるものは誤り)
  - 時期: 1年ごとの見直し(規則第14条)、5年を経過する前の再評価(規則第15条)
確認した結果は評価書と同じフォルダの decisions.yaml に「変更箇所: <行のID>」で記録できます。

オプション:
  --format <形式>  text(既定)、json、markdown、junit、sarif、github
  --no-history     git の履歴を調べません
  --today <日付>   今日の日付(YYYY-MM-DD)
  -h, --help       この説明を表示します

終了コード: 0 誤りなし(確認を求める警告は含みます) / 1 誤りあり / 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia audit [files or folders…] [options]

Audits the record of changes of assessments (評価書). Without a path, every assessment under assessments/ is audited.
  - Each row of 変更箇所 (Annex 2): its submission timing matches the class of the item the row names (※ items are, as a rule, 事前)
  - git history: changes after the publication date that 変更箇所 does not record (an error where they are 事前 or need 再評価)
  - Timing: the yearly review (Rules, Article 14) and the re-assessment before five years have passed (Rules, Article 15)
A result you have confirmed can be recorded in decisions.yaml in the assessment's folder as "変更箇所: <row ID>".

Options:
  --format <format>  text (default), json, markdown, junit, sarif, github
  --no-history       Do not look at the git history
  --today <date>     Today's date (YYYY-MM-DD)
  -h, --help         Show this help

Exit codes: 0 no errors (warnings asking for confirmation may remain) / 1 errors / 2 usage or input error`;

const formats = ['text', 'json', 'markdown', 'junit', 'sarif', 'github'] as const;

export async function audit(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, 'no-history': { type: 'boolean', default: false }, today: { type: 'string' } },
  });
  if (!formats.includes(values.format as (typeof formats)[number])) fail(UsageError, { detail: `--format には ${formats.join('、')} のいずれかを指定してください。`, command: 'audit' });
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) fail(UsageError, { detail: '--today は YYYY-MM-DD の形で指定してください。', command: 'audit' });
  const today = values.today ?? todayInJapan();
  const files = assessmentFiles(positionals);
  const useGit = !values['no-history'] && isInsideGitRepository();
  const diagnostics: Diagnostic[] = [];
  let inputError = false;
  for (const file of files) {
    let history: History | undefined;
    if (useGit && isTracked(file)) {
      const commits = fileHistory(file);
      history = { commits, texts: readVersions(commits, file) };
    }
    const decisionsFile = findDecisionsFile(file);
    const decisions = decisionsFile ? loadDecisions(decisionsFile) : undefined;
    const renamesFile = findRenamesFile(file);
    const renames = renamesFile ? loadRenames(renamesFile) : undefined;
    if (decisions && !decisions.ok) { diagnostics.push(...decisions.diagnostics); inputError = true; continue; }
    if (renames && !renames.ok) { diagnostics.push(...renames.diagnostics); inputError = true; continue; }
    const result = auditAssessment({ file, text: readFileSync(file, 'utf8'), history, decisions: decisions?.value, renames: renames?.value, today });
    if (!result.ok) inputError = true;
    diagnostics.push(...result.diagnostics);
  }
  const format = values.format as (typeof formats)[number];
  const findings = diagnostics.map(problemFinding);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ version: 1, files: files.length, summary: countBySeverity(diagnostics), diagnostics: diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, file: displayPath(d.file), line: d.line, col: d.col, path: d.path, message: d.message, hint: d.hint ?? null })) }, null, 2) + '\n');
  } else if (format === 'junit') process.stdout.write(formatJunit('pia audit', findings, files));
  else if (format === 'sarif') process.stdout.write(formatSarif('pia audit', timeRules.map((r) => ({ id: r.id, title: r.title, basis: r.basis })), findings));
  else if (format === 'github') process.stdout.write(formatGithubAnnotations(findings));
  else if (format === 'markdown') {
    const lines = ['## 変更の記録の点検(pia audit)', ''];
    for (const d of diagnostics) lines.push(`- ${d.severity === 'error' ? '❌' : d.severity === 'warning' ? '⚠️' : 'ℹ️'} \`${displayPath(d.file)}:${d.line}\` ${d.message.replace(/\n/g, ' ')} \`[${d.rule}]\``);
    if (diagnostics.length === 0) lines.push('指摘はありません。');
    process.stdout.write(lines.join('\n') + '\n');
  } else {
    const lines: string[] = [];
    for (const d of diagnostics) {
      lines.push(`${displayPath(d.file)}:${d.line}:${d.col}  ${d.severity}  ${d.message}  [${d.rule}]`);
      if (d.hint) lines.push(`  hint: ${d.hint}`);
    }
    const c = countBySeverity(diagnostics);
    lines.push(`${files.length} ファイルを点検しました${useGit ? '(git の履歴を含む)' : ''}: 誤り ${c.error} 件、要確認 ${c.warning} 件、情報 ${c.info} 件。`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (inputError) return 2;
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
