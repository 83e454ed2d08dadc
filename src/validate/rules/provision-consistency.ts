/**
 * Ⅱ5 提供・移転の有無と提供先・移転先・件数の記載、Ⅲ5「提供・移転しない」が食い違わない。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { arrayAt, checkState, isObject, objectAt, stringAt } from '../../model/access.ts';

const kinds = [
  { option: '提供を行っている', list: '提供先' },
  { option: '移転を行っている', list: '移転先' },
] as const;

export const provisionConsistency: Rule = {
  meta: {
    id: 'provision-consistency',
    title: '提供・移転の有無と提供先・移転先の記載が合っている',
    level: 'error',
    rationale: '「行っていない」なのに提供先がある、件数と提供先の数が違う、といった食い違いは、特定個人情報がどこへ渡るのかを住民に誤って伝えます。',
    basis: '重点項目評価書 記載要領 Ⅱ5、Ⅲ5',
    messages: {
      'none-and-some': '「行っていない」と「{option}」の両方にチェックがあります。',
      'none-but-listed': '提供・移転の有無が「行っていない」なのに、{list}が{count}件記載されています。',
      'checked-but-empty': '「{option}」にチェックがありますが、{list}がありません。',
      'unchecked-but-listed': '{list}が{count}件ありますが、「{option}」にチェックがありません。',
      'count-mismatch': '「{option}」の件数が{declared}件ですが、{list}は{count}件です。',
      'risk-section-conflict': 'Ⅲ5で「提供・移転しない」にチェックがありますが、Ⅱ5では{option}にチェックがあります。',
    },
    hints: {
      'none-and-some': 'どちらか一方にしてください。',
      'none-but-listed': '提供・移転しているなら該当する欄にチェックを、していないなら提供先・移転先を削除してください。',
      'checked-but-empty': '提供先・移転先を記載してください。',
      'unchecked-but-listed': 'チェック欄を直すか、提供先・移転先を削除してください。',
      'count-mismatch': '件数を記載した提供先・移転先の数に合わせてください。',
      'risk-section-conflict': 'Ⅱ5とⅢ5のどちらかを直してください。',
    },
  },
  check({ data }) {
    const findings: RuleFinding[] = [];
    arrayAt(data, '特定個人情報ファイルの概要').forEach((file, f) => {
      const section = objectAt(file, '特定個人情報の提供・移転');
      const choice = objectAt(section, '提供・移転の有無');
      if (!section || !choice) return;
      const base = `/特定個人情報ファイルの概要/${f}/特定個人情報の提供・移転`;
      const none = checkState(choice['行っていない']) === true;
      let anyChecked = false;
      for (const { option, list } of kinds) {
        const state = checkState(choice[option]);
        const entries = arrayAt(section, list);
        const optionPath = `${base}/提供・移転の有無/${option}`;
        if (state === true) anyChecked = true;
        if (none && state === true) findings.push({ messageId: 'none-and-some', path: optionPath, data: { option } });
        if (none && entries.length > 0) findings.push({ messageId: 'none-but-listed', path: `${base}/${list}`, data: { list, count: entries.length } });
        else if (state === true && entries.length === 0) findings.push({ messageId: 'checked-but-empty', path: optionPath, level: 'warning', data: { option, list } });
        else if (state === false && entries.length > 0) findings.push({ messageId: 'unchecked-but-listed', path: optionPath, data: { option, list, count: entries.length } });
        const declared = isObject(choice[option]) ? (choice[option] as Record<string, unknown>)['件数'] : undefined;
        if (state === true && typeof declared === 'number' && declared !== entries.length) {
          findings.push({ messageId: 'count-mismatch', path: `${optionPath}/件数`, data: { option, list, declared, count: entries.length } });
        }
      }
      const fileId = stringAt(file, 'ID');
      arrayAt(data, 'リスク対策', '特定個人情報ファイル').forEach((risk, r) => {
        if (stringAt(risk, 'ID') !== fileId || !anyChecked) return;
        if (checkState(objectAt(risk, '特定個人情報の提供・移転')?.['提供・移転しない']) === true) {
          findings.push({ messageId: 'risk-section-conflict', path: `/リスク対策/特定個人情報ファイル/${r}/特定個人情報の提供・移転/提供・移転しない`, data: { option: kinds.filter((k) => checkState(choice[k.option]) === true).map((k) => `「${k.option}」`).join('・') } });
        }
      });
    });
    return findings;
  },
};
