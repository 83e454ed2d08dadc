/**
 * JSON Pointers into an assessment where an entry of a repeated block may be named by its `ID` instead of its
 * position: `/特定個人情報ファイルの概要/kodomo/…` and `/特定個人情報ファイルの概要/0/…` address the same value.
 * checks.yaml, decisions.yaml and 非公表 use the ID form, so reordering the blocks never retargets a claim.
 */
import { escapeSegment as escape, isObject, unescapeSegment } from './access.ts';

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  const segments = pointer.slice(1).split('/');
  return pointer.includes('~') ? segments.map(unescapeSegment) : segments;
}

export function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${escape(s)}`).join('');
}

export type Resolved = { ok: true; value: unknown; pointer: string } | { ok: false; missing: string };

/**
 * The value at a pointer and its positional form. A segment under a list is an index (`0`) or the `ID` of an
 * entry; `missing` is the pointer up to the first segment that names nothing.
 */
export function resolvePointer(data: unknown, pointer: string): Resolved {
  let current: unknown = data;
  const positional: string[] = [];
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      const index = /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < current.length ? Number(segment) : current.findIndex((e) => isObject(e) && e['ID'] === segment);
      if (index < 0) return { ok: false, missing: pointerOf([...positional, segment]) };
      positional.push(String(index));
      current = current[index];
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      positional.push(segment);
      current = current[segment];
    } else {
      return { ok: false, missing: pointerOf([...positional, segment]) };
    }
  }
  return { ok: true, value: current, pointer: pointerOf(positional) };
}

/** The ID form of a positional pointer: each index of an entry that has an `ID` becomes that ID. */
export function idPointer(data: unknown, pointer: string): string {
  let current: unknown = data;
  const out: string[] = [];
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const entry = current[Number(segment)];
      out.push(isObject(entry) && typeof entry['ID'] === 'string' ? entry['ID'] : segment);
      current = entry;
    } else {
      out.push(segment);
      current = isObject(current) ? current[segment] : undefined;
    }
  }
  return pointerOf(out);
}
