/** One row of the site's index of 評価書: cover items, form, latest 変更日 and publication status. */
import type { JsonSchema } from '../../schema/registry.ts';
import { resolveRef } from '../../schema/walk.ts';
import { readOne, roleSites } from '../../model/roles.ts';
import { changeRows } from '../../model/document.ts';
import { formatWareki, parseDate } from '../../model/wareki.ts';

export interface DateCell {
  text: string;
  /** ISO date, used to sort; absent when the date cannot be read. */
  iso?: string;
}

export interface IndexRow {
  slug: string;
  number: string;
  title: string;
  form: string;
  organisation: string;
  published?: DateCell;
  lastChange?: DateCell;
  status: Status;
}

/** 公表中, 公表予定 (公表日 after today), 終了 (the title carries 【…終了】 after the 事務 ended, 規則第16条). */
export type Status = '公表中' | '公表予定' | '終了';

export interface IndexColumns {
  number: string;
  title: string;
  form: string;
  organisation: string;
  published: string;
}

function dateCell(value: unknown): DateCell | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseDate(value);
  return parsed.ok ? { text: formatWareki(parsed.iso), iso: parsed.iso } : { text: value };
}

/** Column labels as the form prints them (the titles of the cover items, found by role, and the 様式 item). */
export function indexColumns(schema: JsonSchema): IndexColumns {
  const root = resolveRef(schema, schema);
  const title = (role: string, fallback: string) => roleSites(schema).get(role)?.[0]?.schema.title ?? fallback;
  return { number: title('cover.number', ''), title: title('cover.title', ''), form: root.properties?.['様式']?.title ?? '様式', organisation: title('cover.organisation', ''), published: title('cover.published-on', '') };
}

/** 重点項目評価書(様式3), from the form's x-form annotation. */
export function formLabel(schema: JsonSchema): string {
  const form = schema['x-form'];
  return form ? `${form.name}(${form.code})` : String(schema.properties?.['様式']?.const ?? '');
}

const coverText = (schema: JsonSchema, data: unknown, role: string): unknown => readOne(schema, data, role)?.raw;

export function statusOf(schema: JsonSchema, data: Record<string, unknown>, today: string): Status {
  const title = coverText(schema, data, 'cover.title');
  if (typeof title === 'string' && /【[^】]*終了】/.test(title)) return '終了';
  const published = dateCell(coverText(schema, data, 'cover.published-on'));
  if (published?.iso && published.iso > today) return '公表予定';
  return '公表中';
}

export function indexRow(slug: string, schema: JsonSchema, data: Record<string, unknown>, today: string): IndexRow {
  // The latest 変更日 that reads as a date (only that one is printed).
  let latest: string | undefined;
  for (const c of changeRows(schema, data)) {
    const parsed = typeof c.date === 'string' ? parseDate(c.date) : undefined;
    if (parsed?.ok && (latest === undefined || parsed.iso > latest)) latest = parsed.iso;
  }
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    slug,
    number: text(coverText(schema, data, 'cover.number')),
    title: text(coverText(schema, data, 'cover.title')),
    form: formLabel(schema),
    organisation: text(coverText(schema, data, 'cover.organisation')),
    published: dateCell(coverText(schema, data, 'cover.published-on')),
    lastChange: latest === undefined ? undefined : { text: formatWareki(latest), iso: latest },
    status: statusOf(schema, data, today),
  };
}

/** A file size as people read it beside a download link: 812 バイト, 185 KB, 1.4 MB (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} バイト`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
