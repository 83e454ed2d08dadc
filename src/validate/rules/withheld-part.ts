/**
 * 非公表 の一覧(規則第13条)の各行が、今の記載に当てはまること。当てはまらない行があると公表用の版を作れない
 * (非公表のはずの文を公表しないため、pia build と pia pdf は出力せずに止まります)。
 */
import type { Rule } from '../rule.ts';
import { withholdMessages, withholdProblems } from '../../model/withhold.ts';
import { tr } from '../../report/i18n.ts';

const ids = Object.keys(withholdMessages) as (keyof typeof withholdMessages)[];

export const withheldPart: Rule = {
  meta: {
    id: 'withheld-part',
    get title() { return tr('非公表の項目・部分が記載に当てはまる', 'The withheld items and parts match the text'); },
    level: 'error',
    rationale: '非公表の行が指す項目や文が編集で変わると、非公表のはずの記載が公表されます。公表用の版は、すべての行が当てはまるときだけ作ります。',
    basis: '特定個人情報保護評価に関する規則 第13条(評価書の公表に際し、セキュリティ上の危険を生ずるおそれがある部分を公表しないことができる)',
    // Read through, so that each text follows --lang (withholdMessages is bilingual).
    messages: Object.defineProperties({}, Object.fromEntries(ids.map((id) => [id, { enumerable: true, get: () => withholdMessages[id].message }]))),
    hints: Object.defineProperties({}, Object.fromEntries(ids.map((id) => [id, { enumerable: true, get: () => withholdMessages[id].hint }]))),
  },
  check({ data, schema }) {
    return withholdProblems(data, schema).map((p) => ({ messageId: p.messageId, path: p.path, data: p.data }));
  },
};
