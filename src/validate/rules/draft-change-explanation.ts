/**
 * `pia diff --write` は変更箇所の「提出時期に係る説明」を下書き(「（下書き）」で始まる文)として書きます。公表前に、
 * 担当者が内容を確かめて書き直すか、印を消して確定します。下書きのままでは公表しません(--strict で誤り)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { changeRowKeys, changeRows, draftMark } from '../../model/document.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const draftChangeExplanation: Rule = {
  meta: {
    id: 'draft-change-explanation',
    get title() { return tr('変更箇所の提出時期に係る説明が下書きのままでない(公表用)', 'The explanation of the submission timing in the 変更箇所 is not a draft (for publication)'); },
    level: 'warning',
    requires: ['changes', 'change.explanation'],
    rationale: '提出時期に係る説明は、なぜ事前(重要な変更)か、なぜ事後(評価書の修正)でよいかを住民と委員会に説明する文です。ツールの下書きは一般的な理由しか書けないため、担当者が事務の実際の理由(例: 中間サーバー更改に係る修正)を確かめてから公表します。',
    basis: '特定個人情報保護評価指針 第10(評価書の修正)、記載要領(変更箇所 提出時期に係る説明)',
    messages: bilingual({
      draft: '変更箇所の行「{item}」の提出時期に係る説明が下書き(「{mark}」)のままです。',
    }, {
      draft: 'The explanation of the submission timing in the 変更箇所 row 「{item}」 is still a draft (「{mark}」).',
    }),
    hints: bilingual({
      draft: '説明を確かめ、事務の実際の理由に書き直すか、そのままでよければ先頭の「{mark}」を消してください(--strict では誤りになります)。',
    }, {
      draft: 'Check the explanation and rewrite it with the 事務\'s actual reason, or, if it is right as it is, delete the leading 「{mark}」 (with --strict this is an error).',
    }),
  },
  check({ data, schema }) {
    const key = changeRowKeys(schema).explanation;
    const findings: RuleFinding[] = [];
    for (const row of changeRows(schema, data)) {
      if (row.explanation?.startsWith(draftMark)) findings.push({ messageId: 'draft', path: `${row.pointer}/${key}`, completeness: true, data: { item: row.item ?? '', mark: draftMark } });
    }
    return findings;
  },
};
