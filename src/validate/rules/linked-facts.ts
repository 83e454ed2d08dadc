/**
 * 様式が同じ事実を2か所で述べるとき(Ⅱ4 委託の有無 と Ⅲ4「委託しない」、Ⅱ5 提供・移転 と Ⅲ5「提供・移転しない」、
 * 情報連携 と Ⅲ6「接続しない」)、両方の記載が合っていること。どの組を比べるかは様式の定義(x-links)にあります。
 * 要約とその一覧(主な記録項目 と 別添1 の記録項目: x-links の kind covers)では、一覧の記録項目がある種類を名指すとき
 * (その欄の x-record-terms の語を含むとき)、要約のその欄にチェックがあること。語による推定なので警告です。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import type { RoleRead } from '../../model/roles.ts';
import { agrees, candidates, coverLinks, coverPairs, linkPairs, stateLinks } from '../../model/links.ts';
import { itemPath } from '../../schema/walk.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const show = (read: RoleRead): string => (read.raw === true || (typeof read.raw === 'object' && read.raw !== null && (read.raw as Record<string, unknown>)['選択'] === true) ? tr('チェックあり', 'checked') : read.value === false ? tr('チェックなし', 'unchecked') : read.value === 'unknown' ? tr('状態不明', 'state unknown') : String(read.raw));

export const linkedFacts: Rule = {
  meta: {
    id: 'linked-facts',
    get title() { return tr('同じ事実を述べる2か所の記載が合っている', 'Two places that state the same fact agree'); },
    level: 'error',
    rationale: '様式は、委託・提供・移転・情報連携の有無を、Ⅱ(ファイルの概要)とⅢ(リスク対策)の両方で尋ねます。食い違うと、特定個人情報をどこへ渡すのかを住民に誤って伝え、どちらの変更が重要な変更かも判断できません。',
    basis: '特定個人情報保護評価書 記載要領(Ⅱ4・Ⅱ5・Ⅲ4・Ⅲ5・Ⅲ6)。組の定義は様式の定義 x-links',
    messages: bilingual({
      contradiction: '「{right}」が「{rightValue}」ですが、「{left}」は「{leftValue}」です({link})。',
      unknown: '「{right}」の状態が不明なため、「{left}」(「{leftValue}」)と合っているか確かめられません({link})。',
      uncovered: '「{box}」にチェックがありませんが、{annex}に{items}が記録されています({link})。',
      'uncovered-unknown': '「{box}」の状態が不明ですが、{annex}に{items}が記録されているため、チェックありのはずです({link})。',
    }, {
      contradiction: '「{right}」 is 「{rightValue}」, but 「{left}」 is 「{leftValue}」 ({link}).',
      unknown: 'The state of 「{right}」 is unknown, so it cannot be checked against 「{left}」 (「{leftValue}」) ({link}).',
      uncovered: '「{box}」 is not checked, but {annex} records {items} ({link}).',
      'uncovered-unknown': 'The state of 「{box}」 is unknown, but {annex} records {items}, so it should be checked ({link}).',
    }),
    hints: bilingual({
      contradiction: 'どちらかの記載を直してください。',
      unknown: '原本を確認して「{right}」のチェックの有無を記載してください。',
      uncovered: '「{box}」にチェックを付けてください。その記録項目がこの種類に当たらないときは、検証の例外に理由を記録してください(語による推定です)。',
      'uncovered-unknown': '原本を確認して「{box}」にチェックを付けてください。その記録項目がこの種類に当たらないときは、検証の例外に理由を記録してください(語による推定です)。',
    }, {
      contradiction: 'Correct one of the two.',
      unknown: 'Check the original document and record whether 「{right}」 is checked.',
      uncovered: 'Check 「{box}」. If that record item is not of this kind, record the reason under 「検証の例外」 (this is inferred from words).',
      'uncovered-unknown': 'Check the original document and check 「{box}」. If that record item is not of this kind, record the reason under 「検証の例外」 (this is inferred from words).',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const link of coverLinks(schema)) {
      for (const pair of coverPairs(schema, data, link)) {
        if (pair.value !== false && pair.value !== 'unknown') continue;
        const shown = pair.items.slice(0, 3).map((i) => `「${i.name}」`).join(tr('、', ', '));
        const items = pair.items.length > 3 ? tr(`${shown}ほか${pair.items.length - 3}項目`, `${shown} and ${pair.items.length - 3} more`) : shown;
        const annex = itemPath(schema, pair.list);
        findings.push({ messageId: pair.value === false ? 'uncovered' : 'uncovered-unknown', path: pair.pointer, level: 'warning', data: { box: itemPath(schema, pair.pointer), annex, items, link: link.title } });
      }
    }
    for (const link of stateLinks(schema)) {
      for (const [left, right] of linkPairs(schema, data, link)) {
        if (left.value === null || left.value === undefined || right.value === null || right.value === undefined) continue;
        if (left.value === 'unknown' && right.value === 'unknown') continue;
        // The printed names, only for a finding (most pairs agree).
        const named = () => ({ left: itemPath(schema, left.pointer), right: itemPath(schema, right.pointer), leftValue: show(left), rightValue: show(right), link: link.title });
        if (right.value === 'unknown' || left.value === 'unknown') {
          // 不明 is worth a warning only when one of its possible states would contradict the other side.
          const [unknownSide, known] = right.value === 'unknown' ? [right, left] : [left, right];
          const states = candidates(link, unknownSide === right ? 1 : 0);
          const contradicts = states.some((s) => (unknownSide === right ? !agrees(link, known.value, s) : !agrees(link, s, known.value)));
          if (contradicts) {
            const names = named();
            findings.push({ messageId: 'unknown', path: unknownSide.pointer, level: 'warning', data: unknownSide === right ? names : { ...names, left: names.right, right: names.left, leftValue: names.rightValue } });
          }
        } else if (!agrees(link, left.value, right.value)) {
          findings.push({ messageId: 'contradiction', path: right.pointer, data: named() });
        }
      }
    }
    // Several links may end at one item (Ⅲ5 提供・移転しない answers 提供・移転・行っていない): report it once.
    const seen = new Set<string>();
    return findings.filter((f) => !seen.has(f.path) && seen.add(f.path));
  },
};
