/** The 基礎 and the other 評価書 of a 事務. */
import type { Office, OfficeDocument } from '../rule.ts';
import { basicForm } from '../rule.ts';

export function basicsOf(office: Office): OfficeDocument[] {
  return office.documents.filter((d) => d.formName === basicForm);
}

/** 重点項目評価書 and 全項目評価書 (any form other than the 基礎). */
export function othersOf(office: Office): OfficeDocument[] {
  return office.documents.filter((d) => d.formName !== basicForm);
}

/** The 事務's 基礎 when there is exactly one, with its other documents; else undefined (office-required-document reports). */
export function pairOf(office: Office): { basic: OfficeDocument; others: OfficeDocument[] } | undefined {
  const basics = basicsOf(office);
  return basics.length === 1 ? { basic: basics[0]!, others: othersOf(office) } : undefined;
}
