/** Small pure readings of a Change shared by several classification rules (risk direction, formal text). */
import type { JsonSchema } from '../schema/registry.ts';
import { schemaAt, schemaChain } from '../schema/walk.ts';
import { segmentsOf } from '../report/diagnostic.ts';
import { isObject } from '../model/access.ts';
import type { Change } from '../diff/change.ts';
export { formalKind, normalizeFormal } from '../model/formal.ts';

/** The text a change compares: a free text, or the ( )内の記載 of a checkbox with one. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['内容'] === 'string') return value['内容'];
  return undefined;
}

function stateOf(value: unknown): unknown {
  return isObject(value) && '選択' in value ? value['選択'] : value;
}

/** Whether the change touches only a checkbox's ( )内の記載, not its state. */
export function isDetailOnly(change: Change): boolean {
  return isObject(change.before) && isObject(change.after) && stateOf(change.before) === stateOf(change.after);
}

function isCheckbox(schema: JsonSchema): boolean {
  return schema['x-render'] === 'checkbox' || (Array.isArray(schema.enum) && schema.enum.includes(true) && schema.enum.includes(false));
}

/** x-risk-order of the nearest enclosing checkbox group (入手元, or 主な記録項目 around its named groups). */
export function checkboxGroupOrder(root: JsonSchema, pointer: string): unknown[] | undefined {
  const chain = schemaChain(root, pointer).slice(0, -1).reverse();
  for (const step of chain) {
    if (step.schema.type === 'array' || step.index !== undefined) return undefined;
    if (step.schema['x-risk-order']) return step.schema['x-risk-order'];
  }
  return undefined;
}

function parentPointer(pointer: string): string {
  const segments = segmentsOf(pointer);
  return segments.length === 0 ? '' : pointer.slice(0, pointer.lastIndexOf('/'));
}

/**
 * Direction of risk by the schema's x-risk-order: on a choice, its choices from lowest to highest risk; on a
 * checkbox group, the states ([false, true]: checking raises risk); on a list of blocks or values,
 * ["fewer", "more"]: adding an entry raises risk. Undefined when the schema gives no order for the values.
 */
export function riskDirection(change: Change, root: JsonSchema): 'up' | 'down' | undefined {
  if (change.kind === 'moved') return undefined;
  const parent = schemaAt(root, parentPointer(change.pointer));
  if ((change.kind === 'added' || change.kind === 'removed') && parent && (parent.type === 'array' || parent.items)) {
    const order = parent['x-risk-order'];
    if (order?.[0] === 'fewer' && order[1] === 'more') return change.kind === 'added' ? 'up' : 'down';
    return undefined;
  }
  let order = change.schema['x-risk-order'];
  let before = change.before;
  let after = change.after;
  if (!order && isCheckbox(change.schema)) {
    order = checkboxGroupOrder(root, change.pointer);
    before = stateOf(before);
    after = stateOf(after);
  }
  if (!order) return undefined;
  const from = order.indexOf(before);
  const to = order.indexOf(after);
  if (from < 0 || to < 0 || from === to) return undefined;
  return to > from ? 'up' : 'down';
}
