// The editor page: opens one assessment, keeps the officer's data, asks the server (the project's own validate,
// diff and write code) for findings and the change classification as they type, and saves safely.
import { renderForm, h, unknownPlaces } from './form.js';
import { renderChanges, renderRows } from './panel.js';
import { uiText } from './ui-text.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
let t = uiText('ja');

const state = {
  file: '',
  hash: '',
  data: /** @type {any} */ ({}),
  schema: /** @type {any} */ (null),
  table: /** @type {any} */ (null),
  items: /** @type {Map<string, HTMLElement>} */ (new Map()),
  rows: /** @type {Record<string, string>[]} */ ([]),
  dirty: false,
  /** Where the file as opened had 不明 (form.js unknownPlaces). */
  unknownAtOpen: /** @type {WeakMap<object, Set<string>>} */ (new WeakMap()),
  seq: 0,
  inFlight: false,
  again: false,
};

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const value = await response.json().catch(() => ({ error: response.statusText }));
  return { status: response.status, value };
}

function status(text) {
  $('status').textContent = text;
}

function translate() {
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.getAttribute('data-t'));
}

/** The rendered item a pointer belongs to: the item itself or its nearest rendered ancestor. */
function itemFor(pointer) {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const el = state.items.get(p);
    if (el) return el;
    if (p === '') return undefined;
  }
}

function renderFindings(findings) {
  for (const slot of document.querySelectorAll('.findings')) slot.replaceChildren();
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const list = $('findings-list');
  list.replaceChildren();
  const shown = findings.filter((f) => f.severity !== 'info' || f.rule !== 'stale-waiver');
  const errors = shown.filter((f) => f.severity === 'error').length;
  const warnings = shown.filter((f) => f.severity === 'warning').length;
  $('findings-count').textContent = shown.length === 0 ? t('findingsNone') : t('findingsCount', { n: shown.length, e: errors, w: warnings });
  shown.forEach((f, i) => {
    const el = itemFor(f.path);
    const id = `finding-${i}`;
    const severity = t(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
    const note = h('p', { class: `finding sev-${f.severity}`, id, 'data-rule': f.rule },
      h('strong', {}, `${severity}: `), f.message, f.hint ? h('span', { class: 'hint' }, h('br'), `${t('hint')}: ${f.hint}`) : null);
    const slot = el ? [...el.querySelectorAll('.findings')].find((s) => s.getAttribute('data-for') === el.getAttribute('data-pointer')) : undefined;
    if (slot) {
      slot.append(note);
      // The control the finding describes (its aria-describedby names the slot) is marked invalid.
      if (f.severity === 'error' && slot.id) for (const control of el.querySelectorAll(`:is(input, textarea, select)[aria-describedby~="${slot.id}"]`)) control.setAttribute('aria-invalid', 'true');
    }
    const where = labelText(el) ?? f.path;
    list.append(h('li', { class: `sev-${f.severity}` }, el ? h('a', { href: `#${ensureId(el)}` }, where) : h('span', {}, where), ` — ${severity}: ${f.message}`));
  });
}

/** The printed label of an item (its number and name, without the words only screen readers get). */
function labelText(el) {
  const label = el?.querySelector('legend, label, h2, h3, h4, h5, h6');
  if (!label) return undefined;
  const copy = /** @type {HTMLElement} */ (label.cloneNode(true));
  for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
  return copy.textContent?.trim();
}

function ensureId(el) {
  if (!el.id) el.id = `item-${Math.random().toString(36).slice(2, 9)}`;
  return el.id;
}

/**
 * Findings for the latest data: sent at once when nothing is in flight (no debounce on the first keystroke),
 * else once more when the request in flight returns. The classification follows the findings.
 */
async function refresh() {
  if (state.inFlight) return void (state.again = true);
  state.inFlight = true;
  state.again = false;
  const seq = ++state.seq;
  const body = { hash: state.hash, data: state.data };
  try {
    const check = await api('api/check', body);
    if (check.status !== 200) status(t('requestFailed', { m: check.value.error }));
    else if (!state.again) {
      renderFindings(check.value.findings);
      document.body.dataset.findings = String(seq);
    }
    if (!state.again) {
      const reply = await api('api/changes', body);
      if (reply.status === 200 && !state.again) {
        renderChanges($('changes'), reply.value, { t, items: state.items, itemFor });
        $('draft').toggleAttribute('disabled', !state.table || !reply.value.ok || reply.value.changes.length === 0);
      }
    }
  } finally {
    state.inFlight = false;
  }
  if (state.again) return refresh();
  document.body.dataset.checked = String(seq);
  delete document.body.dataset.busy;
}

function schedule() {
  document.body.dataset.busy = 'true';
  refresh();
}

function renderAll(focusKey) {
  const scroll = window.scrollY;
  state.items = renderForm($('form'), { root: state.schema, data: state.data, t, onChange, unknownAtOpen: state.unknownAtOpen });
  window.scrollTo(0, scroll);
  if (focusKey) {
    const target = document.querySelector(`[data-focus="${CSS.escape(focusKey)}"]:not([disabled])`) ?? state.items.get(focusKey)?.querySelector('input, textarea, select, button');
    target?.focus();
  }
}

function onChange(structural = false, focusKey) {
  state.dirty = true;
  $('save').removeAttribute('disabled');
  status(t('unsaved'));
  if (structural) renderAll(focusKey);
  schedule();
}

function load(opened) {
  state.file = opened.file;
  state.hash = opened.hash;
  state.data = opened.data;
  state.unknownAtOpen = unknownPlaces(opened.data);
  state.schema = opened.schema;
  state.table = opened.changes;
  state.rows = [];
  $('rows').replaceChildren();
  $('file').textContent = t('ofFile', { file: opened.file, form: opened.formName ?? '' });
  if (!state.schema) return status(t('loadFailed', { m: opened.findings?.[0]?.message ?? '' }));
  renderAll();
  renderFindings(opened.findings);
  refresh();
}

async function save() {
  status(t('saving'));
  const { status: code, value } = await api('api/save', { hash: state.hash, data: state.data, rows: state.rows.length > 0 ? state.rows : undefined });
  if (code === 200) {
    const rows = value.rows;
    state.hash = value.hash;
    state.data = value.data;
    state.rows = [];
    state.dirty = false;
    $('rows').replaceChildren();
    renderAll();
    await refresh();
    $('save').setAttribute('disabled', '');
    return status(rows > 0 ? t('savedRows', { n: rows }) : t('saved'));
  }
  if (code === 409 && value.conflict) return conflict(value);
  status(t('requestFailed', { m: value.error ?? code }));
}

/** Saved elsewhere meanwhile: nothing was written; the officer chooses, seeing both values where both changed. */
function conflict(value) {
  const dialog = /** @type {HTMLDialogElement} */ ($('conflict'));
  const clashes = value.clashes ?? [];
  const show = (v) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  const labelOf = (pointer) => labelText(itemFor(pointer)) ?? pointer;
  const changes = (title, list) => (list?.length ? [h('h3', {}, title), h('ul', {}, ...list.map((c) => h('li', {}, h('strong', {}, labelOf(c.pointer)), h('br'), `${show(c.before)} → ${show(c.after)}`)))] : []);
  $('clashes').replaceChildren(
    ...changes(t('conflictTheirsChanged'), value.theirsChanged),
    ...changes(t('conflictMineChanged'), value.mineChanged),
    ...(clashes.length ? [h('p', {}, t('conflictClashes')), h('ul', {}, ...clashes.map((c) => h('li', {}, h('strong', {}, labelOf(c.pointer)), h('br'), `${t('conflictMine')}: ${show(c.mine)}`, h('br'), `${t('conflictTheirs')}: ${show(c.theirs)}`)))] : []));
  status(t('conflictTitle'));
  const done = (data, message) => {
    dialog.close();
    state.hash = value.hash;
    state.data = data;
    renderAll();
    refresh();
    status(message);
  };
  $('merge').onclick = () => {
    done(value.merged, t('conflictMerged'));
    onChange();
    status(t('conflictMerged'));
  };
  $('reload').onclick = () => {
    state.dirty = false;
    done(value.disk, t('reloaded'));
  };
  dialog.showModal();
  $('merge').focus();
}

async function draft() {
  const { status: code, value } = await api('api/draft-rows', { hash: state.hash, data: state.data });
  if (code !== 200) return status(t('requestFailed', { m: value.error }));
  state.rows = value.rows;
  const ctx = { t, onRowsChange: () => onChange() };
  renderRows($('rows'), state.rows, state.table, ctx);
  $('rows').querySelector('input, textarea, select')?.focus();
  if (state.rows.length > 0) onChange();
}

async function start() {
  const params = new URLSearchParams(location.search);
  const file = params.get('file');
  const listing = await api('api/files');
  t = uiText(listing.value.lang);
  document.documentElement.lang = listing.value.lang === 'en' ? 'en' : 'ja';
  translate();
  $('save').addEventListener('click', save);
  $('draft').addEventListener('click', draft);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      if (!$('save').hasAttribute('disabled')) save();
    }
  });
  window.addEventListener('beforeunload', (e) => {
    if (state.dirty) e.preventDefault();
  });
  if (!file) {
    $('file').textContent = t('files');
    $('form').replaceChildren(h('ul', { class: 'files' }, ...listing.value.files.map((f) => h('li', {}, h('a', { href: `?file=${encodeURIComponent(f)}` }, f)))));
    return;
  }
  const opened = await api(`api/open?file=${encodeURIComponent(file)}`);
  if (opened.status !== 200) return status(t('loadFailed', { m: opened.value.error }));
  load(opened.value);
}

start();
