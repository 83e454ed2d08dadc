/** `pia merge <shard-dir>… [-o dist]`: one site from the outputs of `pia build --shard i/n`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fail, UsageError } from '../../report/errors.ts';
import { t } from '../../report/i18n.ts';
import { MergeError, mergeShards } from '../../shard/merge.ts';
import { InvalidAssessmentsError, UnsafePublicationError } from '../../site/build-site.ts';
import { progress } from '../../report/progress.ts';
import { readShardManifest } from '../../shard/output.ts';

export const help = `使い方: npx pia merge <シャードの出力フォルダ…> [-o 出力フォルダ]

npx pia build --shard i/n で作ったシャードの出力(out/shard-<i>-of-<n>/)を、1つの公開用サイトにまとめます。
各評価書のページ・PDF・JSON・CSV と検索索引はシャードのものを使い、評価書の一覧・事務の一覧・オープンデータ・
カタログのように全部の評価書にわたるページは、ここでシャードが残した各評価書の JSON と事務の一覧用の記録から
作ります(評価書の YAML は読み直さず、SHA-256 でシャードが作ったときのものと同じことだけを確かめます)。
シャードと同じコミットの assessments/ で実行してください。シャードが欠けている・重なっている・別の版から
作られている・出力が書き換えられている・同じ名前の評価書が2つのシャードにあるときは、何も書かずに終了します。

オプション:
  -o, --output <フォルダ>  出力先(既定: dist/。提出用のシャードは既定 out/submission/site/)。まとめ終わってから
                           置き換えるため、失敗したときは元のままです
  -h, --help               この説明を表示します

例(GitHub Actions の16並列の後): npx pia merge shards/*

終了コード: 0 成功 / 1 出力できない評価書あり / 2 指定や入力の誤り(シャードの不足・重複・不一致など)`;

export const helpEn = `Usage: npx pia merge <shard output folders…> [-o output folder]

Merges the outputs of the shards made by npx pia build --shard i/n (out/shard-<i>-of-<n>/) into one public site.
The pages, PDFs, JSON and CSV of each assessment and the search index are taken from the shards; the pages that span all assessments,
such as the list of assessments, the list of 事務, the open data and the catalogue, are built here from what the shards left:
each assessment's JSON and its record for the list of 事務 (the YAML is not read again: its SHA-256 only shows it is the file
the shard built from). Run it on assessments/ at the same commit as the shards. If a shard is missing, overlaps another, was
built from a different version or has been altered, or two shards hold an assessment of the same name, it stops without
writing anything.

Options:
  -o, --output <folder>  The output folder (default: dist/; for shards of the submission edition, out/submission/site/). It is replaced
                         only when the merge has finished, so on failure it stays as it was
  -h, --help             Show this help

Example (after 16 parallel jobs in GitHub Actions): npx pia merge shards/*

Exit codes: 0 success / 1 an assessment cannot be output / 2 usage or input error (missing, overlapping or mismatching shards, etc.)`;

export async function merge(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  if (positionals.length === 0) fail(UsageError, { detail: 'まとめるシャードの出力フォルダ(out/shard-<i>-of-<n>)を指定してください。', command: 'merge' });
  // The submission version (everything, 非公表 included) never goes to dist/ by default.
  const first = readShardManifest(positionals[0]!);
  const submission = typeof first !== 'string' && first.edition === 'submission';
  const output = values.output ?? (submission ? path.join('out', 'submission', 'site') : 'dist');
  const inDist = !path.relative(path.resolve('dist'), path.resolve(output)).startsWith('..');
  if (submission && inDist) fail(UsageError, { detail: `提出用(非公表の部分を含む全文)のシャードは dist/ の下にまとめません(指定: ${output})。-o で別のフォルダを指定してください。`, command: 'merge' });
  const working = progress(t('progress.site'), undefined);
  working.update(0);
  try {
    const result = await mergeShards(positionals, output).finally(() => working.end());
    process.stdout.write(`${t('merge.done', { shards: result.shards, entries: result.entries, files: result.files, dir: path.relative(process.cwd(), result.outDir) || result.outDir })}\n`);
    return 0;
  } catch (error) {
    if (error instanceof MergeError || error instanceof UnsafePublicationError) {
      process.stderr.write(`${error.message}\n${t('merge.failed', { dir: output })}\n`);
      return 2;
    }
    if (error instanceof InvalidAssessmentsError) {
      process.stderr.write(`${error.message}\n${t('merge.failed', { dir: output })}\n`);
      return 1;
    }
    throw error;
  }
}
