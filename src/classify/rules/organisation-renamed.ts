/**
 * 組織・部署の名称変更(名称変更表に記載したもの)だけによる記載の変更は形式的な修正(事後)。
 */
import type { ClassifyRule } from '../rule.ts';
import { normalizeFormal, textOf } from '../helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const organisationRenamed: ClassifyRule = {
  meta: {
    id: 'organisation-renamed',
    get title() { return tr('組織・部署の名称変更だけの変更は形式的な修正(事後)', 'A renaming of an organisation or department only is a formal correction (事後)'); },
    timing: 'after',
    items: ['※'],
    basis: '特定個人情報保護評価指針の解説(組織の名称変更等の形式的な変更は重要な変更に当たらない) [V: 原文未確認]',
    rationale: '機構改革などで部署や組織の名称だけが変わっても、特定個人情報の取扱いは変わりません。名称変更表(renames.yaml)に記録した変更前後の名称の置き換えだけで説明できる変更は、評価書の修正(事後)です。',
    relaxes: ['significant-item-changed'],
    explanation: '組織・部署の名称変更({renames})に伴う修正であり、重要な変更に当たらないため、変更後に速やかに提出・公表する。',
    messages: bilingual({
      renamed: '名称変更({renames})による記載の変更です。形式的な修正として事後です。',
    }, {
      renamed: 'The text changed because of a renaming ({renames}): a formal correction, so 事後.',
    }),
  },
  classify(change, { renames }) {
    if (change.kind !== 'changed') return [];
    const before = textOf(change.before);
    const after = textOf(change.after);
    if (before === undefined || after === undefined || renames.length === 0) return [];
    let replaced = before;
    const used: string[] = [];
    for (const rename of renames) {
      if (!replaced.includes(rename.before)) continue;
      replaced = replaced.replaceAll(rename.before, rename.after);
      used.push(`${rename.before} → ${rename.after}`);
    }
    if (used.length === 0 || normalizeFormal(replaced) !== normalizeFormal(after)) return [];
    return [{ messageId: 'renamed', data: { renames: used.join(tr('、', ', ')) } }];
  },
};
