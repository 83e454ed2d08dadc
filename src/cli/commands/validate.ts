/** `pia validate [paths…]`: schema and domain rules, all problems at once. */
import { parseArgs } from 'node:util';
import { assessmentFiles } from '../files.ts';
import { validateMany } from '../../validate/validate-many.ts';
import { officeDiagnosticsFor } from '../../office/office.ts';
import { formatDiagnostics, formats, type Format } from '../../report/format.ts';
import { fail, UsageError } from '../../report/errors.ts';
import { parseShard, selectShard } from '../../shard/shard.ts';

export const help = `使い方: npx pia validate [ファイルまたはフォルダ…] [オプション]

評価書(YAML)を様式の定義(schemas/)と検証規則で検証します。
パスを省略すると assessments/ のすべての評価書を検証します。

オプション:
  --strict           公表用の検証: 必須項目の欠落・空欄、状態不明のチェック欄を誤りにします
  --format <形式>    text(既定)、json、github(GitHub Actions の注釈)
  --today <日付>     今日の日付(YYYY-MM-DD)。未来の日付の判定に使います
  --shard <i/n>      n 個に分けたうちの i 番目だけを検証します(CI の matrix 用。分け方はファイルのパスで決まります)
  -h, --help         この説明を表示します

終了コード: 0 誤りなし / 1 誤りあり / 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia validate [files or folders…] [options]

Validates assessments (YAML) against the form definitions (schemas/) and the validation rules.
Without a path, every assessment under assessments/ is validated.

Options:
  --strict           Validation for publication: missing or blank required items and checkboxes of unknown state are errors
  --format <format>  text (default), json, github (GitHub Actions annotations)
  --today <date>     Today's date (YYYY-MM-DD), used to judge dates in the future
  --shard <i/n>      Validate only the i-th of n parts (for a CI matrix; the split is decided by the file paths)
  -h, --help         Show this help

Exit codes: 0 no errors / 1 errors / 2 usage or input error`;

export async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      strict: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      today: { type: 'string' },
      shard: { type: 'string' },
    },
  });
  if (!formats.includes(values.format as Format)) fail(UsageError, { detail: `--format には ${formats.join('、')} のいずれかを指定してください。`, command: 'validate' });
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) fail(UsageError, { detail: '--today は YYYY-MM-DD の形で指定してください。', command: 'validate' });
  const shard = parseShard(values.shard, 'validate');
  const files = selectShard(assessmentFiles(positionals), shard);
  const results = await validateMany(files, { strict: values.strict, today: values.today });
  const diagnostics = [...results.flatMap((r) => r.diagnostics), ...(await officeDiagnosticsFor(results, { strict: values.strict, wholeCity: positionals.length === 0 }))];
  process.stdout.write(formatDiagnostics(values.format as Format, diagnostics, files.length));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
