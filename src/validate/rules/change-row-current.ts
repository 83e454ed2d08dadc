/**
 * 変更箇所の行の「変更後の記載」は、その行が指す項目の今の記載と合っていること(その項目の最も新しい行について)。
 * 行を書いた後に項目だけを直した、または行の転記を誤ったときに見つかります。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { changeRowKeys, changeRows } from '../../model/document.ts';
import { normalizeFormal } from '../../model/formal.ts';
import { pointerSegments } from '../../model/pointer.ts';
import { isObject } from '../../model/access.ts';
import { itemCandidates, matchItem } from '../../schema/items.ts';
import { schemaAt } from '../../schema/walk.ts';
import { parseDate } from '../../model/wareki.ts';
import { formatValue } from '../../model/printed.ts';
import { bilingual, tr } from '../../report/i18n.ts';

/**
 * The value at an item's pointer when the pointer is unambiguous: every list on the way has exactly one entry (an
 * item's pointer names the first entry of each list, /0). Undefined when a list has more or fewer entries, or when
 * the pointer names nothing (as resolvePointer finds it: an index or an entry's ID, an own property).
 */
function singleValueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      if (current.length !== 1) return undefined;
      const entry: unknown = current[0];
      if (segment !== '0' && !(isObject(entry) && entry['ID'] === segment)) return undefined;
      current = entry;
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Texts compared without formal differences, ( ) marks and checkbox marks. */
const key = (text: string) => normalizeFormal(text).replace(/\[[○ 　?]?\]/gu, '').replace(/[()（）]/gu, '');

export const changeRowCurrent: Rule = {
  meta: {
    id: 'change-row-current',
    get title() { return tr('変更箇所の変更後の記載が、その項目の今の記載と合っている', 'The text after the change in the 変更箇所 matches the item\'s current text'); },
    level: 'warning',
    requires: ['changes', 'change.item', 'change.after'],
    optional: ['change.date'],
    rationale: '変更箇所は、公表した評価書に反映された変更の記録です。最も新しい行の「変更後の記載」が項目の今の記載と違うと、行の転記誤りか、行を書かずに項目を変えたことになり、住民はどちらが正しいか分かりません。',
    basis: '特定個人情報保護評価指針 第10(評価書の修正)、記載要領(変更箇所)',
    messages: bilingual({
      differs: '変更箇所の行「{item}」の変更後の記載が、今の「{item}」の記載と違います。',
    }, {
      differs: 'The text after the change in the 変更箇所 row 「{item}」 differs from what 「{item}」 states now.',
    }),
    hints: bilingual({
      differs: '行の変更後の記載を今の記載に合わせるか、項目を直した変更について新しい行を加えてください(npx pia diff … --write)。',
    }, {
      differs: 'Make the row\'s text after the change match the current text, or add a new row for the change that corrected the item (npx pia diff … --write).',
    }),
  },
  check({ data, schema }) {
    const candidates = itemCandidates(schema);
    const keys = changeRowKeys(schema);
    const latest = new Map<string, { pointer: string; after: string; date: string; rowPointer: string; label: string }>();
    const matches = new Map<string, ReturnType<typeof matchItem>>(); // rows often name the same item
    for (const row of changeRows(schema, data)) {
      if (!row.item || row.after === undefined) continue;
      let match = matches.get(row.item);
      if (match === undefined && !matches.has(row.item)) matches.set(row.item, (match = matchItem(candidates, row.item)));
      if (!match) continue; // an unknown item is pia audit's finding (change-row-item-unknown)
      const parsed = row.date ? parseDate(row.date) : undefined;
      const date = parsed?.ok ? parsed.iso : '';
      const previous = latest.get(match.pointer);
      if (!previous || date >= previous.date) latest.set(match.pointer, { pointer: match.pointer, after: row.after, date, rowPointer: `${row.pointer}/${keys.after}`, label: match.label });
    }
    const findings: RuleFinding[] = [];
    for (const entry of latest.values()) {
      const current = singleValueAt(data, entry.pointer);
      const sub = schemaAt(schema, entry.pointer);
      if (!sub || typeof current !== 'string') continue; // free text only: choices and lists are printed in many ways
      const printed = formatValue(schema, sub, current);
      if (printed === entry.after) continue; // the same text: the normalisation below would find them equal
      const now = key(printed);
      const written = key(entry.after);
      if (written === now || written === '' || now.includes(written)) continue;
      findings.push({ messageId: 'differs', path: entry.rowPointer, data: { item: entry.label } });
    }
    return findings;
  },
};
