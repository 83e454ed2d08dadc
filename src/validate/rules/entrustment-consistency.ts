/**
 * Ⅱ4 委託の有無と委託事項・件数・再委託の記載が食い違わない。Ⅲ4「委託しない」とも合っている。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { arrayAt, checkState, isObject, objectAt, stringAt } from '../../model/access.ts';

export const entrustmentConsistency: Rule = {
  meta: {
    id: 'entrustment-consistency',
    title: '委託の有無と委託事項の記載が合っている',
    level: 'error',
    rationale: '委託の有無は重要な変更の対象(※)です。「委託しない」なのに委託事項がある、件数と委託事項の数が違う、といった食い違いは、どちらが正しいか読み手に分かりません。',
    basis: '重点項目評価書 記載要領 Ⅱ4(委託の有無、委託事項)',
    messages: {
      'none-but-items': '委託の有無が「委託しない」なのに、委託事項が{count}件記載されています。',
      'yes-but-no-items': '委託の有無が「委託する」なのに、委託事項がありません。',
      'count-blank': '委託の有無「委託する」の件数「( )件」が空欄です(委託事項は{count}件)。',
      'count-mismatch': '委託件数が{declared}件ですが、委託事項は{count}件記載されています。',
      'no-subcontract-but-details': '再委託の有無が「再委託しない」なのに、「{item}」が記載されています。',
      'subcontract-without-details': '再委託の有無が「再委託する」なのに、「{item}」が空欄です。',
      'risk-section-conflict': 'Ⅲ4で「委託しない」にチェックがありますが、Ⅱ4の委託の有無は「委託する」です。',
    },
    hints: {
      'none-but-items': '委託しているなら委託の有無を「委託する」に、していないなら委託事項を削除してください。',
      'yes-but-no-items': '委託事項を記載するか、委託の有無を見直してください。',
      'count-blank': '委託件数に委託事項の数を記載してください。',
      'count-mismatch': '委託件数を委託事項の数に合わせてください。',
      'no-subcontract-but-details': '再委託しないなら再委託の許諾方法・再委託事項は空欄にします。',
      'subcontract-without-details': '再委託の許諾方法と再委託事項を記載してください。',
      'risk-section-conflict': 'Ⅱ4とⅢ4のどちらかを直してください。',
    },
  },
  check({ data }) {
    const findings: RuleFinding[] = [];
    arrayAt(data, '特定個人情報ファイルの概要').forEach((file, f) => {
      const section = objectAt(file, '特定個人情報ファイルの取扱いの委託');
      if (!section) return;
      const base = `/特定個人情報ファイルの概要/${f}/特定個人情報ファイルの取扱いの委託`;
      const choice = section['委託の有無'];
      const items = arrayAt(section, '委託事項');
      const declared = section['委託件数'];
      if (choice === '委託しない' && items.length > 0) findings.push({ messageId: 'none-but-items', path: `${base}/委託の有無`, data: { count: items.length } });
      if (choice === '委託する') {
        if (items.length === 0) findings.push({ messageId: 'yes-but-no-items', path: `${base}/委託の有無`, level: 'warning' });
        if (declared === null || declared === undefined) {
          findings.push({ messageId: 'count-blank', path: `${base}/委託件数`, level: 'warning', data: { count: items.length } });
        } else if (typeof declared === 'number' && declared !== items.length) {
          findings.push({ messageId: 'count-mismatch', path: `${base}/委託件数`, data: { declared, count: items.length } });
        }
      }
      items.forEach((item, i) => {
        if (!isObject(item)) return;
        for (const key of ['再委託の許諾方法', '再委託事項']) {
          const text = stringAt(item, key);
          const path = `${base}/委託事項/${i}/${key}`;
          if (item['再委託の有無'] === '再委託しない' && text && text.trim() !== '' && text !== '—') findings.push({ messageId: 'no-subcontract-but-details', path, data: { item: key } });
          if (item['再委託の有無'] === '再委託する' && (text === undefined || text.trim() === '')) findings.push({ messageId: 'subcontract-without-details', path: `${base}/委託事項/${i}/再委託の有無`, level: 'warning', data: { item: key } });
        }
      });
      const fileId = stringAt(file, 'ID');
      arrayAt(data, 'リスク対策', '特定個人情報ファイル').forEach((risk, r) => {
        if (stringAt(risk, 'ID') !== fileId) return;
        if (checkState(objectAt(risk, '特定個人情報ファイルの取扱いの委託')?.['委託しない']) === true && choice === '委託する') {
          findings.push({ messageId: 'risk-section-conflict', path: `/リスク対策/特定個人情報ファイル/${r}/特定個人情報ファイルの取扱いの委託/委託しない` });
        }
      });
    });
    return findings;
  },
};
