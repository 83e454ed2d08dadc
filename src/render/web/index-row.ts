/** One row of the site's index of 評価書: cover items, form, latest 変更日 and publication status. */
import type { JsonSchema } from '../../schema/registry.ts';
import { resolveRef } from '../../schema/walk.ts';
import { arrayAt, isObject, objectAt } from '../../model/access.ts';
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

/** Column labels as the form prints them (表紙 titles and the 様式 item). */
export function indexColumns(schema: JsonSchema): IndexColumns {
  const root = resolveRef(schema, schema);
  const cover = resolveRef(schema, root.properties?.['表紙'] ?? {});
  const title = (key: string) => (cover.properties?.[key] ? resolveRef(schema, cover.properties[key]).title : undefined) ?? key;
  return { number: title('評価書番号'), title: title('評価書名'), form: root.properties?.['様式']?.title ?? '様式', organisation: title('評価実施機関名'), published: title('公表日') };
}

/** 重点項目評価書(様式3), from the form's x-form annotation. */
export function formLabel(schema: JsonSchema): string {
  const form = schema['x-form'];
  return form ? `${form.name}(${form.code})` : String(schema.properties?.['様式']?.const ?? '');
}

export function statusOf(data: Record<string, unknown>, today: string): Status {
  const cover = objectAt(data, '表紙') ?? {};
  const title = typeof cover['評価書名'] === 'string' ? cover['評価書名'] : '';
  if (/【[^】]*終了】/.test(title)) return '終了';
  const published = dateCell(cover['公表日']);
  if (published?.iso && published.iso > today) return '公表予定';
  return '公表中';
}

export function indexRow(slug: string, schema: JsonSchema, data: Record<string, unknown>, today: string): IndexRow {
  const cover = objectAt(data, '表紙') ?? {};
  const changes = arrayAt(data, '変更箇所').filter(isObject).map((c) => dateCell(c['変更日'])).filter((d): d is DateCell => d?.iso !== undefined);
  changes.sort((a, b) => (a.iso! < b.iso! ? 1 : a.iso! > b.iso! ? -1 : 0));
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    slug,
    number: text(cover['評価書番号']),
    title: text(cover['評価書名']),
    form: formLabel(schema),
    organisation: text(cover['評価実施機関名']),
    published: dateCell(cover['公表日']),
    lastChange: changes[0],
    status: statusOf(data, today),
  };
}

/** A file size as people read it beside a download link: 812 バイト, 185 KB, 1.4 MB (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} バイト`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
