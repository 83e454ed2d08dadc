/**
 * Reading an assessment by what its items *are* (x-role), not by 様式 paths. Local to the 事務 rules until the
 * engine's role lookup lands on main (issue 11); then this file gives way to it.
 *
 * A role's item is found by walking the form schema for `x-role`. `x-role-values` maps a printed choice to its
 * canonical value; `x-bands` gives a band choice its [min, max] people. For the 重点項目評価書, whose schema carries
 * no roles yet on this branch, `focusedShim` says the same as data (removed when the roles are in its schema).
 */
import type { JsonSchema } from '../schema/registry.ts';
import { pointerOf } from '../report/diagnostic.ts';
import { parseDate } from '../model/wareki.ts';

export interface RoleItem {
  /** JSON Pointer pattern; `*` stands for every index of an array. */
  pattern: string;
  values?: Record<string, string>;
  bands?: Record<string, [number, number | null]>;
}

/** A value found for a role: where it is, what is written, and what it means. */
export interface RoleValue {
  path: string;
  raw: unknown;
  /** x-role-values of the choice, or the raw value when the item has none. */
  value: unknown;
  band?: [number, number | null];
}

const staffBands: Record<string, [number, number | null]> = {
  '10人未満': [0, 9], '10人以上50人未満': [10, 49], '50人以上100人未満': [50, 99], '100人以上500人未満': [100, 499], '500人以上1,000人未満': [500, 999], '1,000人以上': [1000, null],
};

/** Roles of the 重点項目評価書 (schemas/focused.v1), as ROLES.md assigns them; until its schema carries them. */
const focusedShim: Record<string, RoleItem> = {
  'cover.number': { pattern: '/表紙/評価書番号' },
  'cover.title': { pattern: '/表紙/評価書名' },
  'cover.organisation': { pattern: '/表紙/評価実施機関名' },
  'cover.published-on': { pattern: '/表紙/公表日' },
  'office.name': { pattern: '/基本情報/特定個人情報ファイルを取り扱う事務/事務の名称' },
  'threshold.assessed-on': { pattern: '/評価実施手続/基礎項目評価/実施日' },
  'threshold.result': {
    pattern: '/評価実施手続/基礎項目評価/しきい値判断結果',
    values: {
      '基礎項目評価及び重点項目評価の実施が義務付けられる': 'basic+focused',
      '基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)': 'basic',
      '特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)': 'none',
    },
  },
  'people.file.band': {
    pattern: '/特定個人情報ファイルの概要/*/基本情報/対象となる本人の数',
    bands: { '1万人未満': [0, 9999], '1万人以上10万人未満': [10000, 99999], '10万人以上100万人未満': [100000, 999999], '100万人以上1,000万人未満': [1000000, 9999999], '1,000万人以上': [10000000, null] },
  },
  'handlers.users.band': { pattern: '/特定個人情報ファイルの概要/*/特定個人情報の入手・使用/使用の主体/使用者数', bands: staffBands },
  'handlers.contractor.band': { pattern: '/特定個人情報ファイルの概要/*/特定個人情報ファイルの取扱いの委託/委託事項/*/委託先における取扱者数', bands: staffBands },
  changes: { pattern: '/変更箇所' },
};

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const target = root.$defs?.[schema.$ref.replace('#/$defs/', '')];
  return target ? { ...resolve(root, target), ...schema, $ref: undefined } : schema;
}

const cache = new WeakMap<JsonSchema, Map<string, RoleItem>>();

/** Every role the schema declares, with its item's pattern, values and bands. */
export function rolesOf(schema: JsonSchema): Map<string, RoleItem> {
  const known = cache.get(schema);
  if (known) return known;
  const roles = new Map<string, RoleItem>();
  const walk = (node: JsonSchema, segments: string[]) => {
    const s = resolve(schema, node);
    const role = s['x-role'];
    if (typeof role === 'string' && !roles.has(role)) {
      roles.set(role, {
        pattern: segments.length ? pointerOf(segments) : '',
        values: s['x-role-values'] as Record<string, string> | undefined,
        bands: s['x-bands'] as Record<string, [number, number | null]> | undefined,
      });
    }
    for (const [key, child] of Object.entries(s.properties ?? {})) walk(child, [...segments, key]);
    if (s.items) walk(s.items, [...segments, '*']);
  };
  walk(schema, []);
  if (schema.properties?.['様式']?.const === '重点項目評価書') {
    for (const [role, item] of Object.entries(focusedShim)) if (!roles.has(role)) roles.set(role, item);
  }
  cache.set(schema, roles);
  return roles;
}

/** All values of a role in the data (one for a document-scope role, one per entry for a file-scope role). */
export function roleValues(schema: JsonSchema, data: unknown, role: string): RoleValue[] {
  const item = rolesOf(schema).get(role);
  if (!item) return [];
  const out: RoleValue[] = [];
  const segments = item.pattern === '' ? [] : item.pattern.slice(1).split('/');
  const visit = (node: unknown, i: number, at: string[]) => {
    if (i === segments.length) {
      if (node === undefined) return;
      const key = typeof node === 'string' ? node : undefined;
      out.push({
        path: pointerOf(at),
        raw: node,
        value: key !== undefined && item.values ? (item.values[key] ?? node) : node,
        band: key !== undefined ? item.bands?.[key] : undefined,
      });
      return;
    }
    const segment = segments[i]!;
    if (segment === '*') {
      if (Array.isArray(node)) node.forEach((child, j) => visit(child, i + 1, [...at, String(j)]));
      return;
    }
    if (node && typeof node === 'object' && !Array.isArray(node)) visit((node as Record<string, unknown>)[segment], i + 1, [...at, segment]);
  };
  visit(data, 0, []);
  return out;
}

/** The single value of a document-scope role, or undefined when the item is absent or blank. */
export function roleValue(schema: JsonSchema, data: unknown, role: string): RoleValue | undefined {
  const found = roleValues(schema, data, role)[0];
  return found && found.raw !== null && found.raw !== '' ? found : undefined;
}

/** Where the role's item would be, even when it is absent (for locating a missing answer). */
export function rolePath(schema: JsonSchema, role: string): string | undefined {
  const pattern = rolesOf(schema).get(role)?.pattern;
  return pattern === undefined || pattern.includes('*') ? undefined : pattern;
}

/** The printed choice of a role's item whose canonical value is `value` (for hints that say what to write). */
export function choiceFor(schema: JsonSchema, role: string, value: string): string | undefined {
  return Object.entries(rolesOf(schema).get(role)?.values ?? {}).find(([, v]) => v === value)?.[0];
}

/** ISO date of a date-valued role, or undefined when it is blank or not a valid date. */
export function roleDate(schema: JsonSchema, data: unknown, role: string): { iso: string; raw: string; path: string } | undefined {
  const found = roleValue(schema, data, role);
  if (typeof found?.raw !== 'string') return undefined;
  const parsed = parseDate(found.raw);
  return parsed.ok ? { iso: parsed.iso, raw: found.raw, path: found.path } : undefined;
}
