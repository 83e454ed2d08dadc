/**
 * The logical structure of the tagged PDF, derived from the pdfmake document definition (pure).
 *
 * pdfmake lays text out but emits no structure elements. This pass walks the content once, builds the
 * structure tree (Document › Sect › H1–H6, P, Table › TR › TH/TD, L › LI › LBody) and stamps each text run
 * with its element (`_tag`). pdfmake copies unknown properties of a text run onto every inline it makes from
 * it, so after layout each drawn inline still names its element; the renderer hook (tagging.ts) wraps it in
 * marked content of that element. Nothing here depends on pdfkit.
 *
 * Hints on nodes (all optional):
 * - `tag`: the element of a text node (default P; 'L' for a list drawn as one paragraph, whose runs name their
 *   item with `listItem`), of a stack ('Sect', 'L', 'Div'), of a table ('L' = a grid of list items) or of a
 *   table cell ('TH', 'TD', or 'H1'–'H6' for a heading row drawn as a table row).
 * - `scope` on a TH cell: 'Row' or 'Column' (default: Column in header rows, Row elsewhere).
 * Each table is one Table element; a heading row inside it ends the Table and a new one follows the heading.
 * A table cell holding a table tagged 'Flatten' contributes that table's rows to the enclosing table.
 */
import type { Node } from './doc-definition.ts';

export interface StructAttributes {
  scope?: 'Row' | 'Column' | 'Both';
  colSpan?: number;
}

/** One structure element. Serialised (in the docDefinition golden) as its type only. */
export class StructElement {
  readonly children: StructElement[] = [];
  readonly type: string;
  /** The Document element (null for the Document itself). */
  readonly root: StructElement | null;
  readonly attributes: StructAttributes;

  constructor(type: string, root: StructElement | null, attributes: StructAttributes = {}) {
    this.type = type;
    this.root = root;
    this.attributes = attributes;
  }

  add(type: string, attributes: StructAttributes = {}): StructElement {
    const child = new StructElement(type, this.root ?? this, attributes);
    this.children.push(child);
    return child;
  }

  toJSON(): string {
    return this.type;
  }
}

/** Content that is not part of the logical structure: page furniture, repeated header rows, borders. */
export class ArtifactMark {
  readonly type: 'Pagination' | 'Layout';
  readonly subtype?: 'Header' | 'Footer';

  constructor(type: 'Pagination' | 'Layout', subtype?: 'Header' | 'Footer') {
    this.type = type;
    this.subtype = subtype;
  }

  toJSON(): string {
    return `Artifact/${this.type}${this.subtype ? `/${this.subtype}` : ''}`;
  }
}

export const footerArtifact = new ArtifactMark('Pagination', 'Footer');
export const headerArtifact = new ArtifactMark('Pagination', 'Header');

const headingPattern = /^H[1-6]$/;

/** Stamps every run of a text node with its mark; string runs become objects so pdfmake copies the mark. */
export function stamp(node: Node, mark: StructElement | ArtifactMark): void {
  const runs = node.text;
  if (typeof runs === 'string' || typeof runs === 'number') {
    node.text = [{ text: String(runs), _tag: mark }];
  } else if (Array.isArray(runs)) {
    node.text = runs.map((run): Node => {
      if (typeof run === 'string') return { text: run, _tag: mark };
      const copy: Node = { ...(run as Node), _tag: mark };
      if (Array.isArray(copy.text)) stamp(copy, mark);
      return copy;
    });
  }
}

interface Container {
  element: StructElement;
  /** The Table that consecutive tables of this container append rows to. */
  table?: StructElement;
}

class Tagger {
  private lastHeading = 0;

  private heading(requested: string): string {
    // Levels never skip (PDF/UA): a level deeper than the last heading + 1 is raised to it.
    const level = Math.min(Number(requested.slice(1)), this.lastHeading + 1);
    this.lastHeading = level;
    return `H${level}`;
  }

  visit(node: unknown, into: Container): void {
    if (Array.isArray(node)) {
      for (const child of node) this.visit(child, into);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    if (n.table) return this.table(n, into);
    if (Array.isArray(n.stack)) return this.stack(n, into);
    if (Array.isArray(n.columns)) {
      for (const column of n.columns) this.visit(column, into);
      return;
    }
    if ('text' in n) this.text(n, into);
  }

  private text(node: Node, into: Container): void {
    into.table = undefined;
    if (node.tag === 'L' && Array.isArray(node.text)) return this.flowingList(node, into);
    const requested = typeof node.tag === 'string' ? node.tag : 'P';
    const type = headingPattern.test(requested) ? this.heading(requested) : requested;
    stamp(node, into.element.add(type));
  }

  /** A list drawn as one paragraph (checkboxes side by side): runs with the same `listItem` form one LI. */
  private flowingList(node: Node, into: Container): void {
    const list = into.element.add('L');
    const items = new Map<unknown, StructElement>();
    node.text = (node.text as Node[]).map((run) => {
      const key = run.listItem;
      if (!items.has(key)) items.set(key, list.add('LI').add('LBody'));
      return { ...run, _tag: items.get(key)! };
    });
  }

  private stack(node: Node, into: Container): void {
    const children = node.stack as unknown[];
    if (node.tag === 'L') {
      into.table = undefined;
      const list = into.element.add('L');
      for (const child of children) this.listItem(child, list);
      return;
    }
    if (typeof node.tag === 'string') {
      into.table = undefined;
      const inner: Container = { element: into.element.add(node.tag) };
      for (const child of children) this.visit(child, inner);
      return;
    }
    // A plain stack groups for layout only.
    for (const child of children) this.visit(child, into);
  }

  private listItem(child: unknown, list: StructElement): void {
    if (typeof child !== 'object' || child === null || isFiller(child as Node)) return;
    const body = list.add('LI').add('LBody');
    const node = child as Node;
    if ('text' in node && !node.table && !node.stack) stamp(node, body);
    else this.visit(node, { element: body });
  }

  private table(node: Node, into: Container): void {
    const table = node.table as { body: Node[][]; headerRows?: number };
    if (node.tag === 'L') {
      into.table = undefined;
      const list = into.element.add('L');
      for (const row of table.body) for (const cell of row) this.listItem(cell, list);
      return;
    }
    const headerRows = table.headerRows ?? 0;
    into.table = undefined;
    table.body.forEach((row, r) => {
      const first = row[0];
      if (first?.tag === 'Flatten' && first.table) {
        // An inner table drawn as rows of this one: its rows are rows of the same Table.
        for (const inner of (first.table as { body: Node[][] }).body) this.row(inner, false, into);
        return;
      }
      this.row(row, r < headerRows, into);
    });
  }

  private row(row: Node[], header: boolean, into: Container): void {
    const first = row[0];
    if (first && typeof first.tag === 'string' && headingPattern.test(first.tag)) {
      // A heading drawn as a table row is a heading of the flow, between tables.
      this.text(first, into);
      return;
    }
    into.table ??= into.element.add('Table');
    const tr = into.table.add('TR');
    for (const cell of row) {
      if (isFiller(cell)) continue;
      const type = cell.tag === 'TH' || cell.tag === 'TD' ? cell.tag : header ? 'TH' : 'TD';
      const attributes: StructAttributes = {};
      if (type === 'TH') attributes.scope = (cell.scope as StructAttributes['scope']) ?? (header ? 'Column' : 'Row');
      if (typeof cell.colSpan === 'number' && cell.colSpan > 1) attributes.colSpan = cell.colSpan;
      const element = tr.add(type, attributes);
      if ('text' in cell && !cell.table && !cell.stack && cell.tag !== 'L') stamp(cell, element);
      else this.visit(cell, { element });
    }
  }
}

/** The empty objects pdfmake needs after a colSpan/rowSpan cell. */
function isFiller(node: Node): boolean {
  return Object.keys(node).length === 0;
}

/** Builds the structure tree of the content and stamps every text run with its element. Mutates `content`. */
export function tagContent(content: Node[]): StructElement {
  const root = new StructElement('Document', null);
  new Tagger().visit(content, { element: root });
  return root;
}
