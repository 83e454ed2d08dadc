// The form, generated from the form's JSON Schema only: item numbers (x-item), labels (title), ※
// (x-significant-change), choices (enum) as radio buttons, checkbox groups with their ( ) text, bands (x-bands),
// 和暦 dates, repeated blocks (x-repeat) that can be added, removed and reordered, and help from `description`.
// Every control writes into the data at its JSON Pointer and calls onChange; nothing here knows a 様式.
import { formatWareki, parseDate } from './wareki.js';

/** @typedef {Record<string, any>} Schema */

const escapeSegment = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');
export const segmentsOf = (pointer) => (pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment));

/** Resolves $ref as src/schema/walk.ts does: the sibling annotations of a $ref win over the target's. */
export function resolveRef(root, schema) {
  let current = schema ?? {};
  for (let i = 0; current.$ref && i < 20; i++) {
    const { $ref, ...siblings } = current;
    current = { ...root.$defs?.[$ref.replace(/^#\/\$defs\//, '')], ...siblings };
  }
  return current;
}

/** 「3. 特定個人情報ファイル名」「①入手元」, as src/schema/walk.ts itemLabel prints them. */
export function itemLabel(schema, fallback) {
  const title = schema.title ?? fallback;
  const number = schema['x-item'];
  if (!number) return title;
  return /[.Ⅰ-Ⅻ0-9]$|^別添/.test(number) ? `${number} ${title}` : `${number}${title}`;
}

const types = (schema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
const allowsNull = (schema) => types(schema).includes('null') || (schema.enum ?? []).includes(null);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

export function getAt(data, pointer) {
  let current = data;
  for (const s of segmentsOf(pointer)) current = current == null ? undefined : current[Array.isArray(current) ? Number(s) : s];
  return current;
}

/** Sets the value at a pointer, creating the objects on the way (an item written for the first time). */
export function setAt(data, pointer, value) {
  const segments = segmentsOf(pointer);
  let current = data;
  for (const s of segments.slice(0, -1)) {
    const key = Array.isArray(current) ? Number(s) : s;
    if (current[key] == null || typeof current[key] !== 'object') current[key] = {};
    current = current[key];
  }
  const last = segments.at(-1);
  current[Array.isArray(current) ? Number(last) : last] = value;
}

function randomId(prefix, taken) {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(3));
    const id = `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    if (!taken.has(id)) return id;
  }
}

/** A new entry of a repeated block: its required items, blank as the form prints them, with a new ID. */
export function blankValue(root, schema, taken = new Set()) {
  const s = resolveRef(root, schema);
  if (s.properties) {
    const out = {};
    for (const key of s.required ?? []) {
      if (key === 'ID') out.ID = randomId('entry', taken);
      else out[key] = blankValue(root, s.properties[key], new Set());
    }
    return out;
  }
  if (s.items) return [];
  if (s.enum) return s.enum.includes(null) ? null : s.enum.includes(false) ? false : null;
  if (allowsNull(s)) return null;
  if (types(s).includes('integer') || types(s).includes('number')) return 0;
  return '';
}

let counter = 0;
const nextId = (base) => `${base}-${++counter}`;

/** DOM helper: h('div', { class: 'x' }, child, 'text'). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/**
 * Renders the whole form into `container`. Returns the map pointer → item element, where findings are placed.
 * @param {{ root: Schema, data: any, t: Function, onChange: (structural?: boolean) => void, unknownAtOpen?: WeakMap<object, Set<string>> }} ctx
 */
export function renderForm(container, ctx) {
  counter = 0;
  const items = new Map();
  const top = resolveRef(ctx.root, ctx.root);
  const nodes = [];
  for (const [key, child] of Object.entries(top.properties ?? {})) {
    const node = renderItem(ctx, items, resolveRef(ctx.root, child), `/${escapeSegment(key)}`, key, 1, ctx.data);
    if (node) nodes.push(node);
  }
  container.replaceChildren(...nodes);
  return items;
}

function helpOf(ctx, schema, id) {
  if (!schema.description) return null;
  return h('details', { class: 'help' }, h('summary', {}, h('span', { 'aria-hidden': 'true' }, '？'), ` ${ctx.t('help')}`), h('p', { id }, schema.description));
}

function labelParts(ctx, schema, key) {
  const parts = [itemLabel(schema, key)];
  if (schema['x-significant-change'] === true) parts.push(' ', h('abbr', { class: 'significant', title: ctx.t('significantLabel') }, '※'), h('span', { class: 'visually-hidden' }, `(${ctx.t('significantLabel')})`));
  if (schema['x-unverified']) parts.push(h('span', { class: 'unverified' }, ' [V]'));
  return parts;
}

/** One item: a section for a group of items, a repeated block, or a value control. */
function renderItem(ctx, items, schema, pointer, key, depth, parentValue) {
  const render = schema['x-render'];
  if (render === 'hidden' || key === 'ID' || key === '$schema') return null;
  const value = isObject(parentValue) || Array.isArray(parentValue) ? parentValue[key] : undefined;
  if (schema.items && render !== 'numbered-list' && resolveRef(ctx.root, schema.items).properties) return renderRepeated(ctx, items, schema, pointer, key, depth, value);
  if (schema.items) return renderList(ctx, items, schema, pointer, key, value);
  if (render === 'checkbox' || render === 'checkboxes' || render === 'checkbox-groups') return wrapItem(ctx, items, schema, pointer, key, (id, describedBy) => checkboxControl(ctx, schema, pointer, key, value, id, describedBy), true);
  if (schema.properties && !['text', 'date', 'choice', 'count'].includes(render)) {
    const headingId = nextId('h');
    const section = h('section', { class: `group depth-${depth}`, 'aria-labelledby': headingId, 'data-pointer': pointer });
    items.set(pointer, section);
    section.append(h(`h${Math.min(depth + 1, 6)}`, { id: headingId }, ...labelParts(ctx, schema, key)));
    const help = helpOf(ctx, schema, nextId('d'));
    if (help) section.append(help);
    section.append(h('div', { class: 'findings', 'data-for': pointer }));
    for (const [k, child] of Object.entries(schema.properties)) {
      const node = renderItem(ctx, items, resolveRef(ctx.root, child), `${pointer}/${escapeSegment(k)}`, k, depth + 1, value ?? {});
      if (node) section.append(node);
    }
    return section;
  }
  if (render === 'choice' || schema.enum) return wrapItem(ctx, items, schema, pointer, key, (id, describedBy) => choiceControl(ctx, schema, pointer, value, id, describedBy), true);
  if (render === 'date') return wrapItem(ctx, items, schema, pointer, key, (id, describedBy) => dateControl(ctx, schema, pointer, value, id, describedBy));
  const numeric = render === 'count' || (types(schema).some((x) => x === 'integer' || x === 'number') && !types(schema).includes('string'));
  return wrapItem(ctx, items, schema, pointer, key, (id, describedBy) => textControl(ctx, schema, pointer, value, id, describedBy, numeric));
}

/** The label, help and findings slot around a control; grouped controls get a fieldset and legend. */
function wrapItem(ctx, items, schema, pointer, key, control, grouped = false) {
  const id = nextId('f');
  const helpId = nextId('d');
  const findingsId = nextId('m');
  const help = helpOf(ctx, schema, helpId);
  const describedBy = [schema.description ? helpId : null, findingsId].filter(Boolean).join(' ');
  const findings = h('div', { class: 'findings', id: findingsId, 'data-for': pointer });
  let el;
  if (grouped) {
    el = h('fieldset', { class: 'item', 'data-pointer': pointer, 'aria-describedby': describedBy }, h('legend', {}, ...labelParts(ctx, schema, key)), help, control(id, undefined), findings);
  } else {
    el = h('div', { class: 'item', 'data-pointer': pointer }, h('label', { for: id }, ...labelParts(ctx, schema, key)), help, control(id, describedBy), findings);
  }
  items.set(pointer, el);
  return el;
}

function textControl(ctx, schema, pointer, value, id, describedBy, numeric) {
  const initial = value === null || value === undefined ? '' : String(value);
  const onInput = (e) => {
    const text = e.target.value;
    // A number where the item takes one (評価書番号 48 stays a number, not the text "48").
    if ((numeric || types(schema).includes('integer')) && /^-?\d{1,15}$/.test(text.trim())) setAt(ctx.data, pointer, Number(text.trim()));
    // Emptied: blank (null) where the item may be blank, else an empty text the rules report.
    else if (text === '') setAt(ctx.data, pointer, allowsNull(schema) || value === null ? null : '');
    else setAt(ctx.data, pointer, text);
    ctx.onChange();
  };
  if (numeric) return h('input', { id, type: 'text', inputmode: 'numeric', value: initial, 'aria-describedby': describedBy, oninput: onInput, class: 'number' });
  const rows = Math.min(12, Math.max(1, Math.ceil(initial.length / 48) + (initial.match(/\n/g)?.length ?? 0)));
  const area = h('textarea', { id, rows, 'aria-describedby': describedBy, oninput: onInput });
  area.value = initial;
  return area;
}

function choiceControl(ctx, schema, pointer, value, id, describedBy) {
  const name = nextId('c');
  const options = (schema.enum ?? []).filter((o) => o !== null);
  const box = h('div', { class: 'choices', role: 'radiogroup', 'aria-describedby': describedBy });
  const radios = [];
  const add = (label, optionValue) => {
    const rid = nextId('r');
    const input = h('input', {
      type: 'radio', id: rid, name, checked: value === optionValue,
      onchange: () => {
        setAt(ctx.data, pointer, optionValue);
        ctx.onChange();
      },
    });
    radios.push([input, optionValue]);
    const band = schema['x-bands']?.[label];
    box.append(h('div', { class: 'choice' }, input, h('label', { for: rid }, String(label), band ? h('span', { class: 'band' }, ` (${band[0].toLocaleString()}〜${band[1] === null ? '' : band[1].toLocaleString()})`) : null)));
  };
  for (const o of options) add(o === true ? '✓' : o === false ? '—' : o, o);
  if ((schema.enum ?? []).includes(null) || allowsNull(schema)) add(ctx.t('blank'), null);
  if (value !== undefined && value !== null && !options.includes(value)) box.append(h('p', { class: 'note' }, ctx.t('notInChoices', { v: String(value) })));
  if (schema['x-bands']) {
    // A band chosen from a number: the band whose [min, max] holds it.
    const nid = nextId('n');
    box.append(h('div', { class: 'band-helper' }, h('label', { for: nid }, ctx.t('bandHelper')), h('input', {
      id: nid, type: 'text', inputmode: 'numeric', class: 'number',
      oninput: (e) => {
        const n = Number(String(e.target.value).replace(/[,，]/g, ''));
        if (!Number.isFinite(n) || e.target.value.trim() === '') return;
        const hit = Object.entries(schema['x-bands']).find(([, [min, max]]) => n >= min && (max === null || n <= max));
        if (!hit) return;
        for (const [input, v] of radios) input.checked = v === hit[0];
        setAt(ctx.data, pointer, hit[0]);
        ctx.onChange();
      },
    })));
  }
  return box;
}

const eraNames = ['令和', '平成', '昭和'];
const eraStart = { 令和: 2019, 平成: 1989, 昭和: 1926 };

function dateControl(ctx, schema, pointer, value, id, describedBy) {
  const outId = nextId('o');
  const input = h('input', { id, type: 'text', value: value ?? '', 'aria-describedby': `${describedBy} ${outId}`, class: 'date', autocomplete: 'off' });
  const out = h('span', { id: outId, class: 'western', 'aria-live': 'polite' });
  const era = h('select', { 'aria-label': ctx.t('era') }, ...eraNames.map((e) => h('option', { value: e }, e)));
  const year = h('input', { type: 'text', inputmode: 'numeric', class: 'number short', 'aria-label': ctx.t('year') });
  const month = h('select', { 'aria-label': ctx.t('month') }, ...Array.from({ length: 12 }, (_, i) => h('option', { value: String(i + 1) }, String(i + 1))));
  const day = h('select', { 'aria-label': ctx.t('day') }, ...Array.from({ length: 31 }, (_, i) => h('option', { value: String(i + 1) }, String(i + 1))));
  const show = () => {
    const text = input.value.trim();
    if (text === '' || text === '—') return void (out.textContent = '');
    const parsed = parseDate(text);
    if (!parsed.ok) return void (out.textContent = ctx.t('notADate'));
    const [y, m, d] = parsed.iso.split('-').map(Number);
    out.textContent = `${ctx.t('western')} ${y}年${m}月${d}日(${parsed.iso})`;
    const wareki = /^(令和|平成|昭和)(元|\d+)年/.exec(formatWareki(parsed.iso));
    if (wareki) {
      era.value = wareki[1];
      year.value = wareki[2] === '元' ? '1' : wareki[2];
      month.value = String(m);
      day.value = String(d);
    }
  };
  const write = () => {
    const text = input.value.trim();
    setAt(ctx.data, pointer, text === '' && allowsNull(schema) ? null : text);
    show();
    ctx.onChange();
  };
  input.addEventListener('input', write);
  const fromPicker = () => {
    const n = Number(year.value);
    if (!Number.isInteger(n) || n < 1) return;
    input.value = `${era.value}${n === 1 ? '元' : n}年${month.value}月${day.value}日`;
    write();
  };
  for (const el of [era, month, day]) el.addEventListener('change', fromPicker);
  year.addEventListener('input', fromPicker);
  const today = new Date();
  if (!value) {
    era.value = '令和';
    year.value = String(today.getFullYear() - eraStart['令和'] + 1);
    month.value = String(today.getMonth() + 1);
    day.value = String(today.getDate());
  }
  show();
  const picker = h('fieldset', { class: 'date-picker' }, h('legend', {}, ctx.t('pickDate')), era, year, h('span', { 'aria-hidden': 'true' }, '年'), month, h('span', { 'aria-hidden': 'true' }, '月'), day, h('span', { 'aria-hidden': 'true' }, '日'));
  return h('div', { class: 'date-control' }, input, out, picker);
}

/**
 * The places whose value is 不明 (a box's state, plain or as { 選択: 不明 }) in `data`, as the object holding the value
 * and its key: kept from when the file was opened, so that a box keeps its button to go back to 不明 however often
 * the form is drawn again (a row added elsewhere), and follows its row when rows before it are removed.
 * @returns {WeakMap<object, Set<string>>}
 */
export function unknownPlaces(data) {
  const places = new WeakMap();
  const walk = (value) => {
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (v === '不明' || (isObject(v) && v['選択'] === '不明')) {
        if (!places.has(value)) places.set(value, new Set());
        places.get(value).add(k);
      }
      walk(v);
    }
  };
  walk(data);
  return places;
}

/**
 * The checkbox state as the forms keep it: true, false or 不明 (unknown, shown as mixed). A box that was 不明 when
 * the file was opened keeps a button to make it 不明 again once it has been checked or unchecked (a click by mistake
 * is not a confirmation).
 */
function checkbox(ctx, label, state, onSet, wasUnknown) {
  const cid = nextId('b');
  const input = h('input', { type: 'checkbox', id: cid, checked: state === true });
  const unknown = h('span', { class: 'unknown', title: ctx.t('unknownLong') }, `(${ctx.t('unknown')}`, h('span', { class: 'visually-hidden' }, `: ${ctx.t('unknownLong')}`), ')');
  const offered = state === '不明' || wasUnknown;
  const box = h('div', { class: 'box' }, input, h('label', { for: cid }, label, offered ? unknown : null));
  if (!offered) {
    input.addEventListener('change', () => onSet(input.checked));
    return box;
  }
  input.indeterminate = state === '不明';
  unknown.hidden = state !== '不明';
  const reset = h('button', { type: 'button', class: 'small reset-unknown', hidden: state === '不明', 'aria-label': ctx.t('resetUnknownEntry', { label }) }, ctx.t('resetUnknown'));
  input.addEventListener('change', () => {
    unknown.hidden = true;
    reset.hidden = false;
    onSet(input.checked);
  });
  reset.addEventListener('click', () => {
    input.checked = false;
    input.indeterminate = true;
    unknown.hidden = false;
    reset.hidden = true;
    input.focus();
    onSet('不明');
  });
  box.append(reset);
  return box;
}

/** One box, plain or { 選択, 内容 | 件数 } with its ( ) text beside it. */
function oneBox(ctx, schema, pointer, label, value) {
  const stateKey = schema.properties ? '選択' : undefined;
  const state = stateKey ? (isObject(value) ? value[stateKey] : undefined) : value;
  const set = (checked) => {
    if (stateKey) setAt(ctx.data, pointer, { ...(isObject(getAt(ctx.data, pointer)) ? getAt(ctx.data, pointer) : {}), [stateKey]: checked });
    else setAt(ctx.data, pointer, checked);
    ctx.onChange();
  };
  const holder = getAt(ctx.data, pointer.slice(0, pointer.lastIndexOf('/')));
  const wasUnknown = isObject(holder) || Array.isArray(holder) ? (ctx.unknownAtOpen?.get(holder)?.has(segmentsOf(pointer).at(-1)) ?? false) : false;
  const out = [checkbox(ctx, label, state, set, wasUnknown)];
  const extra = Object.entries(schema.properties ?? {}).find(([k]) => k !== '選択');
  if (extra) {
    const [extraKey, extraSchema] = extra;
    const sub = resolveRef(ctx.root, extraSchema);
    const did = nextId('x');
    const current = isObject(value) ? value[extraKey] : undefined;
    const numeric = sub['x-render'] === 'count';
    // Printed as the form does, 「その他（ … ）」; the field's name says which box it belongs to.
    out.push(h('div', { class: 'box-detail' }, h('label', { for: did, class: 'visually-hidden' }, `${label}の${sub.title ?? extraKey}`), h('span', { 'aria-hidden': 'true' }, '（'), h('input', {
      id: did, type: 'text', value: current ?? '', class: numeric ? 'number' : '', inputmode: numeric ? 'numeric' : undefined,
      oninput: (e) => {
        const text = e.target.value;
        const base = isObject(getAt(ctx.data, pointer)) ? getAt(ctx.data, pointer) : { 選択: state ?? false };
        const next = { ...base };
        if (text === '') {
          if (current === undefined) delete next[extraKey];
          else next[extraKey] = null;
        } else next[extraKey] = numeric && /^\d+$/.test(text) ? Number(text) : text;
        setAt(ctx.data, pointer, next);
        ctx.onChange();
      },
    }), h('span', { 'aria-hidden': 'true' }, '）')));
  }
  return h('div', { class: 'box-row' }, ...out);
}

function checkboxControl(ctx, schema, pointer, key, value) {
  const render = schema['x-render'];
  if (render === 'checkbox') return oneBox(ctx, schema, pointer, schema.title ?? key, value);
  const boxes = (groupSchema, groupPointer, groupValue) => Object.entries(groupSchema.properties ?? {}).map(([k, child]) => {
    const sub = resolveRef(ctx.root, child);
    return oneBox(ctx, sub, `${groupPointer}/${escapeSegment(k)}`, sub.title ?? k, isObject(groupValue) ? groupValue[k] : undefined);
  });
  if (render === 'checkboxes') return h('div', { class: 'boxes' }, ...boxes(schema, pointer, value));
  return h('div', { class: 'box-groups' }, ...Object.entries(schema.properties ?? {}).map(([k, child]) => {
    const sub = resolveRef(ctx.root, child);
    return h('fieldset', { class: 'box-group' }, h('legend', {}, sub.title ?? k), ...boxes(sub, `${pointer}/${escapeSegment(k)}`, isObject(value) ? value[k] : undefined));
  }));
}

/** A list of plain values (記録項目 の 項目, numbered lists): one input per line, lines added and removed. */
function renderList(ctx, items, schema, pointer, key, value) {
  const list = Array.isArray(value) ? value : [];
  const label = itemLabel(schema, key);
  const headingId = nextId('h');
  const el = h('fieldset', { class: 'item list', 'data-pointer': pointer }, h('legend', { id: headingId }, ...labelParts(ctx, schema, key)));
  items.set(pointer, el);
  const help = helpOf(ctx, schema, nextId('d'));
  if (help) el.append(help);
  const ol = h('ol', {});
  list.forEach((entry, i) => {
    const iid = nextId('l');
    ol.append(h('li', {}, h('label', { for: iid, class: 'visually-hidden' }, `${label} ${ctx.t('listItem', { n: i + 1 })}`),
      h('input', { id: iid, type: 'text', value: entry ?? '', oninput: (e) => { list[i] = e.target.value; setAt(ctx.data, pointer, list); ctx.onChange(); } }),
      h('button', { type: 'button', class: 'small', 'aria-label': ctx.t('removeEntry', { label: `${label} ${ctx.t('listItem', { n: i + 1 })}` }), onclick: () => { list.splice(i, 1); setAt(ctx.data, pointer, list); ctx.onChange(true, pointer); } }, ctx.t('remove'))));
  });
  el.append(ol, h('button', { type: 'button', class: 'small', 'data-add': pointer, onclick: () => { list.push(''); setAt(ctx.data, pointer, list); ctx.onChange(true, `${pointer}/${list.length - 1}`); } }, ctx.t('addListItem')));
  el.append(h('div', { class: 'findings', 'data-for': pointer }));
  return el;
}

/** Repeated blocks (委託事項1, 2 …): each entry a section with move and remove buttons; IDs made and kept. */
function renderRepeated(ctx, items, schema, pointer, key, depth, value) {
  const list = Array.isArray(value) ? value : [];
  const entrySchema = resolveRef(ctx.root, schema.items);
  const headingId = nextId('h');
  const section = h('section', { class: `group repeated depth-${depth}`, 'aria-labelledby': headingId, 'data-pointer': pointer });
  items.set(pointer, section);
  section.append(h(`h${Math.min(depth + 1, 6)}`, { id: headingId }, ...labelParts(ctx, schema, key)));
  const help = helpOf(ctx, schema, nextId('d'));
  if (help) section.append(help);
  section.append(h('div', { class: 'findings', 'data-for': pointer }));
  const template = schema['x-repeat'] ?? `${schema.title ?? key}{n}`;
  const headingKey = Object.entries(entrySchema.properties ?? {}).find(([, s]) => resolveRef(ctx.root, s)['x-render'] === 'heading')?.[0] ?? (entrySchema.properties?.['名称'] ? '名称' : undefined);
  const entryName = template.replace('{n}', '').trim();
  const commit = (focus) => {
    setAt(ctx.data, pointer, list);
    ctx.onChange(true, focus);
  };
  list.forEach((entry, i) => {
    const entryPointer = `${pointer}/${i}`;
    const title = `${template.replace('{n}', String(i + 1))}${headingKey && entry?.[headingKey] ? ` ${entry[headingKey]}` : ''}`;
    const entryHeading = nextId('h');
    const entryEl = h('section', { class: 'entry', 'aria-labelledby': entryHeading, 'data-pointer': entryPointer, 'data-id': entry?.ID ?? '' });
    items.set(entryPointer, entryEl);
    const tools = h('div', { class: 'entry-tools' },
      h('button', { type: 'button', class: 'small', disabled: i === 0, 'aria-label': ctx.t('moveUpEntry', { label: title }), 'data-focus': `${pointer}#up${i}`, onclick: () => { list.splice(i - 1, 0, list.splice(i, 1)[0]); commit(`${pointer}#up${i - 1}`); } }, ctx.t('moveUp')),
      h('button', { type: 'button', class: 'small', disabled: i === list.length - 1, 'aria-label': ctx.t('moveDownEntry', { label: title }), 'data-focus': `${pointer}#down${i}`, onclick: () => { list.splice(i + 1, 0, list.splice(i, 1)[0]); commit(`${pointer}#down${i + 1}`); } }, ctx.t('moveDown')),
      h('button', { type: 'button', class: 'small danger', 'aria-label': ctx.t('removeEntry', { label: title }), onclick: () => { if (!confirm(ctx.t('confirmRemove', { label: title }))) return; list.splice(i, 1); commit(`${pointer}#add`); } }, ctx.t('remove')));
    entryEl.append(h(`h${Math.min(depth + 2, 6)}`, { id: entryHeading }, title), tools, h('div', { class: 'findings', 'data-for': entryPointer }));
    for (const [k, child] of Object.entries(entrySchema.properties ?? {})) {
      const node = renderItem(ctx, items, resolveRef(ctx.root, child), `${entryPointer}/${escapeSegment(k)}`, k, depth + 2, entry ?? {});
      if (node) entryEl.append(node);
    }
    section.append(entryEl);
  });
  section.append(h('button', { type: 'button', class: 'add', 'data-focus': `${pointer}#add`, onclick: () => {
    const taken = new Set(list.map((e) => e?.ID));
    list.push(blankValue(ctx.root, schema.items, taken));
    commit(`${pointer}/${list.length - 1}`);
  } }, ctx.t('add', { label: entryName })));
  return section;
}

export { escapeSegment };
