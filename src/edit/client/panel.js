// 「この変更の扱い」: the changes against the base version, each classified 事前/事後/再評価 with the rules'
// reasons (from `pia diff`'s engine on the server), and the drafted 変更箇所 rows, editable until saved.
import { h } from './form.js';

const timingKey = { before: 'before', after: 'after', reassess: 'reassess' };

/**
 * @param {HTMLElement} list where the changes go
 * @param {{ base: string, ok: boolean, changes: any[], problems: any[], findings?: any[] }} result
 * @param {{ t: Function, items: Map<string, HTMLElement>, itemFor: (p: string) => HTMLElement | undefined }} ctx
 */
export function renderChanges(list, result, ctx) {
  const out = [h('p', { class: 'base' }, result.base === 'HEAD' ? ctx.t('baseHead') : ctx.t('baseOpened'))];
  if (!result.ok) {
    out.push(h('p', { class: 'note' }, (result.findings ?? []).map((f) => f.message).join(' ')));
  } else if (result.changes.length === 0) {
    out.push(h('p', { class: 'none' }, ctx.t('noChanges')));
  } else {
    const ul = h('ul', { class: 'changes' });
    for (const c of result.changes) {
      const timing = c.timing ? ctx.t(timingKey[c.timing] ?? c.timing) : ctx.t('unclassified');
      const target = c.side === 'new' ? ctx.itemFor(c.pointer) : undefined;
      const itemText = target?.id ? h('a', { href: `#${target.id}` }, c.item) : h('span', {}, c.item);
      const reasons = c.reasons.map((r) => h('li', {}, h('span', { class: 'reason' }, r.message), h('span', { class: 'basis' }, ` ${ctx.t('basis')}: ${r.basis}`)));
      if (c.decision) reasons.push(h('li', {}, `${c.decision.reason}(${c.decision.by})`));
      ul.append(h('li', { class: `change timing-${c.timing ?? 'none'}`, 'data-timing': c.timing ?? '' },
        h('span', { class: `badge timing-${c.timing ?? 'none'}` }, timing), ' ', itemText,
        reasons.length ? h('ul', { class: 'reasons', 'aria-label': ctx.t('reason') }, ...reasons) : null));
    }
    out.push(ul);
  }
  list.replaceChildren(...out);
}

/**
 * The drafted rows as editable fields: each column of the form's 変更箇所 table, 提出時期 as its choices.
 * @param {HTMLElement} box
 * @param {Record<string, string>[]} rows edited in place
 * @param {{ columns: { role: string, key: string, title: string }[], timingChoices: Record<string, string> }} table
 */
export function renderRows(box, rows, table, ctx) {
  if (rows.length === 0) return void box.replaceChildren(h('p', { class: 'none' }, ctx.t('noRows')));
  const out = [h('h3', {}, ctx.t('draftedRows'))];
  rows.forEach((row, i) => {
    const fields = table.columns.map((col) => {
      const id = `row-${i}-${col.role}`;
      const input = col.role === 'timing'
        ? h('select', { id }, ...Object.values(table.timingChoices).map((v) => h('option', { value: v, selected: row[col.key] === v }, v)))
        : col.role === 'before' || col.role === 'after' || col.role === 'explanation'
          ? h('textarea', { id, rows: 2 })
          : h('input', { id, type: 'text' });
      if (input.tagName !== 'SELECT') input.value = row[col.key] ?? '';
      input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
        row[col.key] = input.value;
        ctx.onRowsChange();
      });
      return h('div', { class: 'row-field' }, h('label', { for: id }, col.title), input);
    });
    out.push(h('fieldset', { class: 'drafted-row', 'data-row': row.ID }, h('legend', {}, ctx.t('row', { n: i + 1 })), ...fields,
      h('button', { type: 'button', class: 'small danger', onclick: () => { rows.splice(i, 1); renderRows(box, rows, table, ctx); ctx.onRowsChange(); } }, ctx.t('removeRow'))));
  });
  box.replaceChildren(...out);
}
