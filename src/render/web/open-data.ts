/**
 * Open data of the site: the field definitions of a form (generated from its JSON Schema) and the catalogue of
 * all 評価書 (JSON and CSV). Pure; the pages under src/pages/open-data/ and src/pages/catalogue.* print these.
 */
import { stringify } from 'csv-stringify/sync';
import type { JsonSchema } from '../../schema/registry.ts';
import { itemLabel, resolveRef } from '../../schema/walk.ts';
import type { IndexRow } from './index-row.ts';
import type { SiteConfig } from '../../site/site-config.ts';

export interface FieldDefinition {
  /** JSON Pointer in the JSON download; array elements as /-/ (any index). */
  pointer: string;
  /** The item as the form prints it (x-item and title), with its parents. */
  label: string;
  type: string;
  required: boolean;
  significant: boolean;
  choices: string[];
  description?: string;
  depth: number;
}

const typeNames: Record<string, string> = { string: '文字列', integer: '整数', number: '数値', boolean: '真偽値(true / false)', object: 'オブジェクト', array: '配列', null: 'null(空欄)' };

function typeOf(schema: JsonSchema): string {
  const render = schema['x-render'];
  if (render === 'date') return '日付(YYYY-MM-DD)';
  if (render === 'checkbox') return 'チェック欄(true / false / "不明")';
  if (schema.oneOf || schema.anyOf) return '次のいずれか: ' + ((schema.oneOf ?? schema.anyOf) as JsonSchema[]).map((s) => typeNames[String(s.type)] ?? (s.$ref ? 'オブジェクト' : String(s.const ?? s.type ?? ''))).join('、');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0 && schema.const !== undefined) return `定数 ${JSON.stringify(schema.const)}`;
  return types.map((t) => typeNames[t] ?? t).join(' または ') || '任意';
}

const part = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Every field of the form in its order, from the schema: pointer, printed label, type, 必須, ※, choices. */
export function fieldDefinitions(schema: JsonSchema): FieldDefinition[] {
  const out: FieldDefinition[] = [];
  const visit = (node: JsonSchema, pointer: string, labels: string[], required: boolean, depth: number): void => {
    if (depth > 14) return;
    const s = resolveRef(schema, node);
    if (pointer) {
      out.push({
        pointer,
        label: labels.join(' '),
        type: typeOf(s),
        required,
        significant: s['x-significant-change'] === true,
        choices: s['x-render'] === 'checkbox' ? [] : (s.enum ?? []).map(String),
        ...(s.description ? { description: s.description } : {}),
        depth,
      });
    }
    if (s.items) visit(s.items, `${pointer}/-`, labels, false, depth + 1);
    const req = new Set(s.required ?? []);
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      if (key === '$schema') continue;
      const c = resolveRef(schema, child);
      visit(child, `${pointer}/${part(key)}`, [...labels, itemLabel(c, key)], req.has(key), depth + 1);
    }
  };
  visit(schema, '', [], true, 0);
  return out;
}

export interface CatalogueLinks {
  page: string;
  json: string;
  csv: string;
  pdf?: string;
  schema: string;
}

export interface CatalogueEntry {
  row: IndexRow;
  /** The form's schema $id, which the JSON names in its $schema. */
  schemaId: string;
  sha256: string;
  links: CatalogueLinks;
}

/** The catalogue as JSON (schemas/catalogue.v1.schema.json): the site, its licence, and one record per 評価書. */
export function catalogueJson(config: SiteConfig, entries: readonly CatalogueEntry[], generated: string, schemaUrl: string): string {
  const body = {
    $schema: 'urn:pia:schema:catalogue:v1',
    スキーマのURL: schemaUrl,
    サイト名: config.サイト名,
    ...(config.自治体名 ? { 自治体名: config.自治体名 } : {}),
    ...(config.ライセンス ? { ライセンス: { 名称: config.ライセンス.名称, ...(config.ライセンス.識別子 ? { 識別子: config.ライセンス.識別子 } : {}), URL: config.ライセンス.URL } } : {}),
    作成日: generated,
    件数: entries.length,
    評価書: entries.map((e) => ({
      評価書番号: e.row.number,
      評価書名: e.row.title,
      様式: e.row.form,
      評価実施機関名: e.row.organisation,
      公表日: e.row.published?.iso ?? null,
      最新の変更日: e.row.lastChange?.iso ?? null,
      状況: e.row.status,
      ページ: e.links.page,
      JSON: e.links.json,
      'JSON の SHA-256': e.sha256,
      スキーマ: e.schemaId,
      スキーマのURL: e.links.schema,
      CSV: e.links.csv,
      PDF: e.links.pdf ?? null,
    })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

export const catalogueColumns = ['評価書番号', '評価書名', '様式', '評価実施機関名', '公表日', '最新の変更日', '状況', 'ページ', 'JSON', 'JSON の SHA-256', 'スキーマ', 'スキーマのURL', 'CSV', 'PDF'] as const;

/** The same records as CSV (UTF-8 with BOM and CRLF, as Excel opens it), one row per 評価書. */
export function catalogueCsv(entries: readonly CatalogueEntry[]): string {
  const rows = entries.map((e) => [e.row.number, e.row.title, e.row.form, e.row.organisation, e.row.published?.iso ?? '', e.row.lastChange?.iso ?? '', e.row.status, e.links.page, e.links.json, e.sha256, e.schemaId, e.links.schema, e.links.csv, e.links.pdf ?? '']);
  return '\uFEFF' + stringify([[...catalogueColumns], ...rows], { record_delimiter: '\r\n' });
}

/** A site URL: absolute under サイトのURL when it is configured, else a path under the base. */
export function siteUrl(config: SiteConfig, base: string, path: string): string {
  const prefix = config.サイトのURL ?? (base.endsWith('/') ? base : `${base}/`);
  return prefix + path.replace(/^\/+/, '');
}
