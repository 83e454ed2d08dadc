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
カタログのように全部の評価書にわたるページは、ここで assessments/ のすべての評価書から作ります。
シャードと同じコミットの assessments/ で実行してください。シャードが欠けている・重なっている・別の版から
作られている・同じ名前の評価書が2つのシャードにあるときは、何も書かずに終了します。

オプション:
  -o, --output <フォルダ>  出力先(既定: dist/。提出用のシャードは既定 out/submission/site/)。まとめ終わってから
                           置き換えるため、失敗したときは元のままです
  -h, --help               この説明を表示します

例(GitHub Actions の16並列の後): npx pia merge shards/*

終了コード: 0 成功 / 1 出力できない評価書あり / 2 指定や入力の誤り(シャードの不足・重複・不一致など)`;

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
