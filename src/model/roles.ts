/**
 * Semantic roles: what an item of a form *is* (the 委託の有無, the people-count band, the しきい値判断結果), declared
 * in the form schema with `x-role` and looked up here. Rules, classification, checks and renderers ask for a role
 * and get the values with their JSON Pointers, whatever the form calls or nests the item; a form without the role
 * simply has no value for it (rules declare the roles they need, see validate/rule.ts `requires`).
 * The vocabulary is data: schemas/roles.v1.json. Decision record: schemas/decisions/0002-semantic-roles.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemaDir, type FormLink, type JsonSchema, type RecordTerms } from '../schema/registry.ts';
import { resolveRef } from '../schema/walk.ts';
import { escapeSegment as escape, isObject, unescapeSegment } from './access.ts';
import { pointerSegments } from './pointer.ts';
import { inReadMemo, memoisedBy } from './read-memo.ts';

export interface RoleDefinition {
  title: string;
  kind: 'text' | 'date' | 'choice' | 'band' | 'checkbox' | 'count' | 'list' | 'object';
  scope: 'document' | 'file' | 'entry';
  /** Canonical values a choice role maps its printed choices to (x-role-values). */
  values?: string[];
}

let vocabulary: Record<string, RoleDefinition> | undefined;

/** The role vocabulary (schemas/roles.v1.json), read on first use (page bundles import this module without it). */
export function roleVocabulary(): Record<string, RoleDefinition> {
  vocabulary ??= (JSON.parse(readFileSync(path.join(schemaDir, 'roles.v1.json'), 'utf8')) as { roles: Record<string, RoleDefinition> }).roles;
  return vocabulary;
}

/** Where a role sits in a form: its path pattern (`*` = every entry of a list) and the item's schema. */
export interface RoleSite {
  role: string;
  pattern: string[];
  schema: JsonSchema;
}

export interface Band {
  label: string;
  min: number;
  /** null: open-ended (「1,000万人以上」). */
  max: number | null;
}

/** One value of a role in a document. `value` is canonical: yes/no, true/false/'unknown', or the printed text. */
export interface RoleRead {
  pointer: string;
  raw: unknown;
  value: unknown;
  schema: JsonSchema;
  band?: Band;
  /** The file entry that holds the value (fileEntryOf its pointer), found on the way down to it. */
  fileEntry?: FileEntry;
}

/** A list entry with an `ID` (a 特定個人情報ファイル of Ⅱ or Ⅲ, a convention key of every form) and its pointer. */
export interface FileEntry {
  id: string;
  pointer: string;
}

/** The entry at `pointer` when it is an object with a string ID. */
function entryAt(value: unknown, pointer: string): FileEntry | undefined {
  const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['ID'] : undefined;
  return typeof id === 'string' ? { id, pointer } : undefined;
}

/** The file entry that holds a pointer: the first list entry on the way down that has an ID. */
export function fileEntryOf(data: unknown, pointer: string): FileEntry | undefined {
  const segments = pointer.slice(1).split('/');
  let current: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (Array.isArray(current)) {
      const entry = current[Number(segment)];
      const found = entryAt(entry, `/${segments.slice(0, i + 1).join('/')}`);
      if (found !== undefined) return found;
      current = entry;
    } else current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[unescapeSegment(segment)] : undefined;
  }
  return undefined;
}

const sitesCache = new WeakMap<JsonSchema, Map<string, RoleSite[]>>();

/** Every role site of a form, by role (document order). */
export function roleSites(root: JsonSchema): Map<string, RoleSite[]> {
  const cached = sitesCache.get(root);
  if (cached) return cached;
  const sites = new Map<string, RoleSite[]>();
  const visit = (schema: JsonSchema, pattern: string[], depth: number): void => {
    if (depth > 40) throw new Error(`form schema nests deeper than 40 levels at /${pattern.join('/')}`);
    const role = schema['x-role'];
    if (role) {
      const list = sites.get(role) ?? [];
      list.push({ role, pattern, schema });
      sites.set(role, list);
    }
    for (const [key, child] of Object.entries(schema.properties ?? {})) visit(resolveRef(root, child), [...pattern, key], depth + 1);
    if (schema.items) visit(resolveRef(root, schema.items), [...pattern, '*'], depth + 1);
  };
  visit(resolveRef(root, root), [], 0);
  sitesCache.set(root, sites);
  return sites;
}

export function hasRole(root: JsonSchema, role: string): boolean {
  return roleSites(root).has(role);
}

/** The roles of a form (for `pia rules --form` and the rule × form applicability test). */
export function formRoles(root: JsonSchema): Set<string> {
  return new Set(roleSites(root).keys());
}

/** A site's pattern as pointer segments (escaped once per site, not per read). */
const escapedPatterns = new WeakMap<RoleSite, string[]>();
function escapedPattern(site: RoleSite): string[] {
  let escaped = escapedPatterns.get(site);
  if (!escaped) escapedPatterns.set(site, (escaped = site.pattern.map(escape)));
  return escaped;
}

function isCheckboxSchema(schema: JsonSchema): boolean {
  return schema['x-render'] === 'checkbox' || (Array.isArray(schema.enum) && schema.enum.includes(true) && schema.enum.includes(false));
}

/** The band of a printed band choice (x-bands), or undefined. */
export function bandOf(schema: JsonSchema, raw: unknown): Band | undefined {
  if (typeof raw !== 'string') return undefined;
  const bounds = schema['x-bands']?.[raw];
  return bounds ? { label: raw, min: bounds[0], max: bounds[1] } : undefined;
}

/** Canonical value of an item: x-role-values for choices, true/false/'unknown' for checkboxes, else the value. */
export function canonicalOf(schema: JsonSchema, raw: unknown): unknown {
  if (raw === undefined) return undefined;
  if (isCheckboxSchema(schema)) {
    const state = isObject(raw) ? raw['選択'] : raw;
    return state === true || state === false ? state : state === '不明' ? 'unknown' : undefined;
  }
  const mapped = typeof raw === 'string' ? schema['x-role-values']?.[raw] : undefined;
  return mapped ?? raw;
}

/**
 * Every present value of a role in the data, in document order. `within` keeps only the values under that
 * pointer (e.g. one 特定個人情報ファイル entry).
 */
export function readRole(root: JsonSchema, data: unknown, role: string, within = ''): RoleRead[] {
  if (within !== '' && inReadMemo(root, data) && !paddedIndex.test(within)) {
    // Within one validation the read from the root is made once, and the values under `within` are those of its
    // reads whose pointers are under it: in the same order, with the same file entries (the first list entry with
    // an ID on the way down, above `within` or below it). Rules read one entry after another (each group of
    // 別添1, each 委託事項): one walk, not one per entry, and no memo entry per pointer (filtering the reads costs
    // less). An index written with a leading zero (/0/01) is read as below, where it names entry 1 under that
    // pointer.
    return memoisedBy(root, data, 'role', role, '', () => readRoleOnce(root, data, role, '')).filter((read) => isAtOrUnder(read.pointer, within));
  }
  // Within one validation the rules read the same roles again and again: computed once (src/model/read-memo.ts).
  return memoisedBy(root, data, 'role', role, within, () => readRoleOnce(root, data, role, within)).slice();
}

function readRoleOnce(root: JsonSchema, data: unknown, role: string, within: string): RoleRead[] {
  const out: RoleRead[] = [];
  const withinSegments = within === '' ? [] : within.slice(1).split('/');
  // The value at `within`, found once: every site under it is expanded from there, not from the root.
  let start: unknown = data;
  for (const s of withinSegments) {
    const key = unescapeSegment(s);
    start = Array.isArray(start) ? start[Number(key)] : isObject(start) ? start[key] : undefined;
  }
  if (start === undefined) return out;
  // The file entry above `within` (most reads are from the root: none), else the first found below it.
  const above = within === '' ? undefined : fileEntryOf(data, within);
  for (const site of roleSites(root).get(role) ?? []) {
    if (site.pattern.length < withinSegments.length) continue;
    const escaped = escapedPattern(site);
    const under = withinSegments.every((s, i) => (site.pattern[i] === '*' ? /^\d+$/.test(s) : escaped[i] === s));
    if (!under) continue;
    const expand = (value: unknown, i: number, pointer: string, entry: FileEntry | undefined): void => {
      if (value === undefined) return;
      if (i === site.pattern.length) {
        out.push({ pointer, raw: value, value: canonicalOf(site.schema, value), schema: site.schema, band: bandOf(site.schema, value), fileEntry: entry });
        return;
      }
      const segment = site.pattern[i]!;
      if (segment === '*') {
        if (Array.isArray(value)) {
          for (let n = 0; n < value.length; n++) {
            const at = `${pointer}/${n}`;
            expand(value[n], i + 1, at, entry ?? entryAt(value[n], at));
          }
        }
      } else if (isObject(value)) expand(value[segment], i + 1, `${pointer}/${escaped[i]}`, entry);
    };
    expand(start, withinSegments.length, within, above);
  }
  return out;
}

/**
 * Whether `pointer` is `within` or a pointer below it. Compared from the end of `within`, where the pointers of
 * sibling entries differ (…/記録項目/3 and …/記録項目/5): most are told apart by their last characters, unit by
 * unit (startsWith on the pointers, joined strings, took a slow path for each).
 */
function isAtOrUnder(pointer: string, within: string): boolean {
  const n = within.length;
  if (pointer.length < n || (pointer.length > n && pointer.charCodeAt(n) !== 0x2f)) return false;
  for (let i = n - 1; i >= 0; i--) if (pointer.charCodeAt(i) !== within.charCodeAt(i)) return false;
  return true;
}

/** A pointer segment of digits with a leading zero (an index the pointers of reads never hold). */
const paddedIndex = /\/0[0-9]/;

export function readOne(root: JsonSchema, data: unknown, role: string, within = ''): RoleRead | undefined {
  return readRole(root, data, role, within)[0];
}

/** The entries of a list role, each with its pointer and ID (`ID` is a convention key of every form). */
export function roleEntries(root: JsonSchema, data: unknown, role: string, within = ''): { pointer: string; id?: string; value: unknown }[] {
  return memoisedBy(root, data, 'entries', role, within, () =>
    readRole(root, data, role, within).flatMap((read) =>
      Array.isArray(read.raw)
        ? read.raw.map((value, i) => ({ pointer: `${read.pointer}/${i}`, id: isObject(value) && typeof value['ID'] === 'string' ? value['ID'] : undefined, value }))
        : [],
    ),
  ).slice();
}

/**
 * Where a role sits or would sit under `within` (one pointer per site, present or not), e.g. the places of
 * 再委託の許諾方法 and 再委託事項 in one 委託事項, for findings about a missing value. `*` beyond `within` is 0.
 */
export function rolePointers(root: JsonSchema, role: string, within = ''): { pointer: string; schema: JsonSchema }[] {
  const withinSegments = within === '' ? [] : within.slice(1).split('/');
  return (roleSites(root).get(role) ?? [])
    .filter((site) => site.pattern.length >= withinSegments.length && withinSegments.every((s, i) => site.pattern[i] === '*' ? /^\d+$/.test(s) : escape(site.pattern[i]!) === s))
    .map((site) => ({ pointer: `/${site.pattern.map((s, i) => (s === '*' ? (withinSegments[i] ?? '0') : escape(s))).join('/')}`, schema: site.schema }));
}

export function rolePointer(root: JsonSchema, role: string, within = ''): string | undefined {
  return rolePointers(root, role, within)[0]?.pointer;
}

/** The printed choice of a form for a canonical value of a role (inverse of x-role-values), e.g. basic+focused → 1). */
export function choiceFor(root: JsonSchema, role: string, value: string): string | undefined {
  for (const site of roleSites(root).get(role) ?? []) {
    const found = Object.entries(site.schema['x-role-values'] ?? {}).find(([, v]) => v === value);
    if (found) return found[0];
  }
  return undefined;
}

/** The form's links (x-links) between two statements of one fact. */
export function formLinks(root: JsonSchema): FormLink[] {
  return root['x-links'] ?? [];
}

/** A checkbox under a covers link's left role that has x-record-terms: its path below the role's item. */
export interface CoverBox {
  path: string[];
  title: string;
  terms: RecordTerms;
}

const boxCache = new WeakMap<JsonSchema, CoverBox[]>();

/** The checkboxes (with x-record-terms) below the site of a role, in form order. */
export function coverBoxes(root: JsonSchema, role: string): CoverBox[] {
  const site = roleSites(root).get(role)?.[0];
  if (!site) return [];
  const cached = boxCache.get(site.schema);
  if (cached) return cached;
  const out: CoverBox[] = [];
  const walk = (node: JsonSchema, path: string[]) => {
    if (node['x-record-terms']) out.push({ path, title: node.title ?? path.at(-1) ?? '', terms: node['x-record-terms'] });
    for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, [...path, key]);
  };
  walk(site.schema, []);
  boxCache.set(site.schema, out);
  return out;
}

/** Problems in a form's role annotations: unknown roles, values or bands that do not match the choices. */
export function checkRoleAnnotations(root: JsonSchema): string[] {
  const problems: string[] = [];
  for (const [role, sites] of roleSites(root)) {
    const definition = roleVocabulary()[role];
    if (!definition) {
      problems.push(`x-role "${role}" at /${sites[0]!.pattern.join('/')} is not in schemas/roles.v1.json`);
      continue;
    }
    if (definition.scope === 'document' && sites.length > 1) problems.push(`x-role "${role}" is a document role but sits in ${sites.length} places`);
    for (const site of sites) {
      const where = `/${site.pattern.join('/')}`;
      const choices = (site.schema.enum ?? []).filter((c) => c !== null);
      for (const [choice, value] of Object.entries(site.schema['x-role-values'] ?? {})) {
        if (!choices.includes(choice)) problems.push(`${where}: x-role-values key "${choice}" is not one of its choices`);
        if (definition.values && !definition.values.includes(value)) problems.push(`${where}: x-role-values value "${value}" is not a value of role ${role} (${definition.values.join(', ')})`);
      }
      if (definition.values && definition.kind === 'choice' && !isCheckboxSchema(site.schema)) {
        const unmapped = choices.filter((c) => typeof c === 'string' && !(c in (site.schema['x-role-values'] ?? {})));
        if (unmapped.length > 0) problems.push(`${where}: choices without x-role-values for role ${role}: ${unmapped.join(', ')}`);
      }
      if (definition.kind === 'band') {
        const bands = site.schema['x-bands'] ?? {};
        const missing = choices.filter((c) => typeof c === 'string' && !(c in bands));
        if (missing.length > 0) problems.push(`${where}: band choices without x-bands: ${missing.join(', ')}`);
      }
    }
  }
  for (const link of formLinks(root)) {
    for (const role of [link.left, link.right]) if (!roleSites(root).has(role)) problems.push(`x-links ${link.id}: role ${role} is not in the form`);
    if (link.kind === 'covers') {
      const boxes = coverBoxes(root, link.left);
      if (boxes.length === 0) problems.push(`x-links ${link.id}: no checkbox under ${link.left} has x-record-terms`);
      const words = (v: unknown) => Array.isArray(v) && v.every((w) => typeof w === 'string' && w.trim() !== '');
      for (const { terms: t } of boxes) {
        if (!words(t.terms) || t.terms.length === 0 || (t.except !== undefined && !words(t.except))) problems.push(`x-links ${link.id}: x-record-terms ${JSON.stringify(t)} must be { terms: [words], except?: [words] }`);
      }
    } else if (!Array.isArray(link.agree) || link.agree.length === 0) problems.push(`x-links ${link.id}: a link of states needs agree pairs`);
  }
  return problems;
}

/** The roles whose site is exactly this pointer (an index segment matches `*`). */
export function rolesAt(root: JsonSchema, pointer: string): string[] {
  const segments = pointerSegments(pointer);
  const out: string[] = [];
  for (const [role, sites] of roleSites(root)) {
    if (sites.some((site) => site.pattern.length === segments.length && site.pattern.every((p, i) => (p === '*' ? /^\d+$/.test(segments[i]!) : p === segments[i])))) out.push(role);
  }
  return out;
}

/** The roles a rule needs (meta.requires) that the form lacks: empty when the rule applies to the form. */
export function missingRoles(meta: { requires?: readonly string[] }, roles: ReadonlySet<string>): string[] {
  return (meta.requires ?? []).filter((role) => !roles.has(role));
}
