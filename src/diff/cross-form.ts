/**
 * A diff across forms: the same 事務 assessed first with one form (重点項目評価書) and then with another
 * (全項目評価書), typically because the しきい値判断 result rose. The old version is re-shaped into the new form by
 * semantic role, so that items both forms have are compared and the items only the new form has are listed as new:
 * - a document-level role (x-role outside repeated blocks) found in both forms moves to the new form's place
 *   (Ⅰ1② 事務の概要 → 事務の内容, Ⅲ リスク対策/特定個人情報ファイル → Ⅲ as a list), with its repeated blocks whole;
 * - a choice is translated through its canonical value (x-role-values), so 「基礎項目評価及び重点項目評価の実施が
 *   義務付けられる」 becomes the 全項目 form's choice for basic+focused and the rise to basic+full is seen;
 * - everything else keeps its path: the item names of Ⅱ are the same on both forms, so they compare as they are.
 * Items of the old form that have no place in the new one are not compared; `dropped` lists them.
 */
import type { JsonSchema } from '../schema/registry.ts';
import { choiceFor, readOne, roleSites } from '../model/roles.ts';
import { schemaAt } from '../schema/walk.ts';
import { escapeSegment as escape, isObject, unescapeSegment as unescape } from '../model/access.ts';


function setAt(data: Record<string, unknown>, pattern: readonly string[], value: unknown): void {
  let current: Record<string, unknown> = data;
  for (const key of pattern.slice(0, -1)) {
    if (!isObject(current[key])) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[pattern.at(-1)!] = value;
}

function deleteAt(data: Record<string, unknown>, pattern: readonly string[]): void {
  let current: unknown = data;
  for (const key of pattern.slice(0, -1)) current = isObject(current) ? current[key] : undefined;
  if (isObject(current)) delete current[pattern.at(-1)!];
}

export interface Reshaped {
  data: Record<string, unknown>;
  /** Roles moved to another place: old pointer → new pointer. */
  moved: { role: string; from: string; to: string }[];
  /** Top-level items of the old version the new form has no place for (not compared). */
  dropped: string[];
}

export function reshapeForForm(oldRoot: JsonSchema, oldData: Record<string, unknown>, newRoot: JsonSchema): Reshaped {
  const data = structuredClone(oldData);
  const moved: Reshaped['moved'] = [];
  const oldSites = roleSites(oldRoot);
  for (const [role, sites] of roleSites(newRoot)) {
    const from = oldSites.get(role);
    if (sites.length !== 1 || from?.length !== 1) continue;
    const [to, at] = [sites[0]!, from[0]!];
    if (to.pattern.includes('*') || at.pattern.includes('*')) continue; // inside a repeated block: moves with it
    const read = readOne(oldRoot, oldData, role);
    if (!read) continue;
    let value = structuredClone(read.raw);
    const canonical = typeof value === 'string' ? at.schema['x-role-values']?.[value] : undefined;
    if (canonical) value = choiceFor(newRoot, role, canonical) ?? value;
    const same = to.pattern.join('/') === at.pattern.join('/');
    if (!same) deleteAt(data, at.pattern);
    setAt(data, to.pattern, value);
    if (!same) moved.push({ role, from: `/${at.pattern.map(escape).join('/')}`, to: `/${to.pattern.map(escape).join('/')}` });
  }
  data['様式'] = (newRoot.properties?.['様式'] as JsonSchema | undefined)?.const;
  const dropped = Object.keys(data).filter((key) => !schemaAt(newRoot, `/${escape(key)}`));
  for (const key of dropped) delete data[key];
  return { data, moved, dropped: dropped.map(unescape) };
}
