/** The 基礎 and the other 評価書 of a 事務, and dates read by role. */
import type { Office, OfficeDocument } from '../rule.ts';
import { isBasic } from '../rule.ts';
import { readOne } from '../../model/roles.ts';
import { parseDate } from '../../model/wareki.ts';

export function basicsOf(office: Office): OfficeDocument[] {
  return office.documents.filter(isBasic);
}

/** 重点項目評価書 and 全項目評価書 (any form other than the 基礎). */
export function othersOf(office: Office): OfficeDocument[] {
  return office.documents.filter((d) => !isBasic(d));
}

/** The 事務's 基礎 when there is exactly one, with its other documents; else undefined (office-required-document reports). */
export function pairOf(office: Office): { basic: OfficeDocument; others: OfficeDocument[] } | undefined {
  const basics = basicsOf(office);
  return basics.length === 1 ? { basic: basics[0]!, others: othersOf(office) } : undefined;
}

/** A present, non-blank value of a document role. */
export function present(doc: OfficeDocument, role: string) {
  const read = readOne(doc.schema, doc.data, role);
  return read && read.raw !== null && read.raw !== '' ? read : undefined;
}

/** ISO date of a date-valued role, or undefined when it is blank or not a valid date. */
export function roleDate(doc: OfficeDocument, role: string): { iso: string; raw: string; pointer: string } | undefined {
  const read = present(doc, role);
  if (typeof read?.raw !== 'string') return undefined;
  const parsed = parseDate(read.raw);
  return parsed.ok ? { iso: parsed.iso, raw: read.raw, pointer: read.pointer } : undefined;
}
