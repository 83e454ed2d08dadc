/**
 * (別添1) 特定個人情報ファイル記録項目 as CSV, the machine-readable publication beside the page and PDF.
 * Written by csv-stringify: RFC 4180 quoting and CRLF; UTF-8 with a BOM so that Excel opens Japanese text
 * correctly; a cell that a spreadsheet would run as a formula (starting with = + - @, their full-width forms, a tab
 * or a carriage return) gets a leading ' as OWASP's CSV-injection guidance and the spreadsheets expect.
 */
import { stringify } from 'csv-stringify/sync';
import type { JsonSchema } from '../../schema/registry.ts';
import { resolveRef } from '../../schema/walk.ts';
import { arrayAt, isObject } from '../../model/access.ts';

/** Header labels from the schema: the file name, the group (記録項目グループ), the item's number and the item. */
export function recordsCsv(schema: JsonSchema, data: Record<string, unknown>): string {
  const root = resolveRef(schema, schema);
  const section = resolveRef(schema, root.properties?.['特定個人情報ファイル記録項目'] ?? {});
  const entry = resolveRef(schema, section.items ?? {});
  const group = resolveRef(schema, resolveRef(schema, entry.properties?.['記録項目'] ?? {}).items ?? {});
  const title = (s: JsonSchema | undefined, fallback: string) => (s ? resolveRef(schema, s).title : undefined) ?? fallback;
  const header = [title(entry.properties?.['特定個人情報ファイル名'], '特定個人情報ファイル名'), title(group.properties?.['名称'], '名称'), '番号', title(group.properties?.['項目'], '項目')];

  const fileNames = new Map<string, string>();
  for (const file of arrayAt(data, '特定個人情報ファイルの概要').filter(isObject)) {
    if (typeof file['ID'] === 'string' && typeof file['特定個人情報ファイル名'] === 'string') fileNames.set(file['ID'], file['特定個人情報ファイル名']);
  }
  const lines = [header];
  for (const file of arrayAt(data, '特定個人情報ファイル記録項目').filter(isObject)) {
    const name = typeof file['特定個人情報ファイル名'] === 'string' ? file['特定個人情報ファイル名'] : (fileNames.get(String(file['ID'])) ?? String(file['ID'] ?? ''));
    for (const g of arrayAt(file, '記録項目').filter(isObject)) {
      arrayAt(g, '項目').forEach((item, i) => lines.push([name, String(g['名称'] ?? ''), String(i + 1), String(item)]));
    }
  }
  return stringify(lines, { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}
