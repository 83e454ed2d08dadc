/**
 * 様式が同じ事実を2か所で述べるとき(Ⅱ4 委託の有無 と Ⅲ4「委託しない」、Ⅱ5 提供・移転 と Ⅲ5「提供・移転しない」、
 * 情報連携 と Ⅲ6「接続しない」)、両方の記載が合っていること。どの組を比べるかは様式の定義(x-links)にあります。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { formLinks, readRole, type RoleRead } from '../../model/roles.ts';
import { itemPath } from '../../schema/walk.ts';
import type { FormLink, JsonSchema } from '../../schema/registry.ts';

const show = (read: RoleRead): string => (read.raw === true || (typeof read.raw === 'object' && read.raw !== null && (read.raw as Record<string, unknown>)['選択'] === true) ? 'チェックあり' : read.value === false ? 'チェックなし' : read.value === 'unknown' ? '状態不明' : String(read.raw));

/** The pairs a link compares: per file (Ⅱ entry and Ⅲ entry with the same ID), or one left value for every right value. */
export function linkPairs(root: JsonSchema, data: unknown, link: FormLink): [RoleRead, RoleRead][] {
  const lefts = readRole(root, data, link.left);
  const rights = readRole(root, data, link.right);
  if (link.scope === 'document') return lefts.length === 0 ? [] : rights.map((r) => [lefts[0]!, r]);
  const idOf = (read: RoleRead) => fileIdOf(root, data, read.pointer);
  return lefts.flatMap((l) => rights.filter((r) => idOf(r) !== undefined && idOf(r) === idOf(l)).map((r): [RoleRead, RoleRead] => [l, r]));
}

/** ID of the file entry (Ⅱ or Ⅲ) that holds a pointer: the first list entry on the way down that has an ID. */
export function fileIdOf(root: JsonSchema, data: unknown, pointer: string): string | undefined {
  const segments = pointer.slice(1).split('/');
  let current: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const entry = current[Number(segment)];
      const id = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['ID'] : undefined;
      if (typeof id === 'string') return id;
      current = entry;
    } else current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  void root;
  return undefined;
}

export function agrees(link: FormLink, left: unknown, right: unknown): boolean {
  return link.agree.some(([l, r]) => l === left && r === right);
}

/** The values one side of a link can take: those its agreeing pairs name (a checkbox: true and false). */
export function candidates(link: FormLink, side: 0 | 1): unknown[] {
  const values = new Set(link.agree.map((pair) => pair[side]));
  if (values.has(true) || values.has(false)) values.add(true).add(false);
  return [...values];
}

export const linkedFacts: Rule = {
  meta: {
    id: 'linked-facts',
    title: '同じ事実を述べる2か所の記載が合っている',
    level: 'error',
    rationale: '様式は、委託・提供・移転・情報連携の有無を、Ⅱ(ファイルの概要)とⅢ(リスク対策)の両方で尋ねます。食い違うと、特定個人情報をどこへ渡すのかを住民に誤って伝え、どちらの変更が重要な変更かも判断できません。',
    basis: '特定個人情報保護評価書 記載要領(Ⅱ4・Ⅱ5・Ⅲ4・Ⅲ5・Ⅲ6)。組の定義は様式の定義 x-links',
    messages: {
      contradiction: '「{right}」が「{rightValue}」ですが、「{left}」は「{leftValue}」です({link})。',
      unknown: '「{right}」の状態が不明なため、「{left}」(「{leftValue}」)と合っているか確かめられません({link})。',
    },
    hints: {
      contradiction: 'どちらかの記載を直してください。',
      unknown: '原本を確認して「{right}」のチェックの有無を記載してください。',
    },
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const link of formLinks(schema)) {
      for (const [left, right] of linkPairs(schema, data, link)) {
        if (left.value === null || left.value === undefined || right.value === null || right.value === undefined) continue;
        const names = { left: itemPath(schema, left.pointer), right: itemPath(schema, right.pointer), leftValue: show(left), rightValue: show(right), link: link.title };
        if (left.value === 'unknown' && right.value === 'unknown') continue;
        if (right.value === 'unknown' || left.value === 'unknown') {
          // 不明 is worth a warning only when one of its possible states would contradict the other side.
          const [unknownSide, known] = right.value === 'unknown' ? [right, left] : [left, right];
          const states = candidates(link, unknownSide === right ? 1 : 0);
          const contradicts = states.some((s) => (unknownSide === right ? !agrees(link, known.value, s) : !agrees(link, s, known.value)));
          if (contradicts) findings.push({ messageId: 'unknown', path: unknownSide.pointer, level: 'warning', data: unknownSide === right ? names : { ...names, left: names.right, right: names.left, leftValue: names.rightValue } });
        } else if (!agrees(link, left.value, right.value)) {
          findings.push({ messageId: 'contradiction', path: right.pointer, data: names });
        }
      }
    }
    // Several links may end at one item (Ⅲ5 提供・移転しない answers 提供・移転・行っていない): report it once.
    const seen = new Set<string>();
    return findings.filter((f) => !seen.has(f.path) && seen.add(f.path));
  },
};
