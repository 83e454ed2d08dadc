/** argv → command → exit code. The only place that calls process.exit. */
import { PiaError } from '../report/errors.ts';

interface Command {
  summary: string;
  load: () => Promise<{ help: string; run: (args: string[]) => Promise<number> }>;
}

/** Every command, declared in one place; each module exports `help` and one async function. */
const commands: Record<string, Command> = {
  validate: { summary: '評価書を検証します', load: async () => { const m = await import('./commands/validate.ts'); return { help: m.help, run: m.validate }; } },
  pdf: { summary: '評価書を様式の体裁の PDF にします', load: async () => { const m = await import('./commands/pdf.ts'); return { help: m.help, run: m.pdf }; } },
  build: { summary: '検証し、PDF と公開用サイトを作ります(主たる処理)', load: async () => { const m = await import('./commands/build.ts'); return { help: m.help, run: m.build }; } },
  diff: { summary: '2つの版を比べ、変更を事前・事後に分類します(--write で変更箇所を記入)', load: async () => { const m = await import('./commands/diff.ts'); return { help: m.help, run: m.diff }; } },
  audit: { summary: '変更箇所の記載と git の履歴、見直しの時期を点検します', load: async () => { const m = await import('./commands/audit.ts'); return { help: m.help, run: m.audit }; } },
  rules: { summary: '変更の分類規則と検証規則の一覧を表示します', load: async () => { const m = await import('./commands/rules.ts'); return { help: m.help, run: m.rules }; } },
  status: { summary: '市の事務と評価書の一覧: 見直し・再評価・事前の変更の期限(--ics で予定表に)', load: async () => { const m = await import('./commands/status.ts'); return { help: m.help, run: m.status }; } },
  check: { summary: '評価書の記載をシステムの設定と突き合わせます(CI の関門)', load: async () => { const m = await import('./commands/check.ts'); return { help: m.help, run: m.check }; } },
};

const usage = () => `使い方: npx pia <コマンド> [引数…]

特定個人情報保護評価書(YAML)の検証・出力・比較・点検を行います。

コマンド:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

各コマンドの説明: npx pia <コマンド> --help
終了コード: 0 問題なし / 1 指摘あり / 2 指定・入力の誤り`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`「${name}」というコマンドはありません。\n\n${usage()}\n`);
    return 2;
  }
  const module = await command.load();
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(module.help + '\n');
    return 0;
  }
  return module.run(args);
}

function report(error: unknown): number {
  if (error instanceof PiaError) {
    process.stderr.write(`${error.message}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  // parseArgs rejects unknown options with a TypeError carrying this code.
  const code = (error as { code?: string })?.code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    process.stderr.write(`オプションの指定が正しくありません: ${(error as Error).message}\n  hint: --help で使い方を確認してください。\n`);
    return 2;
  }
  process.stderr.write(`内部エラーが発生しました。お手数ですが、次の内容を添えて不具合として報告してください。\n${(error as Error)?.stack ?? String(error)}\n`);
  return 2;
}

export async function run(argv: string[]): Promise<never> {
  let code: number;
  try {
    code = await main(argv);
  } catch (error) {
    code = report(error);
  }
  process.exit(code);
}
