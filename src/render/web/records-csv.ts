/**
 * (別添) 特定個人情報ファイル記録項目 as CSV (found by role, whatever the form calls it), the machine-readable publication beside the page and PDF.
 * Written by csv-stringify: RFC 4180 quoting and CRLF; UTF-8 with a BOM so that Excel opens Japanese text
 * correctly; a cell that a spreadsheet would run as a formula (starting with = + - @, their full-width forms, a tab
 * or a carriage return) gets a leading ' as OWASP's CSV-injection guidance and the spreadsheets expect.
 */
import { stringify } from 'csv-stringify/sync';
import type { JsonSchema } from '../../schema/registry.ts';
import { resolveRef } from '../../schema/walk.ts';
import { isObject } from '../../model/access.ts';
import { readOne, roleEntries, roleSites } from '../../model/roles.ts';

/** Header labels from the schema: the file name, the group (記録項目グループ), the item's number and the item. */
export function recordsCsv(schema: JsonSchema, data: Record<string, unknown>): string {
  const annex = roleSites(schema).get('records.annex')?.[0];
  const groupsSite = roleSites(schema).get('records.annex.groups')?.[0];
  const itemsSite = roleSites(schema).get('records.annex.items')?.[0];
  const nameSite = roleSites(schema).get('records.annex.file-name')?.[0] ?? roleSites(schema).get('file.name')?.[0];
  if (!annex || !groupsSite || !itemsSite) return stringify([], { bom: true });
  const group = resolveRef(schema, groupsSite.schema.items ?? {});
  const header = [nameSite?.schema.title ?? '', resolveRef(schema, group.properties?.['名称'] ?? {}).title ?? '', '番号', itemsSite.schema.title ?? ''];

  const fileNames = new Map<string, string>();
  for (const file of roleEntries(schema, data, 'files')) {
    const name = readOne(schema, data, 'file.name', file.pointer)?.raw;
    if (file.id && typeof name === 'string') fileNames.set(file.id, name);
  }
  const lines = [header];
  for (const file of roleEntries(schema, data, 'records.annex')) {
    const own = readOne(schema, data, 'records.annex.file-name', file.pointer)?.raw;
    const name = typeof own === 'string' ? own : (fileNames.get(file.id ?? '') ?? file.id ?? '');
    for (const g of roleEntries(schema, data, 'records.annex.groups', file.pointer)) {
      const items = readOne(schema, data, 'records.annex.items', g.pointer)?.raw;
      const groupName = isObject(g.value) ? String(g.value['名称'] ?? '') : '';
      (Array.isArray(items) ? items : []).forEach((item, i) => lines.push([name, groupName, String(i + 1), String(item)]));
    }
  }
  return stringify(lines, { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}
