/** A source that cannot be read is an error, never a contradiction: nothing is known about the system. */
import type { Observation, Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const meta: CheckRuleMeta = {
  id: 'source-error',
  get title() { return tr('取得元から設定を読み取れる', 'The configuration can be read from the source'); },
  yields: ['error'],
  rationale: '接続できない・内容が読めないときは、設定が評価書と合っているかどうか分かりません。矛盾とは区別して報告します。',
  messages: bilingual({
    unreachable: '取得元 {source}({label})から設定を読み取れませんでした: {detail}。',
    malformed: '取得元 {source}({label})の内容を読めませんでした: {detail}。',
    refused: '取得元 {source}({label})を読みませんでした: {detail}。',
    unsafe: '取得元 {source}({label})を安全のため読みませんでした: {detail}。',
  }, {
    unreachable: 'Could not read the configuration from source {source} ({label}): {detail}.',
    malformed: 'Could not read what source {source} ({label}) returned: {detail}.',
    refused: 'Source {source} ({label}) was not read: {detail}.',
    unsafe: 'Source {source} ({label}) was not read, for safety: {detail}.',
  }),
  hints: bilingual({
    unreachable: '取得元が動いているか、URL・パス・接続先とネットワークを確認してください。設定と評価書の突合はできていません。',
    malformed: '取得元が返す形式(JSON・YAML・CSV)と、checks.yaml の 形式・問合せを確認してください。',
    refused: '必要な環境変数やオプション(--allow-commands)を確認してください。',
    unsafe: 'checks.yaml はプルリクエストで変更できるため、読めるのは checks.yaml のフォルダ(ファイルの範囲)の中の通常のファイルと、読み取り専用のロールでの SELECT 1文だけです。README の「セキュリティ」を参照してください。',
  }, {
    unreachable: 'Check that the source is running, and its URL, path or connection and the network. The configuration has not been checked against the assessment.',
    malformed: 'Check the format the source returns (JSON, YAML, CSV) and the `形式` and query in checks.yaml.',
    refused: 'Check the environment variables and options it needs (--allow-commands).',
    unsafe: 'checks.yaml can be changed by a pull request, so only plain files inside the folder of checks.yaml (its file scope) and single SELECT statements with a read-only role can be read. See “Security” in the README.',
  }),
};

export function verifySource(source: string, observation: Observation & { ok: false }): Verdict {
  return { status: 'error', rule: meta.id, messageId: observation.kind, data: { source, label: observation.label, detail: observation.detail } };
}
