/**
 * What an officer fills in a blank draft at least, for any form, found by the findings and by roles (never by a
 * form's key): every blank required item (a date, a choice, a count, a sentence), the decisions the form asks
 * about 委託 and 提供・移転 for the one entry the draft has, and threshold answers that agree with each other.
 */
import { parseDocument, type Document } from 'yaml';
import type { FormDefinition, JsonSchema } from '../../src/schema/registry.ts';
import { schemaAt } from '../../src/schema/walk.ts';
import { segmentsOf } from '../../src/report/diagnostic.ts';
import { choiceFor, readRole } from '../../src/model/roles.ts';
import { validateText, type ValidationResult } from '../../src/validate/validate.ts';

export const today = '2026-12-02';
const date = '令和8年4月1日';

const path = (pointer: string) => segmentsOf(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

function blankValue(schema: JsonSchema): unknown {
  if (schema['x-render'] === 'date') return date;
  const choices = (schema.enum ?? []).filter((v) => v !== null);
  if (choices.length > 0) return choices[0];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer')) return 1;
  return '記載の例';
}

export function check(file: string, text: string): ValidationResult {
  return validateText(file, text, { strict: true, today });
}

function setRole(doc: Document, root: JsonSchema, role: string, value: (site: JsonSchema) => unknown): void {
  for (const read of readRole(root, doc.toJS(), role)) {
    const v = value(read.schema);
    if (v !== undefined) doc.setIn(path(read.pointer), v);
  }
}

/** The draft filled as an officer would at least; returns the text. */
export function fillMinimum(form: FormDefinition, file: string, text: string): string {
  const root = form.schema;
  const doc = parseDocument(text);
  for (const d of check(file, text).diagnostics) {
    if (d.rule !== 'blank-required-item') continue;
    doc.setIn(path(d.path), blankValue(schemaAt(root, d.path)!));
  }
  // 委託 and 提供・移転: the draft has one entry of each; the officer says so.
  setRole(doc, root, 'entrustment.state', () => choiceFor(root, 'entrustment.state', 'yes'));
  setRole(doc, root, 'entrustment.count', () => 1);
  setRole(doc, root, 'subcontract.state', () => choiceFor(root, 'subcontract.state', 'no'));
  for (const role of ['provision.providing', 'provision.transferring']) {
    for (const read of readRole(root, doc.toJS(), role)) {
      doc.setIn([...path(read.pointer), '選択'], true);
      doc.setIn([...path(read.pointer), '件数'], 1);
    }
  }
  // The procedure of a 全項目評価: a 30-day hearing and its outcome.
  setRole(doc, root, 'hearing.period', () => '令和8年2月1日から令和8年3月2日まで');
  setRole(doc, root, 'hearing.reflection', () => '意見を踏まえ記載を見直した。');
  // The threshold answers: the first result and band choices that agree (searched, as the officer knows them).
  const candidates = ['threshold.result', 'people.office.band', 'people.file.band', 'handlers.office.band', 'incident.threshold'];
  for (let round = 0; round < 3; round++) {
    if (!check(file, doc.toString()).diagnostics.some((d) => d.rule === 'threshold-consistency')) break;
    for (const role of candidates) {
      const reads = readRole(root, doc.toJS(), role);
      for (const read of reads) {
        const choices = (read.schema.enum ?? []).filter((v) => v !== null);
        const found = choices.find((c) => {
          doc.setIn(path(read.pointer), c);
          return !check(file, doc.toString()).diagnostics.some((d) => d.rule === 'threshold-consistency');
        });
        if (found !== undefined) return doc.toString();
        doc.setIn(path(read.pointer), read.raw);
      }
    }
    // No single answer fits: take the last band of the office (a large 事務) and search again.
    for (const read of readRole(root, doc.toJS(), 'people.office.band')) doc.setIn(path(read.pointer), (read.schema.enum ?? []).filter((v) => v !== null).at(-1));
  }
  return doc.toString();
}
