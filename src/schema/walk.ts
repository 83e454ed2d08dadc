/**
 * Navigation of a form schema along a data path: which subschema describes the value at a JSON Pointer,
 * and what the official item label of that place is (Ⅱ 特定個人情報ファイルの概要 3. … ①入手元).
 */
import type { JsonSchema } from './registry.ts';
import { segmentsOf } from '../report/diagnostic.ts';
import { memoised } from '../model/read-memo.ts';
import { escapeSegment } from '../model/access.ts';
import { BoundedCache } from '../model/bounded-cache.ts';

const resolved = new WeakMap<JsonSchema, JsonSchema>();

export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const cached = resolved.get(schema);
  if (cached) return cached;
  let current = schema;
  // A $ref sibling's annotations (title, x-item …) win over the target's, as in the schema files.
  while (current.$ref) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  resolved.set(schema, current);
  return current;
}

export interface SchemaStep {
  /** Data path segment (property name or array index). */
  segment: string;
  schema: JsonSchema;
  /** 1-based index when the step enters an array element. */
  index?: number;
}

/** Chains already computed, per form: pointers recur in every document of a form (bounded, cleared when full). */
const chains = new WeakMap<JsonSchema, BoundedCache<string, readonly SchemaStep[]>>();
const chainsPerForm = 20_000;

/**
 * The chain of subschemas from the root to the pointer; stops where the schema does not describe the data.
 * Read-only (shared by every caller asking for the same pointer of the same form).
 */
export function schemaChain(root: JsonSchema, pointer: string): readonly SchemaStep[] {
  let cache = chains.get(root);
  if (!cache) chains.set(root, (cache = new BoundedCache(chainsPerForm)));
  return cache.get(pointer, () => Object.freeze(chainOf(root, pointer)));
}

function chainOf(root: JsonSchema, pointer: string): SchemaStep[] {
  const steps: SchemaStep[] = [];
  let current = resolveRef(root, root);
  for (const segment of segmentsOf(pointer)) {
    let next: JsonSchema | undefined;
    let index: number | undefined;
    if (current.properties && segment in current.properties) next = current.properties[segment];
    else if (current.items && /^\d+$/.test(segment)) {
      next = current.items;
      index = Number(segment) + 1;
    } else if (current.items && /^[a-z0-9][a-z0-9-]*$/.test(segment)) {
      // An entry named by its ID (the pointers of checks.yaml, decisions.yaml and 非公表).
      next = current.items;
    }
    if (!next) break;
    current = resolveRef(root, next);
    steps.push({ segment, schema: current, index });
  }
  return steps;
}

export function schemaAt(root: JsonSchema, pointer: string): JsonSchema | undefined {
  const chain = schemaChain(root, pointer);
  return chain.length === segmentsOf(pointer).length ? (chain.at(-1)?.schema ?? resolveRef(root, root)) : undefined;
}

/** Printed label of one item: x-item and title as the form prints them (「3. 特定個人情報ファイル名」「①入手元」). */
export function itemLabel(schema: JsonSchema, fallback: string): string {
  const title = schema.title ?? fallback;
  const number = schema['x-item'];
  if (!number) return title;
  return /[.Ⅰ-Ⅻ0-9]$|^別添/.test(number) ? `${number} ${title}` : `${number}${title}`;
}

/** Lists with one entry per 特定個人情報ファイル (Ⅱ, 別添 記録項目, Ⅲ): their repetition is named only with several files. */
export const perFileRoles: ReadonlySet<string> = new Set(['files', 'records.annex', 'risk.files']);

/**
 * Official item path of a pointer, e.g. 「Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ①入手元」.
 * Repeated blocks add their label (委託事項1); the per-file repetition is named only when there are several files.
 */
export function itemPath(root: JsonSchema, pointer: string, options: { fileCount?: number } = {}): string {
  // The label depends on the form, the pointer and whether there are several files: kept per form, as the chains.
  const several = (options.fileCount ?? 1) > 1;
  let byForm = labels.get(root);
  if (!byForm) labels.set(root, (byForm = [new BoundedCache(chainsPerForm), new BoundedCache(chainsPerForm)]));
  return byForm[several ? 1 : 0]!.get(pointer, () => labelOf(root, pointer, several));
}

/** itemPath's labels already made, per form: [one file, several files] (bounded, cleared when full). */
const labels = new WeakMap<JsonSchema, BoundedCache<string, string>[]>();

function labelOf(root: JsonSchema, pointer: string, several: boolean): string {
  const parts: string[] = [];
  let parent: JsonSchema | undefined;
  for (const step of schemaChain(root, pointer)) {
    if (step.index !== undefined) {
      const template = parent?.['x-repeat'];
      const perFile = perFileRoles.has(parent?.['x-role'] ?? '');
      if (template && (!perFile || several)) parts.push(template.replace('{n}', String(step.index)));
    } else if (step.schema['x-render'] !== 'hidden' && step.segment !== 'ID' && !(step.schema['x-repeat'] && !step.schema['x-item'])) {
      const group = step.schema['x-group'];
      if (group && !parts.includes(group)) parts.push(group);
      if (!(parent?.['x-repeat'] && step.schema.title === undefined)) parts.push(itemLabel(step.schema, step.segment));
    }
    parent = step.schema;
  }
  return parts.join(' ');
}

/** True when the item at the pointer, or an ancestor, is marked ※ (an explicit false on the way down wins). */
export function isSignificant(root: JsonSchema, pointer: string): boolean {
  let significant = false;
  for (const step of schemaChain(root, pointer)) {
    const mark = step.schema['x-significant-change'];
    if (mark !== undefined) significant = mark;
  }
  return significant;
}

/**
 * One value of the data with the subschema that describes it. Its pointer is made when asked for, from its
 * holder's pointer and its own segment: most values of the walk index are never reported.
 */
export class Visit {
  readonly value: unknown;
  readonly schema: JsonSchema;
  readonly parent: JsonSchema | undefined;
  readonly key: string;
  /** Position in document order. */
  readonly order: number;
  private readonly holder: string | undefined;
  private readonly segment: string;

  constructor(holder: string | undefined, segment: string, value: unknown, schema: JsonSchema, parent: JsonSchema | undefined, key: string, order: number) {
    this.holder = holder;
    this.segment = segment;
    this.value = value;
    this.schema = schema;
    this.parent = parent;
    this.key = key;
    this.order = order;
  }

  /** JSON Pointer of the value. */
  get pointer(): string {
    return pointerAt(this.holder, this.segment);
  }
}

/**
 * Visits every value present in the data together with the subschema that describes it (document order), as it
 * walks (a visitor may change what it walks, as src/new/copy.ts does).
 */
export function walkData(
  root: JsonSchema,
  data: unknown,
  visit: (pointer: string, value: unknown, schema: JsonSchema, parent: JsonSchema | undefined, key: string) => void,
): void {
  walkPlaces(root, data, (holder, segment, value, node, parent, key) => visit(pointerAt(holder, segment), value, node.schema, parent?.schema, key));
}

/** The pointer of a value from its holder's pointer (undefined for the root itself) and its own segment. */
function pointerAt(holder: string | undefined, segment: string): string {
  return holder === undefined ? '' : `${holder}/${segment}`;
}

/**
 * walkData with each value's place as its holder's pointer and its segment: the pointer is made for the values a
 * visitor keeps (and for every list and object, whose values need it), not for every string.
 */
function walkPlaces(
  root: JsonSchema,
  data: unknown,
  visit: (holder: string | undefined, segment: string, value: unknown, node: WalkNode, parent: WalkNode | undefined, key: string) => void,
): void {
  const step = (value: unknown, node: WalkNode, holder: string | undefined, segment: string, parent: WalkNode | undefined, key: string): void => {
    visit(holder, segment, value, node, parent, key);
    let items: WalkNode | null;
    let children: ReadonlyMap<string, { node: WalkNode; segment: string }> | null;
    if (Array.isArray(value) && (items = node.items) !== null) {
      const pointer = pointerAt(holder, segment);
      for (let i = 0; i < value.length; i++) {
        const index = String(i);
        step(value[i], items, pointer, index, node, index);
      }
    } else if (typeof value === 'object' && value !== null && (children = node.children) !== null) {
      const pointer = pointerAt(holder, segment);
      for (const k of Object.keys(value)) {
        const child = children.get(k);
        if (child) step((value as Record<string, unknown>)[k], child.node, pointer, child.segment, node, k);
      }
    }
  };
  step(data, walkNodeOf(root, resolveRef(root, root)), undefined, '', undefined, '');
}

/** The values the rules look for, found by one walk of the data; every list in document order. Read-only. */
export interface WalkIndex {
  /** Objects whose subschema lists required properties. */
  required: readonly Visit[];
  /** Lists. */
  arrays: readonly Visit[];
  /** Values by the x-render of their subschema. */
  rendered: ReadonlyMap<string, readonly Visit[]>;
}

/**
 * The walk of a document indexed by what the rules look for, so that each rule reads only its own values. Made
 * once per validation (src/model/read-memo.ts).
 */
export function walkIndex(root: JsonSchema, data: unknown): WalkIndex {
  return memoised(root, data, 'walk-index', () => {
    const index = { required: [] as Visit[], arrays: [] as Visit[], rendered: new Map<string, Visit[]>() };
    let order = 0;
    walkPlaces(root, data, (holder, segment, value, node, parent, key) => {
      const at = order++;
      const isArray = Array.isArray(value);
      const isRequired = !isArray && node.required && typeof value === 'object' && value !== null;
      const render = node.render;
      if (!isArray && !isRequired && render === undefined) return; // most values: kept in no list
      const visit = new Visit(holder, segment, value, node.schema, parent?.schema, key, at);
      if (isArray) index.arrays.push(visit);
      else if (isRequired) index.required.push(visit);
      if (render !== undefined) {
        const list = index.rendered.get(render);
        if (list === undefined) index.rendered.set(render, [visit]);
        else list.push(visit);
      }
    });
    return index;
  });
}

/** The values rendered in any of these ways, in document order. */
export function renderedVisits(index: WalkIndex, ...renders: string[]): Visit[] {
  return renders.flatMap((render) => index.rendered.get(render) ?? []).sort((a, b) => a.order - b.order);
}

/**
 * What the walk reads of a subschema, made once per subschema (the walk of every document): whether it lists
 * required properties, its x-render, and its items and properties resolved, with their pointer segments. The
 * walk then reads one kind of object, not the schemas' many shapes.
 */
class WalkNode {
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly render: string | undefined;
  private readonly root: JsonSchema;
  /** undefined until asked for; null when the subschema has none. */
  private itemsNode: WalkNode | null | undefined;
  private childTable: ReadonlyMap<string, { node: WalkNode; segment: string }> | null | undefined;

  constructor(root: JsonSchema, schema: JsonSchema) {
    this.root = root;
    this.schema = schema;
    this.required = schema.required !== undefined;
    this.render = schema['x-render'];
  }

  get items(): WalkNode | null {
    if (this.itemsNode === undefined) this.itemsNode = this.schema.items ? walkNodeOf(this.root, resolveRef(this.root, this.schema.items)) : null;
    return this.itemsNode;
  }

  get children(): ReadonlyMap<string, { node: WalkNode; segment: string }> | null {
    if (this.childTable === undefined) {
      const properties = this.schema.properties;
      this.childTable = properties
        ? new Map(Object.entries(properties).map(([k, child]) => [k, { node: walkNodeOf(this.root, resolveRef(this.root, child)), segment: escapeSegment(k) }]))
        : null;
    }
    return this.childTable;
  }
}

const walkNodes = new WeakMap<JsonSchema, WalkNode>();

function walkNodeOf(root: JsonSchema, schema: JsonSchema): WalkNode {
  let node = walkNodes.get(schema);
  if (node === undefined) walkNodes.set(schema, (node = new WalkNode(root, schema)));
  return node;
}
