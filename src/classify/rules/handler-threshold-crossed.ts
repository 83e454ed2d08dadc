/**
 * 取扱者数(使用者数と委託先における取扱者数の合計)が500人以上になる変更は、しきい値判断の結果が上がり得る:
 * 再評価。規則第6条・第7条、PPC-RULES.md §2(取扱者数 500人)。
 */
import type { ClassifyRule } from '../rule.ts';
import { bandLowerBound } from '../helpers.ts';
import { arrayAt, isObject } from '../../model/access.ts';

/** しきい値判断の取扱者数の基準(人)。 */
export const handlerThreshold = 500;
const handlerPointer = /\/(使用者数|委託先における取扱者数)$/;

/** Lower bound of the number of handlers: sum of the lower bounds of every 使用者数 and 委託先における取扱者数 band. */
export function handlerLowerBound(data: Record<string, unknown>): number {
  let sum = 0;
  for (const file of arrayAt(data, '特定個人情報ファイルの概要')) {
    if (!isObject(file)) continue;
    sum += bandLowerBound((file['特定個人情報の入手・使用'] as Record<string, Record<string, unknown>> | undefined)?.['使用の主体']?.['使用者数']) ?? 0;
    for (const entry of arrayAt(file, '特定個人情報ファイルの取扱いの委託', '委託事項')) {
      if (isObject(entry)) sum += bandLowerBound(entry['委託先における取扱者数']) ?? 0;
    }
  }
  return sum;
}

export const handlerThresholdCrossed: ClassifyRule = {
  meta: {
    id: 'handler-threshold-crossed',
    title: '取扱者数が500人以上になる変更(再評価)',
    timing: 'reassess',
    items: ['Ⅱ3④ 使用者数', 'Ⅱ4② 委託先における取扱者数'],
    basis: '特定個人情報保護評価に関する規則 第6条・第7条(しきい値判断: 取扱者数500人以上) [V: 条番号未確認]',
    rationale: 'しきい値判断では、特定個人情報ファイルを取り扱う職員と委託先の従業者の数(取扱者数)が500人以上かどうかで必要な評価が変わります。使用者数や委託先の取扱者数の区分が上がり、合計の下限が500人に達したときは、しきい値判断をやり直します。',
    messages: {
      crossed: '取扱者数が少なくとも{after}人になり、{threshold}人以上になりました(変更前は少なくとも{before}人)。しきい値判断の結果が上がる(全項目評価が必要になる)か、基礎項目評価をやり直して確認してください。',
    },
  },
  classify(change, { oldData, newData }) {
    // Only a change that itself adds handlers: a higher band, or a new 委託事項 with some.
    const added = change.kind === 'added' && /\/委託事項\/\d+$/.test(change.pointer) && isObject(change.after) ? (bandLowerBound(change.after['委託先における取扱者数']) ?? 0) : 0;
    const raised = change.kind === 'changed' && handlerPointer.test(change.pointer) ? (bandLowerBound(change.after) ?? 0) - (bandLowerBound(change.before) ?? 0) : 0;
    if (added <= 0 && raised <= 0) return [];
    const before = handlerLowerBound(oldData);
    const after = handlerLowerBound(newData);
    if (before >= handlerThreshold || after < handlerThreshold) return [];
    return [{ messageId: 'crossed', data: { before, after, threshold: handlerThreshold } }];
  },
};
