/**
 * Ⅱ 委託の有無と委託事項・件数・再委託の記載が食い違わない。(Ⅲ「委託しない」との対応は linked-facts。)
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { readOne, roleEntries, rolePointers } from '../../model/roles.ts';
import { resolvePointer } from '../../model/pointer.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const isFilled = (text: unknown) => typeof text === 'string' && text.trim() !== '' && text !== '—';

export const entrustmentConsistency: Rule = {
  meta: {
    id: 'entrustment-consistency',
    get title() { return tr('委託の有無と委託事項の記載が合っている', 'Entrustment and the entrusted tasks stated agree'); },
    level: 'error',
    requires: ['files', 'entrustment.state', 'entrustment.entries'],
    optional: ['entrustment.count', 'subcontract.state', 'subcontract.details'],
    rationale: '委託の有無は重要な変更の対象(※)です。「委託しない」なのに委託事項がある、件数と委託事項の数が違う、といった食い違いは、どちらが正しいか読み手に分かりません。',
    basis: '特定個人情報保護評価書 記載要領(委託の有無、委託事項)',
    messages: bilingual({
      'none-but-items': '委託の有無が「委託しない」なのに、委託事項が{count}件記載されています。',
      'yes-but-no-items': '委託の有無が「委託する」なのに、委託事項がありません。',
      'count-blank': '委託の有無「委託する」の件数「( )件」が空欄です(委託事項は{count}件)。',
      'count-mismatch': '委託件数が{declared}件ですが、委託事項は{count}件記載されています。',
      'no-subcontract-but-details': '再委託の有無が「再委託しない」なのに、「{item}」が記載されています。',
      'subcontract-without-details': '再委託の有無が「再委託する」なのに、「{item}」が空欄です。',
    }, {
      'none-but-items': 'Entrustment is 「委託しない」 (not entrusted), yet {count} entrusted task(s) are stated.',
      'yes-but-no-items': 'Entrustment is 「委託する」 (entrusted), yet no entrusted task is stated.',
      'count-blank': 'The count 「( )件」 of 「委託する」 is blank ({count} entrusted task(s) are stated).',
      'count-mismatch': 'The number of entrustments is {declared}, but {count} entrusted task(s) are stated.',
      'no-subcontract-but-details': 'Re-entrustment is 「再委託しない」 (not re-entrusted), yet 「{item}」 is filled in.',
      'subcontract-without-details': 'Re-entrustment is 「再委託する」 (re-entrusted), yet 「{item}」 is blank.',
    }),
    hints: bilingual({
      'none-but-items': '委託しているなら委託の有無を「委託する」に、していないなら委託事項を削除してください。',
      'yes-but-no-items': '委託事項を記載するか、委託の有無を見直してください。',
      'count-blank': '委託件数に委託事項の数を記載してください。',
      'count-mismatch': '委託件数を委託事項の数に合わせてください。',
      'no-subcontract-but-details': '再委託しないなら再委託の許諾方法・再委託事項は空欄にします。',
      'subcontract-without-details': '再委託の許諾方法と再委託事項を記載してください。',
    }, {
      'none-but-items': 'If the work is entrusted, set entrustment to 「委託する」; if not, delete the entrusted tasks.',
      'yes-but-no-items': 'State the entrusted tasks, or review whether the work is entrusted.',
      'count-blank': 'Write the number of entrusted tasks in the count.',
      'count-mismatch': 'Make the number of entrustments match the entrusted tasks stated.',
      'no-subcontract-but-details': 'If nothing is re-entrusted, leave the method of permitting re-entrustment and the re-entrusted tasks blank.',
      'subcontract-without-details': 'State the method of permitting re-entrustment and the re-entrusted tasks.',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const file of roleEntries(schema, data, 'files')) {
      const state = readOne(schema, data, 'entrustment.state', file.pointer);
      if (!state) continue;
      const entries = roleEntries(schema, data, 'entrustment.entries', file.pointer);
      const count = readOne(schema, data, 'entrustment.count', file.pointer);
      if (state.value === 'no' && entries.length > 0) findings.push({ messageId: 'none-but-items', path: state.pointer, data: { count: entries.length } });
      if (state.value === 'yes') {
        if (entries.length === 0) findings.push({ messageId: 'yes-but-no-items', path: state.pointer, level: 'warning' });
        const declared = count?.raw;
        if (count && (declared === null || declared === undefined)) {
          findings.push({ messageId: 'count-blank', path: count.pointer, level: 'warning', data: { count: entries.length } });
        } else if (count && typeof declared === 'number' && declared !== entries.length) {
          findings.push({ messageId: 'count-mismatch', path: count.pointer, data: { declared, count: entries.length } });
        }
      }
      for (const entry of entries) {
        const subcontract = readOne(schema, data, 'subcontract.state', entry.pointer);
        if (!subcontract) continue;
        for (const detail of rolePointers(schema, 'subcontract.details', entry.pointer)) {
          const found = resolvePointer(data, detail.pointer);
          const text = found.ok ? found.value : undefined;
          const item = detail.schema.title ?? '';
          if (subcontract.value === 'no' && isFilled(text)) findings.push({ messageId: 'no-subcontract-but-details', path: detail.pointer, data: { item } });
          if (subcontract.value === 'yes' && (typeof text !== 'string' || text.trim() === '')) findings.push({ messageId: 'subcontract-without-details', path: subcontract.pointer, level: 'warning', data: { item } });
        }
      }
    }
    return findings;
  },
};
