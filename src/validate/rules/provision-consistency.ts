/**
 * Ⅱ 提供・移転の有無と提供先・移転先・件数の記載が食い違わない。(Ⅲ「提供・移転しない」との対応は linked-facts。)
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { isObject } from '../../model/access.ts';
import { readOne, roleEntries } from '../../model/roles.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const kinds = [
  { state: 'provision.providing', list: 'provision.entries' },
  { state: 'provision.transferring', list: 'transfer.entries' },
] as const;

export const provisionConsistency: Rule = {
  meta: {
    id: 'provision-consistency',
    get title() { return tr('提供・移転の有無と提供先・移転先の記載が合っている', 'Provision or transfer and the recipients stated agree'); },
    level: 'error',
    requires: ['files', 'provision.providing', 'provision.none', 'provision.entries'],
    optional: ['provision.transferring', 'transfer.entries'],
    rationale: '「行っていない」なのに提供先がある、件数と提供先の数が違う、といった食い違いは、特定個人情報がどこへ渡るのかを住民に誤って伝えます。',
    basis: '特定個人情報保護評価書 記載要領(特定個人情報の提供・移転)',
    messages: bilingual({
      'none-and-some': '「行っていない」と「{option}」の両方にチェックがあります。',
      'none-but-listed': '提供・移転の有無が「行っていない」なのに、{list}が{count}件記載されています。',
      'checked-but-empty': '「{option}」にチェックがありますが、{list}がありません。',
      'unchecked-but-listed': '{list}が{count}件ありますが、「{option}」にチェックがありません。',
      'count-mismatch': '「{option}」の件数が{declared}件ですが、{list}は{count}件です。',
    }, {
      'none-and-some': 'Both 「行っていない」 (none) and 「{option}」 are checked.',
      'none-but-listed': 'Provision or transfer is 「行っていない」 (none), yet {count} entries are stated in {list}.',
      'checked-but-empty': '「{option}」 is checked, but {list} is empty.',
      'unchecked-but-listed': '{list} has {count} entries, but 「{option}」 is not checked.',
      'count-mismatch': 'The count for 「{option}」 is {declared}, but {list} has {count} entries.',
    }),
    hints: bilingual({
      'none-and-some': 'どちらか一方にしてください。',
      'none-but-listed': '提供・移転しているなら該当する欄にチェックを、していないなら提供先・移転先を削除してください。',
      'checked-but-empty': '提供先・移転先を記載してください。',
      'unchecked-but-listed': 'チェック欄を直すか、提供先・移転先を削除してください。',
      'count-mismatch': '件数を記載した提供先・移転先の数に合わせてください。',
    }, {
      'none-and-some': 'Keep only one of them.',
      'none-but-listed': 'If information is provided or transferred, check the box that applies; if not, delete the recipients.',
      'checked-but-empty': 'State the recipients.',
      'unchecked-but-listed': 'Correct the check boxes, or delete the recipients.',
      'count-mismatch': 'Make the count match the recipients stated.',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const file of roleEntries(schema, data, 'files')) {
      const none = readOne(schema, data, 'provision.none', file.pointer);
      for (const kind of kinds) {
        const state = readOne(schema, data, kind.state, file.pointer);
        if (!state) continue;
        const listRead = readOne(schema, data, kind.list, file.pointer);
        const entries = roleEntries(schema, data, kind.list, file.pointer);
        const names = { option: state.schema.title ?? '', list: listRead?.schema.title ?? '' };
        const listPointer = listRead?.pointer ?? state.pointer;
        if (none?.value === true && state.value === true) findings.push({ messageId: 'none-and-some', path: state.pointer, data: names });
        if (none?.value === true && entries.length > 0) findings.push({ messageId: 'none-but-listed', path: listPointer, data: { ...names, count: entries.length } });
        else if (state.value === true && entries.length === 0) findings.push({ messageId: 'checked-but-empty', path: state.pointer, level: 'warning', data: names });
        else if (state.value === false && entries.length > 0) findings.push({ messageId: 'unchecked-but-listed', path: state.pointer, data: { ...names, count: entries.length } });
        const declared = isObject(state.raw) ? state.raw['件数'] : undefined;
        if (state.value === true && typeof declared === 'number' && declared !== entries.length) {
          findings.push({ messageId: 'count-mismatch', path: `${state.pointer}/件数`, data: { ...names, declared, count: entries.length } });
        }
      }
    }
    return findings;
  },
};
