/** Plain data shared by the control checks: the checks.yaml definitions, observations and results. */
import { t } from '../report/i18n.ts';

export type PolicyChoice = '失敗' | '報告';

export interface Policy {
  /** A source could not be read, the quoted sentence is gone, or an expression failed. */
  error: PolicyChoice;
  /** A claim with neither a check nor an attestation. */
  unchecked: PolicyChoice;
  /** An attestation past its expiry date. */
  expired: PolicyChoice;
}

export const defaultPolicy: Policy = { error: '失敗', unchecked: '報告', expired: '失敗' };

export interface EnvRef {
  環境変数: string;
  接頭辞?: string;
}

export type SourceSpec =
  | { 種類: 'file'; 説明?: string; パス: string; 形式?: DataFormat }
  | { 種類: 'http'; 説明?: string; URL: string; ヘッダ?: Record<string, string | EnvRef>; 待ち時間?: number }
  | { 種類: 'postgres'; 説明?: string; 接続: EnvRef; 問合せ: string; 引数?: (string | number | boolean)[]; 待ち時間?: number; 書込み可能なロールを許可?: string }
  | { 種類: 'command'; 説明?: string; コマンド: string; 形式?: DataFormat; 待ち時間?: number };

export type DataFormat = 'json' | 'yaml' | 'csv' | 'text';

export interface CheckSpec {
  取得元: string;
  説明?: string;
  観測値?: string;
  位置?: string;
  条件: string;
}

export interface AttestationSpec {
  確認者: string;
  根拠: string;
  確認日: string;
  有効期限: string;
}

export interface ClaimSpec {
  ID: string;
  項目: string;
  記載?: string;
  関連項目?: string[];
  点検?: CheckSpec;
  確認?: AttestationSpec;
}

export interface ChecksDefinition {
  担当?: string;
  /** The folder file sources may read, relative to checks.yaml (default: the folder of checks.yaml). */
  ファイルの範囲?: string;
  方針?: { エラー?: PolicyChoice; 未点検?: PolicyChoice; 期限切れ?: PolicyChoice };
  取得元?: Record<string, SourceSpec>;
  主張: ClaimSpec[];
}

export interface Position {
  line: number;
  col: number;
}

/** What a probe read from a live system. `locate` maps a JSON Pointer into the data to a line of `file`. */
export type Observation =
  | { ok: true; data: unknown; label: string; file?: string; locate?: (pointer: string) => Position | undefined }
  | { ok: false; label: string; kind: 'unreachable' | 'malformed' | 'refused' | 'unsafe'; detail: string };

export type Status = 'satisfied' | 'contradicted' | 'error' | 'unchecked' | 'attested' | 'expired';

/** Each status's label in the current language (--lang): the words of src/report/messages.ts. */
export const statusLabels: Readonly<Record<Status, string>> = Object.defineProperties({} as Record<Status, string>, Object.fromEntries(
  (['satisfied', 'contradicted', 'error', 'unchecked', 'attested', 'expired'] as const).map((s) => [s, { enumerable: true, get: () => t(`status.${s}`) }]),
));

/** What a check rule decides: which status, by which message, with which placeholders (no locations). */
export interface Verdict {
  status: Status;
  rule: string;
  messageId: string;
  data: Record<string, string | number>;
}

/** An extra finding beside a claim's result (e.g. the しきい値判断 may change). */
export interface Note {
  rule: string;
  level: 'error' | 'warning';
  message: string;
  hint?: string;
  file: string;
  line: number;
  col: number;
}

export interface ClaimResult {
  claim: string;
  status: Status;
  rule: string;
  message: string;
  hint?: string;
  /** Where the claim is defined (checks.yaml). */
  checks: { file: string } & Position;
  assessment: { file: string; pointer: string; item: string; quote?: string; significant: boolean } & Position;
  observed?: { source: string; label: string; value: string; file?: string; line?: number; col?: number };
  notes: Note[];
}

export interface CheckRun {
  assessmentFile: string;
  checksFile: string;
  policy: Policy;
  results: ClaimResult[];
}
