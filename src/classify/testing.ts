/** Test helpers for classification rules: a Change at a real pointer of the focused form, and a context. */
import { loadForms } from '../schema/registry.ts';
import { isSignificant, itemPath, schemaAt } from '../schema/walk.ts';
import type { Change, ChangeKind } from '../diff/change.ts';
import type { ClassifyContext, ClassifyRule, Rename } from './rule.ts';

export const focused = loadForms().get('重点項目評価書')!.schema;

export function changeAt(pointer: string, before: unknown, after: unknown, kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'): Change {
  const blockOrValue = kind === 'added' || kind === 'removed' ? (kind === 'added' ? after : before) : undefined;
  const significant = isSignificant(focused, pointer) || (typeof blockOrValue === 'object' && blockOrValue !== null && JSON.stringify(blockOrValue).includes('再委託の有無'));
  return { kind, pointer, side: kind === 'removed' ? 'old' : 'new', before, after, schema: schemaAt(focused, pointer) ?? {}, item: itemPath(focused, pointer), significant };
}

export function context(options: { renames?: Rename[]; oldData?: Record<string, unknown>; newData?: Record<string, unknown> } = {}): ClassifyContext {
  return { root: focused, oldData: options.oldData ?? {}, newData: options.newData ?? {}, renames: options.renames ?? [] };
}

/** The rule's findings as 'messageId/timing' strings: the exact set a test asserts. */
export function run(rule: ClassifyRule, change: Change, ctx: ClassifyContext = context()): string[] {
  return rule.classify(change, ctx).map((f) => `${f.messageId}/${f.timing ?? rule.meta.timing}`);
}

export const pointers = {
  hokan: '/特定個人情報ファイルの概要/0/特定個人情報の保管・消去/保管場所',
  itaku: '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託の有無',
  saiitaku: '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/0/再委託の有無',
  itakuEntry: '/特定個人情報ファイルの概要/0/特定個人情報ファイルの取扱いの委託/委託事項/1',
  nyushumotoOther: '/特定個人情報ファイルの概要/0/特定個人情報の入手・使用/入手元/民間事業者',
  users: '/特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用の主体/使用者数',
  subjects: '/特定個人情報ファイルの概要/0/基本情報/対象となる本人の数',
  fileKind: '/特定個人情報ファイルの概要/0/基本情報/ファイルの種類',
  chief: '/基本情報/評価実施機関における担当部署/所属長の役職名',
  department: '/基本情報/評価実施機関における担当部署/部署',
  threshold: '/評価実施手続/基礎項目評価/しきい値判断結果',
  otherMeasures: '/リスク対策/その他のリスク対策',
  recordItem: '/特定個人情報ファイル記録項目/0/記録項目/0/項目/4',
  auditExternal: '/リスク対策/監査/実施の有無/外部監査',
  purpose: '/特定個人情報ファイルの概要/0/特定個人情報の入手・使用/使用目的',
} as const;
