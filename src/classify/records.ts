/**
 * The reviewer's files beside an assessment: decisions.yaml (accepted classifications) and renames.yaml
 * (組織・部署の名称変更). Read with the project's loader, validated by their own schemas, errors located.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { loadFile, type LoadedDocument } from '../load/load-file.ts';
import { compileSchema } from '../schema/registry.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { parseDate } from '../model/wareki.ts';
import type { Rename, Timing } from './rule.ts';

export interface Decision {
  index: number;
  pointer?: string;
  afterText?: string | null;
  rowId?: string;
  timing: Timing;
  reason: string;
  by: string;
  date: string;
}

export interface DecisionsFile {
  file: string;
  loaded: LoadedDocument;
  decisions: Decision[];
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

export const decisionsFileName = 'decisions.yaml';
export const renamesFileName = 'renames.yaml';

function schemaDiagnostics(errors: readonly ErrorObject[], loaded: LoadedDocument, rule: string): Diagnostic[] {
  return errors
    .filter((e) => e.keyword !== 'if')
    .map((e) => ({
      rule,
      severity: 'error' as const,
      file: loaded.file,
      ...loaded.locate(e.instancePath, { key: e.keyword === 'additionalProperties' }),
      path: e.instancePath,
      message: `${path.basename(loaded.file)} の記載が定義に合いません(${e.instancePath || '/'}: ${e.keyword === 'additionalProperties' ? `「${String(e.params['additionalProperty'])}」という項目はありません` : e.keyword === 'required' ? `「${String(e.params['missingProperty'])}」がありません` : e.keyword === 'oneOf' ? '「項目」か「変更箇所」のどちらか一方を書いてください' : e.keyword === 'enum' ? `${(e.params['allowedValues'] as unknown[]).filter((v) => v !== null).join('、')} のいずれかを書いてください` : e.message ?? e.keyword})。`,
    }));
}

function loadValidated(file: string, schemaFile: string, rule: string): Loaded<LoadedDocument> {
  const result = loadFile(file);
  if (!result.ok) return result;
  const validate = compileSchema(schemaFile);
  if (!validate(result.loaded.data)) return { ok: false, diagnostics: schemaDiagnostics(validate.errors ?? [], result.loaded, rule) };
  return { ok: true, value: result.loaded };
}

export function loadDecisions(file: string): Loaded<DecisionsFile> {
  const result = loadValidated(file, 'decisions.v1.schema.json', 'decisions-schema');
  if (!result.ok) return result;
  const entries = (result.value.data as { 判断: Record<string, unknown>[] })['判断'];
  const decisions = entries.map((e, index): Decision => {
    const parsed = parseDate(String(e['判断日']));
    return {
      index,
      pointer: e['項目'] as string | undefined,
      afterText: e['変更後の記載'] as string | null | undefined,
      rowId: e['変更箇所'] as string | undefined,
      timing: e['提出時期'] === '事前' ? 'before' : 'after',
      reason: String(e['理由']),
      by: String(e['判断者']),
      date: parsed.ok ? parsed.iso : String(e['判断日']),
    };
  });
  return { ok: true, value: { file, loaded: result.value, decisions } };
}

export function loadRenames(file: string): Loaded<Rename[]> {
  const result = loadValidated(file, 'renames.v1.schema.json', 'renames-schema');
  if (!result.ok) return result;
  const entries = (result.value.data as { 名称変更: Record<string, string>[] })['名称変更'];
  return { ok: true, value: entries.map((e) => ({ before: e['変更前']!, after: e['変更後']!, reason: e['理由'] })) };
}

/** renames.yaml beside the assessment, else in the folder above (one table for every 評価書 of the body). */
export function findRenamesFile(assessmentFile: string): string | undefined {
  const dir = path.dirname(assessmentFile);
  for (const candidate of [path.join(dir, renamesFileName), path.join(path.dirname(dir), renamesFileName)]) if (existsSync(candidate)) return candidate;
  return undefined;
}

export function findDecisionsFile(assessmentFile: string): string | undefined {
  const candidate = path.join(path.dirname(assessmentFile), decisionsFileName);
  return existsSync(candidate) ? candidate : undefined;
}
