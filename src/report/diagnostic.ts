import { BoundedCache } from '../model/bounded-cache.ts';
import { pointerOf as pointerOfStrings, pointerSegments } from '../model/pointer.ts';

/** One finding about an input file, located at file:line:col. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  col: number;
  /** JSON Pointer into the assessment data ('' for the document itself). */
  path: string;
  message: string;
  hint?: string;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** Replaces {name} placeholders; unknown names stay visible so a missing argument is noticed in tests. */
export function fillTemplate(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  // As template.replace(/\{(\w+)\}/g, …), from the template's parts: a finding's message and hint are filled for
  // every finding, from the few templates of the rules.
  const parts = templateParts(template);
  if (parts.length === 1) return template;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = data[name];
    out += (value !== undefined || name in data ? String(value) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

/** Templates split once into text, name, text, …, text (bounded: cleared when full). */
const partsOf = new BoundedCache<string, readonly string[]>(2048);

function templateParts(template: string): readonly string[] {
  return partsOf.get(template, splitTemplate);
}

function splitTemplate(template: string): readonly string[] {
  const found: string[] = [];
  let from = 0;
  for (let open = template.indexOf('{'); open >= 0; open = template.indexOf('{', open + 1)) {
    let end = open + 1;
    while (end < template.length && isWordChar(template.charCodeAt(end))) end++;
    if (end === open + 1 || template.charCodeAt(end) !== 0x7d) continue;
    found.push(template.slice(from, open), template.slice(open + 1, end));
    from = end + 1;
    open = end;
  }
  found.push(template.slice(from));
  return found;
}

/** \w: [A-Za-z0-9_] */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** model/pointer.ts's pointerOf and pointerSegments, for segments that may be list indices (numbers). */
export function pointerOf(segments: readonly (string | number)[]): string {
  return pointerOfStrings(segments.map(String));
}

export function segmentsOf(pointer: string): string[] {
  return pointerSegments(pointer);
}
