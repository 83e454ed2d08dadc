/**
 * 全項目評価書 Ⅵ2 ④主な意見の内容 に意見があるときは、⑤評価書への反映 を記載する。
 * 意見聴取の後は「必要に応じて全項目評価書を見直す」(特定個人情報保護評価指針 第5の3、二次資料による。FORMS.md §5)。
 */
import type { Rule } from '../rule.ts';
import { roleText } from '../procedure.ts';
import { bilingual, tr } from '../../report/i18n.ts';

/** Texts that say no opinion was received: then ⑤ may stay blank. Data, compared without spaces. */
export const noOpinionTexts: readonly string[] = ['なし', '特になし', '意見なし', '意見はなかった', '意見はなかった。', '提出された意見はなし', '該当なし', '—', '-'];

export const hearingReflection: Rule = {
  meta: {
    id: 'hearing-reflection',
    get title() { return tr('主な意見があるとき、評価書への反映が記載されている', 'When there are main comments, how they were reflected is stated'); },
    level: 'error',
    rationale: '意見聴取は意見を評価書に反映するために行います。寄せられた意見を載せて反映を書かないと、意見をどう扱ったかが分かりません。反映しなかったときも、その考え方を書きます。',
    basis: '特定個人情報保護評価指針 第5の3(意見聴取の結果を踏まえた全項目評価書の見直し); 全項目評価書 様式4 Ⅵ2 ④主な意見の内容 ⑤評価書への反映',
    requires: ['hearing.opinions', 'hearing.reflection'],
    messages: bilingual({
      missing: '④主な意見の内容に意見が記載されていますが、⑤評価書への反映がありません。',
    }, {
      missing: 'Comments are stated in 「④主な意見の内容」, but 「⑤評価書への反映」 (how they were reflected) is missing.',
    }),
    hints: bilingual({
      missing: '意見を受けて修正した箇所、または修正しなかった理由を⑤に記載してください。意見がなかったときは④を「意見なし」としてください。',
    }, {
      missing: 'State in ⑤ where the assessment was corrected after the comments, or why it was not. If there were no comments, write 「意見なし」 in ④.',
    }),
  },
  check({ data, schema }) {
    const opinions = roleText(schema, data, 'hearing.opinions');
    const reflection = roleText(schema, data, 'hearing.reflection');
    if (!opinions || !reflection || !opinions.text) return [];
    const normalized = opinions.text.replace(/\s/g, '');
    if (noOpinionTexts.includes(normalized)) return [];
    if (reflection.text) return [];
    const path = reflection.present ? reflection.pointer : opinions.pointer;
    return [{ messageId: 'missing', path }];
  },
};
