/** Test helpers for the 事務 rules: the reference 事務's two documents as fresh data, and one rule's findings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadForms } from '../schema/registry.ts';
import type { Office, OfficeDocument, OfficeRule } from './rule.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const referenceFocusedFile = 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml';
export const referenceBasicFile = 'assessments/koshigaya-48-kodomo-iryohi/koshigaya-48-kodomo-iryohi-basic/assessment.yaml';

export function documentOf(file: string, data: Record<string, any>): OfficeDocument {
  const formName = String(data['様式']);
  return { file, formName, schema: loadForms().get(formName)!.schema, data };
}

const read = (file: string) => parse(readFileSync(root + file, 'utf8')) as Record<string, any>;
/** Fresh, mutable copies. */
export const basicData = () => read(referenceBasicFile);
export const focusedData = () => read(referenceFocusedFile);

export function office(id: string, ...documents: OfficeDocument[]): Office {
  return { id, dir: `assessments/${id}`, documents };
}

/** The reference 事務: its 重点 and its (fictional) 基礎, optionally modified. */
export function referenceOffice(edit: (basic: Record<string, any>, focused: Record<string, any>) => void = () => {}): Office {
  const basic = basicData();
  const focused = focusedData();
  edit(basic, focused);
  return office('koshigaya-48-kodomo-iryohi', documentOf(referenceFocusedFile, focused), documentOf(referenceBasicFile, basic));
}

/** Findings reduced to what tests pin: messageId, file, path, level. */
export function runOffice(rule: OfficeRule, offices: Office[]) {
  return rule.check(offices).map(({ messageId, file, path, level, completeness }) => ({ messageId, file, path, ...(level ? { level } : {}), ...(completeness ? { completeness } : {}) }));
}
