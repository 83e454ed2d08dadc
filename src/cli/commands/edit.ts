/** `pia edit [path]`: the guided editor, in the browser, served from this machine only. */
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { fail, UsageError } from '../../report/errors.ts';
import { lang, t } from '../../report/i18n.ts';
import { startEditorServer } from '../../edit/server.ts';
import { EditError } from '../../edit/session.ts';

export const help = `使い方: npx pia edit [評価書のパス] [オプション]

評価書を、様式どおりの入力画面でブラウザから編集します(このコンピュータの中だけで動きます)。
入力するたびに検証し(npx pia validate と同じ規則)、指摘を項目の横に示します。
「この変更の扱い」に、最後にコミットした版(git で管理していないときは開いたときの版)からの変更と、
その提出時期(事前・事後・再評価)を示し、変更箇所の行を下書きできます(npx pia diff --write と同じ仕組み)。
保存はコメントと書式を残し、変更した行だけを書き換えます。開いた後にほかで保存されたファイルは上書きしません。

開けるのは assessments/ の中の評価書だけです。パスを省くと一覧から選べます。
表示されたアドレスには、推測できない鍵が含まれます。ほかの人に渡さないでください。

オプション:
  --port <番号>   待ち受けるポート(既定: 空いているポートを自動で選びます)
  --open          既定のブラウザで開きます
  --today <日付>  今日の日付(YYYY-MM-DD)
  --lang en       画面を英語にします
  -h, --help      この説明を表示します

終了: Ctrl+C で止めます。終了コード: 0 正常 / 2 指定や入力の誤り`;

export const helpEn = `Usage: npx pia edit [assessment path] [options]

Edits an assessment in the browser, on input screens laid out like the form (it runs only on this computer).
Every input is validated (with the same rules as npx pia validate), and the findings are shown beside the items.
"How this change is handled" (この変更の扱い) shows the changes since the last committed version (the version when opened, if git does not manage the file)
and their submission timing (事前 / 事後 / 再評価), and lets you draft rows of 変更箇所 (the same mechanism as npx pia diff --write).
Saving keeps comments and formatting and rewrites only the changed lines. A file saved elsewhere after it was opened is not overwritten.

Only assessments inside assessments/ can be opened. Without a path, you can choose from a list.
The address shown contains a key that cannot be guessed. Do not give it to anyone else.

Options:
  --port <number>  The port to listen on (default: a free port, chosen automatically)
  --open           Open it in the default browser
  --today <date>   Today's date (YYYY-MM-DD)
  --lang en        Show the screens in English
  -h, --help       Show this help

Stopping: Ctrl+C stops it. Exit codes: 0 normal / 2 usage or input error`;

export async function edit(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false }, today: { type: 'string' } },
  });
  const usage = (detail: string): never => fail(UsageError, { detail, command: 'edit' });
  if (positionals.length > 1) usage('評価書は1つだけ指定してください。');
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) usage('--today は YYYY-MM-DD の形で指定してください。');
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) usage('--port には 1〜65535 の番号を指定してください。');
  }
  let editor;
  try {
    editor = await startEditorServer({ root: process.cwd(), port, lang: lang(), today: values.today });
  } catch (error) {
    if (error instanceof EditError) usage(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') usage(`ポート ${port} は使われています。別の番号を指定するか、--port を省いてください。`);
    throw error;
  }
  let url = editor.url;
  if (positionals[0] !== undefined) {
    try {
      url += `?file=${encodeURIComponent(editor.session.resolve(positionals[0]).file)}`;
    } catch (error) {
      await editor.close();
      if (error instanceof EditError) usage(`${positionals[0]}: ${error.message}`);
      throw error;
    }
  }
  process.stdout.write(`${t('edit.listening', { url })}\n${t('edit.stop')}\n`);
  if (values.open) {
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => process.stderr.write(`${t('edit.noBrowser')}\n`)).unref();
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await editor.close();
  return 0;
}
