/**
 * The editor's save path: the officer's edited data written back into the original YAML text by splicing, as
 * `pia diff --write` inserts its rows (src/diff/write.ts). The yaml Document API locates each changed value; only
 * that value's bytes are replaced (a key or list entry added or removed takes its own lines), so comments,
 * quoting, flow maps `{ 選択: 不明 }` and every untouched line stay byte for byte. Repeated blocks are matched by
 * `ID`: added, removed and reordered entries move as whole lines. The result is read back and must equal the
 * edited data, or nothing is returned (SpliceError).
 */
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export class SpliceError extends Error {}

type Path = (string | number)[];
type Json = unknown;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

type Op =
  | { kind: 'replace'; path: Path; value: Json }
  | { kind: 'remove-key'; map: YAMLMap; key: string; path: Path }
  | { kind: 'add-key'; map: YAMLMap; key: string; value: Json; after?: string; path: Path }
  | { kind: 'remove-item'; seq: YAMLSeq; index: number; path: Path }
  | { kind: 'insert-item'; seq: YAMLSeq; index: number; value: Json; path: Path }
  | { kind: 'move-item'; seq: YAMLSeq; from: number; to: number; path: Path };

const idOf = (v: unknown) => (isPlainObject(v) && typeof v['ID'] === 'string' ? v['ID'] : undefined);

function byIds(a: unknown[], b: unknown[]): boolean {
  const ids = [...a, ...b].map(idOf);
  if (ids.some((id) => id === undefined)) return false;
  return new Set(a.map(idOf)).size === a.length && new Set(b.map(idOf)).size === b.length;
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node | null> | undefined;
}

/** The first difference between the document and the target, as one text operation (document order). */
function nextOp(node: Node | null | undefined, current: Json, target: Json, path: Path): Op | undefined {
  if (deepEqual(current, target)) return undefined;
  if (isPlainObject(current) && isPlainObject(target) && isMap(node)) {
    for (const key of Object.keys(current)) {
      if (Object.hasOwn(target, key)) continue;
      // The last key of a block map goes with its value: the map becomes {} (not null).
      if (Object.keys(current).length === 1 && !node.flow) return { kind: 'replace', path, value: target };
      return { kind: 'remove-key', map: node, key, path };
    }
    const keys = Object.keys(target);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!Object.hasOwn(current, key)) {
        const after = keys.slice(0, i).reverse().find((k) => Object.hasOwn(current, k));
        return { kind: 'add-key', map: node, key, value: target[key], after, path };
      }
      const op = nextOp(pairOf(node, key)?.value, current[key], target[key], [...path, key]);
      if (op) return op;
    }
    return undefined;
  }
  if (Array.isArray(current) && Array.isArray(target) && isSeq(node) && current.length > 0) {
    if (byIds(current, target)) {
      const wanted = new Set(target.map(idOf));
      const gone = current.findIndex((v) => !wanted.has(idOf(v)));
      if (gone >= 0) return current.length === 1 && !node.flow ? { kind: 'replace', path, value: target } : { kind: 'remove-item', seq: node, index: gone, path };
      for (let i = 0; i < target.length; i++) {
        const id = idOf(target[i]);
        const at = current.findIndex((v) => idOf(v) === id);
        if (at < 0) return { kind: 'insert-item', seq: node, index: i, value: target[i], path };
        if (at !== i) return { kind: 'move-item', seq: node, from: at, to: i, path };
        const op = nextOp(node.items[i] as Node, current[i], target[i], [...path, i]);
        if (op) return op;
      }
      return undefined;
    }
    const common = Math.min(current.length, target.length);
    for (let i = 0; i < common; i++) {
      const op = nextOp(node.items[i] as Node, current[i], target[i], [...path, i]);
      if (op) return op;
    }
    if (target.length === 0) return { kind: 'replace', path, value: target };
    if (current.length > target.length) return { kind: 'remove-item', seq: node, index: current.length - 1, path };
    return { kind: 'insert-item', seq: node, index: current.length, value: target[current.length], path };
  }
  return { kind: 'replace', path, value: target };
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const columnOf = (text: string, at: number) => at - lineStart(text, at);
/** The index after the end of the line holding `at - 1` (its newline included). */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', Math.max(at - 1, 0));
  return nl < 0 ? text.length : nl + 1;
}
/** The last non-blank character of a node's source, +1 (block collections' ranges run on past their newline). */
function contentEnd(text: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1]!)) end--;
  return end;
}

const reserved = /^(?:true|false|null|~|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.inf|\.nan|0x[\da-f]+|0o[0-7]+))$/i;

/** A scalar as it may stand inside { } or [ ]: plain when that reads back the same, else double-quoted. */
function flowScalar(value: Json): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  if (value !== '' && !reserved.test(value) && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|[,[\]{}]|: |\s#|\s$|[\n\t\\]|^\s/.test(value)) return value;
  return JSON.stringify(value);
}

function flowValue(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(flowValue).join(', ')}]`;
  if (isPlainObject(value)) return `{ ${Object.entries(value).map(([k, v]) => `${flowScalar(k)}: ${flowValue(v)}`).join(', ')} }`;
  return flowScalar(value);
}

/** A scalar in block context after "key: " or "- ": plain or quoted by yaml, a literal block for several lines. */
function blockScalar(value: Json, indent: string): string {
  if (typeof value === 'string' && value.includes('\n') && !/^[ \t]/.test(value) && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value) && !/\n[ \t]*$/.test(value.replace(/\n+$/, '')) ) {
    const trailing = /\n+$/.exec(value)?.[0].length ?? 0;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const body = value.replace(/\n+$/, '');
    return `|${chomp}\n${body.split('\n').map((l) => (l === '' ? '' : indent + l)).join('\n')}${'\n'.repeat(Math.max(trailing - 1, 0))}`;
  }
  if (typeof value === 'string' && value.includes('\n')) return JSON.stringify(value);
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** A collection in block context, each line indented: starts with a newline (it follows "key:"). */
function blockCollection(value: Json, indent: string): string {
  const text = new Document(value).toString({ lineWidth: 0 }).replace(/\n$/, '');
  return '\n' + text.split('\n').map((l) => (l === '' ? '' : indent + l)).join('\n');
}

const isCollection = (v: Json) => (Array.isArray(v) && v.length > 0) || (isPlainObject(v) && Object.keys(v).length > 0);

/** The text after "key:" for a value, the key's column given (a collection goes on the next lines). */
function afterColon(value: Json, keyColumn: number): string {
  const indent = ' '.repeat(keyColumn + 2);
  if (isCollection(value)) return blockCollection(value, indent);
  if (Array.isArray(value)) return ' []';
  if (isPlainObject(value)) return ' {}';
  return ' ' + blockScalar(value, indent);
}

function nodeAt(doc: Document.Parsed, path: Path): { parent: Node; pair?: Pair<Node, Node | null>; item?: Node } {
  let node: Node | null | undefined = doc.contents;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    node = isMap(node) ? pairOf(node, String(seg))?.value : isSeq(node) ? (node.items[Number(seg)] as Node) : undefined;
  }
  const last = path.at(-1)!;
  if (isMap(node)) return { parent: node, pair: pairOf(node, String(last)) };
  if (isSeq(node)) return { parent: node, item: node.items[Number(last)] as Node };
  throw new SpliceError(`no collection at ${path.join('/')}`);
}

function apply(text: string, doc: Document.Parsed, op: Op): string {
  switch (op.kind) {
    case 'replace': {
      if (op.path.length === 0) throw new SpliceError('the whole document cannot be replaced');
      const { parent, pair, item } = nodeAt(doc, op.path);
      const flow = (parent as YAMLMap | YAMLSeq).flow;
      if (pair) {
        const key = pair.key as Node;
        const value = pair.value as Node | null;
        const colon = text.indexOf(':', key.range![1]);
        if (flow) {
          const [from, to] = value?.range && value.range[1] > value.range[0] ? [value.range[0], value.range[1]] : [colon + 1, colon + 1];
          return text.slice(0, from) + (from === colon + 1 ? ' ' : '') + flowValue(op.value) + text.slice(to);
        }
        const column = columnOf(text, key.range![0]);
        if (value?.range && value.range[1] > value.range[0]) {
          const blockish = isMap(value) || isSeq(value) ? !(value as YAMLMap).flow : false;
          const literal = isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED');
          if (!blockish && !literal && !isCollection(op.value)) {
            const end = value.range[1];
            return text.slice(0, value.range[0]) + afterColon(op.value, column).slice(1) + text.slice(end);
          }
          const end = blockish ? contentEnd(text, value) : literalEnd(text, value);
          return text.slice(0, colon + 1) + afterColon(op.value, column) + text.slice(end);
        }
        // `key:` with nothing after it (a trailing comment stays after the new value).
        const rest = text.slice(colon + 1).replace(/^[ \t]*/, '');
        return text.slice(0, colon + 1) + afterColon(op.value, column) + (rest.startsWith('#') ? ' ' : '') + rest;
      }
      if (item?.range) {
        if (flow) return text.slice(0, item.range[0]) + flowValue(op.value) + text.slice(item.range[1]);
        if (isCollection(op.value) || isMap(item) || isSeq(item)) {
          // A whole block entry: its lines are rewritten.
          const start = lineStart(text, item.range[0]);
          const dash = text.indexOf('-', start);
          const indent = text.slice(start, dash);
          const rendered = new Document([op.value]).toString({ lineWidth: 0 }).split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').map((l) => (l === '' ? '' : indent + l)).join('\n') + '\n';
          return text.slice(0, start) + rendered + text.slice(lineEnd(text, contentEnd(text, item)));
        }
        const column = columnOf(text, item.range[0]) - 2;
        return text.slice(0, item.range[0]) + afterColon(op.value, column).slice(1) + text.slice(isScalar(item) && (item.type === 'BLOCK_LITERAL' || item.type === 'BLOCK_FOLDED') ? literalEnd(text, item) : item.range[1]);
      }
      throw new SpliceError(`nothing to replace at ${op.path.join('/')}`);
    }
    case 'remove-key': {
      const pair = pairOf(op.map, op.key)!;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const end = value?.range ? Math.max(contentEnd(text, value), key.range![1]) : key.range![1];
      if (op.map.flow) return removeFlowEntry(text, key.range![0], end);
      return text.slice(0, lineStart(text, key.range![0])) + text.slice(lineEnd(text, end));
    }
    case 'add-key': {
      const keyText = flowScalar(op.key);
      if (op.map.flow) {
        const close = text.lastIndexOf('}', op.map.range![1]);
        const before = text.slice(0, close).trimEnd();
        const sep = before.endsWith('{') ? ' ' : ', ';
        return `${before}${sep}${keyText}: ${flowValue(op.value)} ${text.slice(close)}`;
      }
      const anchor = op.after !== undefined ? pairOf(op.map, op.after) : undefined;
      const first = op.map.items[0]!;
      const column = columnOf(text, (first.key as Node).range![0]);
      const line = `${' '.repeat(column)}${keyText}:${afterColon(op.value, column)}\n`;
      if (!anchor) {
        const at = lineStart(text, (first.key as Node).range![0]);
        return text.slice(0, at) + line + text.slice(at);
      }
      const value = anchor.value as Node | null;
      const end = value?.range ? Math.max(isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') ? literalEnd(text, value) : contentEnd(text, value), (anchor.key as Node).range![1]) : (anchor.key as Node).range![1];
      const at = lineEnd(text, end);
      return text.slice(0, at) + (at === text.length && !text.endsWith('\n') ? '\n' : '') + line + text.slice(at);
    }
    case 'remove-item': {
      const item = op.seq.items[op.index] as Node;
      if (op.seq.flow) return removeFlowEntry(text, item.range![0], item.range![1]);
      return text.slice(0, lineStart(text, item.range![0])) + text.slice(lineEnd(text, contentEnd(text, item)));
    }
    case 'insert-item': {
      if (op.seq.flow) {
        const close = text.lastIndexOf(']', op.seq.range![1]);
        if (op.index >= op.seq.items.length) {
          const before = text.slice(0, close).trimEnd();
          return `${before}${before.endsWith('[') ? '' : ', '}${flowValue(op.value)}${text.slice(close)}`;
        }
        const at = (op.seq.items[op.index] as Node).range![0];
        return `${text.slice(0, at)}${flowValue(op.value)}, ${text.slice(at)}`;
      }
      const first = op.seq.items[0] as Node;
      const start = lineStart(text, first.range![0]);
      const indent = text.slice(start, text.indexOf('-', start));
      const rendered = new Document([op.value]).toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : indent + l)).join('\n') + '\n';
      if (op.index < op.seq.items.length) {
        const at = lineStart(text, (op.seq.items[op.index] as Node).range![0]);
        return text.slice(0, at) + rendered + text.slice(at);
      }
      const at = lineEnd(text, contentEnd(text, op.seq.items.at(-1) as Node));
      return text.slice(0, at) + (at === text.length && !text.endsWith('\n') ? '\n' : '') + rendered + text.slice(at);
    }
    case 'move-item': {
      if (op.seq.flow) {
        const values = (doc.getIn(op.path) as YAMLSeq).toJSON() as unknown[];
        const [moved] = values.splice(op.from, 1);
        values.splice(op.to, 0, moved);
        return apply(text, doc, { kind: 'replace', path: op.path, value: values });
      }
      const item = op.seq.items[op.from] as Node;
      const from = lineStart(text, item.range![0]);
      const to = lineEnd(text, contentEnd(text, item));
      let block = text.slice(from, to);
      if (!block.endsWith('\n')) block += '\n';
      const without = text.slice(0, from) + text.slice(to);
      // Where the entry goes, in the text without it: before the entry now at `to` (after the removal).
      const targetNode = op.seq.items[op.to >= op.from ? op.to + 1 : op.to] as Node | undefined;
      let at: number;
      if (targetNode) {
        at = lineStart(text, targetNode.range![0]);
        if (at > from) at -= to - from;
      } else {
        const lastNode = op.seq.items.at(-1) as Node;
        at = lineEnd(text, contentEnd(text, lastNode)) - (to - from);
      }
      return without.slice(0, at) + block + without.slice(at);
    }
  }
}

/** A literal block scalar's last content character +1 (its range includes the trailing newline and blank lines). */
function literalEnd(text: string, node: Node): number {
  return contentEnd(text, node);
}

/** Removes `a, ` / `, a` from a flow collection. */
function removeFlowEntry(text: string, from: number, to: number): string {
  const after = /^\s*,\s*/.exec(text.slice(to));
  if (after) return text.slice(0, from) + text.slice(to + after[0].length);
  const before = /,\s*$/.exec(text.slice(0, from));
  if (before) return text.slice(0, from - before[0].length) + text.slice(to);
  return text.slice(0, from) + text.slice(to);
}

const parse = (text: string) => parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });

/** The last few texts parsed: the opened text is parsed once, not on every keystroke (the ops never mutate it). */
const recent = new Map<string, { doc: Document.Parsed; data: Json }>();
function parsed(text: string): { doc: Document.Parsed; data: Json } {
  const hit = recent.get(text);
  if (hit) return hit;
  const doc = parse(text);
  if (doc.errors.length > 0) throw new SpliceError(`the text does not parse: ${doc.errors[0]!.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new SpliceError('the document is not a mapping');
  const entry = { doc, data: doc.toJS({ maxAliasCount: 100 }) as Json };
  recent.set(text, entry);
  while (recent.size > 4) recent.delete(recent.keys().next().value!);
  return entry;
}

/**
 * The text with its data replaced by `target`, touching only what differs. Throws SpliceError when the text is
 * not a YAML mapping, or the spliced text would not read back as `target`.
 */
export function applyData(text: string, target: Record<string, unknown>, maxOps = 2000): string {
  let current = text;
  for (let i = 0; i < maxOps; i++) {
    const { doc, data } = parsed(current);
    const op = nextOp(doc.contents, data, target, []);
    if (!op) return current;
    const next = apply(current, doc, op);
    if (next === current) throw new SpliceError(`no progress at ${op.path.join('/')}`);
    current = next;
  }
  throw new SpliceError('too many changes at once');
}
