/**
 * (別添1) 特定個人情報ファイル記録項目 as CSV, the machine-readable publication beside the page and PDF.
 * Written by csv-stringify: RFC 4180 quoting and CRLF; UTF-8 with a BOM so that Excel opens Japanese text
 * correctly; a cell that a spreadsheet would run as a formula (starting with = + - @, their full-width forms, a tab
 * or a carriage return) gets a leading ' as OWASP's CSV-injection guidance and the spreadsheets expect.
 */
import { stringify } from 'csv-stringify/sync';
import type { JsonSchema } from '../../schema/registry.ts';
import { resolveRef } from '../../schema/walk.ts';
import { isObject } from '../../model/access.ts';
import { readOne, roleEntries, rolePointers } from '../../model/roles.ts';

/**
 * Header labels from the schema: the file name, the group (記録項目グループ), the item's number and the item. The
 * items are found by role (records.annex …), so any form with a 記録項目 annex gets the same CSV.
 */
export function recordsCsv(schema: JsonSchema, data: Record<string, unknown>): string {
  const title = (role: string, fallback: string) => {
    const site = rolePointers(schema, role)[0];
    return (site ? resolveRef(schema, site.schema).title : undefined) ?? fallback;
  };
  const groupSite = rolePointers(schema, 'records.annex.groups')[0];
  const groupItems = groupSite ? resolveRef(schema, resolveRef(schema, groupSite.schema).items ?? {}) : {};
  const groupName = groupItems.properties?.['名称'];
  const header = [title('records.annex.file-name', title('file.name', 'ファイル')), (groupName ? resolveRef(schema, groupName).title : undefined) ?? '名称', '番号', title('records.annex.items', '項目')];

  // The annex names its file by the ID of Ⅱ's file entry when it does not repeat the name.
  const fileNames = new Map<string, string>();
  for (const file of roleEntries(schema, data, 'files')) {
    const name = readOne(schema, data, 'file.name', file.pointer)?.raw;
    if (file.id && typeof name === 'string') fileNames.set(file.id, name);
  }
  const lines = [header];
  for (const file of roleEntries(schema, data, 'records.annex')) {
    const own = readOne(schema, data, 'records.annex.file-name', file.pointer)?.raw;
    const name = typeof own === 'string' ? own : (fileNames.get(file.id ?? '') ?? file.id ?? '');
    for (const group of roleEntries(schema, data, 'records.annex.groups', file.pointer)) {
      const value = group.value;
      if (!isObject(value)) continue;
      const items = readOne(schema, data, 'records.annex.items', group.pointer)?.raw;
      (Array.isArray(items) ? items : []).forEach((item, i) => lines.push([name, String(value['名称'] ?? ''), String(i + 1), String(item)]));
    }
  }
  return stringify(lines, { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}
