/** `pia check [assessments…]`: each claim of checks.yaml against live system configuration; the CI gate. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assessmentFiles } from '../files.ts';
import { checkAssessment, isFailing } from '../../checks/run.ts';
import { checkFormats, formatRuns, type CheckFormat } from '../../checks/format.ts';
import { checkRules } from '../../checks/catalogue.ts';
import { redactor } from '../../checks/redact.ts';
import { formatDiagnostics } from '../../report/format.ts';
import { fail, OutputNotWritable, UsageError } from '../../report/errors.ts';
import type { CheckRun } from '../../checks/types.ts';
import type { Diagnostic } from '../../report/diagnostic.ts';
import { t } from '../../report/i18n.ts';

export const help = `使い方: npx pia check [評価書のファイルまたはフォルダ…] [オプション]

評価書の記載(主張)を、稼働中のシステムの設定と突き合わせます。点検の定義は評価書と同じフォルダの
checks.yaml に書きます(schemas/checks.v1.schema.json)。パスを省略すると assessments/ のすべての評価書を点検します。

結果: 適合 / 矛盾(評価書の記載と設定が食い違う) / エラー(取得元を読めない等) / 未点検(点検も確認もない)
      / 確認済み(人による確認の記録) / 期限切れ(確認の記録の有効期限切れ)

オプション:
  --format <形式>      text(既定)、json、junit、sarif、codequality(GitLab の Code Quality)、github(GitHub Actions の注釈)
  --sarif <ファイル>   SARIF 2.1.0 をこのファイルにも書き出します(同じ1回の点検の結果)
  --junit <ファイル>   JUnit XML をこのファイルにも書き出します
  --codequality <ファイル> GitLab の Code Quality(JSON)をこのファイルにも書き出します
  --allow-commands     取得元の種類 command(シェルのコマンド)の実行を許可します(プルリクエストの CI では付けないでください)
  --today <日付>       今日の日付(YYYY-MM-DD)。確認の記録の有効期限の判定に使います
  --list-rules         点検の規則の一覧を表示します
  -h, --help           この説明を表示します

安全のため、ファイルは checks.yaml のフォルダの中だけ、PostgreSQL は読み取り専用のロールでの SELECT 1文だけを読み、
PIA_ で始まる環境変数の値はどの出力にも出しません(README の「セキュリティ」)。

終了コード: 0 問題なし / 1 矛盾あり、または方針(checks.yaml の 方針)で失敗とする結果あり
            / 2 指定や入力(評価書・checks.yaml)の誤り`;

export const helpEn = `Usage: npx pia check [assessment files or folders…] [options]

Checks what the assessments state (their claims) against the configuration of the running systems. The checks are defined in
checks.yaml in the assessment's folder (schemas/checks.v1.schema.json). Without a path, every assessment under assessments/ is checked.

Results: 適合 satisfied / 矛盾 contradicted (the assessment and the configuration disagree) / エラー error (the source cannot be read, etc.)
         / 未点検 unchecked (neither checked nor attested) / 確認済み attested (a person's attestation is recorded) / 期限切れ expired (the attestation has expired)

Options:
  --format <format>     text (default), json, junit, sarif, codequality (GitLab Code Quality), github (GitHub Actions annotations)
  --sarif <file>        Also write SARIF 2.1.0 to this file (the results of the same single run)
  --junit <file>        Also write JUnit XML to this file
  --codequality <file>  Also write GitLab Code Quality (JSON) to this file
  --allow-commands      Allow running sources of the kind command (shell commands) (do not use it in CI for pull requests)
  --today <date>        Today's date (YYYY-MM-DD), used to decide whether attestations have expired
  --list-rules          List the check rules
  -h, --help            Show this help

For safety, files are read only inside the folder of checks.yaml, PostgreSQL only with a single SELECT statement under a read-only role,
and the values of environment variables whose names start with PIA_ never appear in any output (「セキュリティ」 (security) in the README).

Exit codes: 0 no problems / 1 contradictions, or results that fail under the policy (方針 in checks.yaml)
            / 2 usage or input error (in an assessment or checks.yaml)`;

export async function check(args: string[]): Promise<number> {
  // One last pass over every byte this command prints or writes: no secret it was given leaves it, in any format
  // (stdout, stderr, the --sarif/--junit files, and the text of an error that escapes, printed by main.ts).
  const redact = redactor(process.env);
  try {
    return await checkRedacted(args, redact);
  } catch (error) {
    if (error instanceof Error) {
      error.message = redact(error.message);
      if (error.stack) error.stack = redact(error.stack);
    }
    throw error;
  }
}

async function checkRedacted(args: string[], redact: (text: string) => string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'allow-commands': { type: 'boolean', default: false },
      today: { type: 'string' },
      'list-rules': { type: 'boolean', default: false },
      sarif: { type: 'string' },
      junit: { type: 'string' },
      codequality: { type: 'string' },
    },
  });
  if (values['list-rules']) {
    for (const rule of checkRules) process.stdout.write(`${rule.id.padEnd(18)} ${rule.yields.join('|').padEnd(32)} ${rule.title}\n`);
    return 0;
  }
  if (!checkFormats.includes(values.format as CheckFormat)) fail(UsageError, { detail: `--format には ${checkFormats.join('、')} のいずれかを指定してください。`, command: 'check' });
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) fail(UsageError, { detail: '--today は YYYY-MM-DD の形で指定してください。', command: 'check' });

  const print = (stream: NodeJS.WriteStream, text: string) => stream.write(redact(text));
  const files = assessmentFiles(positionals);
  const runs: CheckRun[] = [];
  const invalid: Diagnostic[] = [];
  const withoutChecks: string[] = [];
  for (const file of files) {
    const outcome = await checkAssessment(file, { allowCommands: values['allow-commands'], today: values.today });
    if (outcome.kind === 'run') runs.push(outcome.run);
    else if (outcome.kind === 'invalid') invalid.push(...outcome.diagnostics);
    else withoutChecks.push(outcome.assessmentFile);
  }
  // Input errors go to stderr so that --format sarif/junit/json on stdout stays machine-readable.
  if (invalid.length > 0) print(process.stderr, formatDiagnostics('text', invalid, files.length));
  if (withoutChecks.length > 0 && values.format === 'text') {
    print(process.stdout, `${t('check.withoutChecks', { files: withoutChecks.join(t('list.separator')) })}\n\n`);
  }
  print(process.stdout, formatRuns(values.format as CheckFormat, runs));
  // Extra reports from the same observations, so CI reads each live system once.
  for (const [format, file] of [['sarif', values.sarif], ['junit', values.junit], ['codequality', values.codequality]] as const) {
    if (file === undefined) continue;
    try {
      writeFileSync(file, redact(formatRuns(format, runs)));
    } catch (error) {
      fail(OutputNotWritable, { path: file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
  }
  if (invalid.length > 0) return 2;
  return runs.some(isFailing) ? 1 : 0;
}
