/**
 * Tagged PDF from pdfmake: a replacement for pdfmake's Renderer.renderPages that wraps every drawn item in
 * marked content, using PDFKit's own structure API (markStructureContent, struct, addStructure).
 *
 * - A text inline stamped by structure.ts (`_tag`) goes into marked content of its structure element; a line
 *   drawn again (a header row pdfmake repeats on a new page shares the inlines of the first drawing) is a
 *   Pagination artifact, and so is the page footer. Borders and cell fills are Layout artifacts.
 * - Consecutive inlines of one element share one marked-content sequence; every sequence is closed before a
 *   graphics-state save/restore (clip, vertical alignment) and at the end of each page.
 * - After the last page the tree is built in logical order, leaving out elements that drew nothing, and
 *   attached to the StructTreeRoot. Object numbers follow the order of creation, so bytes stay deterministic.
 * Documents without `tagged: true` go through pdfmake's own renderPages unchanged.
 */
import { ArtifactMark, StructElement } from './structure.ts';

/** The parts of PDFKit's document and structure API this module uses. */
interface StructContent {
  readonly refs: unknown[];
}
interface PdfStruct {
  add(child: PdfStruct | StructContent): PdfStruct;
  dictionary: { data: Record<string, unknown> };
}
interface PdfKitDocument {
  options: { tagged?: boolean; lang?: string };
  page: { markings: { tag: string; options?: unknown }[] };
  addPage(options: { size: [number, number] }): void;
  addContent(data: string): void;
  markStructureContent(tag: string): StructContent;
  endMarkedContent(): void;
  struct(type: string, options?: Record<string, unknown>): PdfStruct;
  addStructure(element: PdfStruct): void;
  text(...args: unknown[]): unknown;
  _pdfMakePages?: unknown;
}
interface Inline {
  _tag?: StructElement | ArtifactMark;
}
interface Line {
  inlines: Inline[];
  x?: number;
  y?: number;
}
interface PageItem {
  type: string;
  item: unknown;
}
interface Page {
  items: PageItem[];
  pageSize: { width: number; height: number };
}
interface PdfmakeRenderer {
  pdfDocument: PdfKitDocument;
  renderLine(line: Line, x?: number, y?: number): void;
  renderVector(vector: unknown): void;
  renderImage(image: unknown): void;
  renderSVG(svg: unknown): void;
  renderAttachment(attachment: unknown): void;
  beginClip(rect: unknown): void;
  endClip(): void;
  beginVerticalAlignment(item: unknown): void;
  endVerticalAlignment(item: unknown): void;
}

const layout = new ArtifactMark('Layout');
const repeated = new ArtifactMark('Pagination');

/** The marked-content state of the page being drawn. */
class Marker {
  private open: StructElement | ArtifactMark | undefined;
  /** Marked content drawn per structure element, in drawing order. */
  readonly contents = new Map<StructElement, StructContent[]>();
  root: StructElement | undefined;
  private readonly doc: PdfKitDocument;

  constructor(doc: PdfKitDocument) {
    this.doc = doc;
  }

  mark(target: StructElement | ArtifactMark): void {
    if (this.open === target) return;
    this.close();
    if (target instanceof ArtifactMark) {
      const properties = `/Type /${target.type}${target.subtype ? ` /Subtype /${target.subtype}` : ''}`;
      this.doc.page.markings.push({ tag: 'Artifact', options: {} });
      this.doc.addContent(`/Artifact <<${properties}>> BDC`);
    } else {
      this.root ??= target.root ?? target;
      const content = this.doc.markStructureContent(target.type);
      const list = this.contents.get(target);
      if (list) list.push(content);
      else this.contents.set(target, [content]);
    }
    this.open = target;
  }

  close(): void {
    if (this.open === undefined) return;
    this.doc.endMarkedContent();
    this.open = undefined;
  }

  /** Builds the PDFKit elements of the tree, depth first in logical order; undefined if nothing was drawn. */
  build(element: StructElement): PdfStruct | undefined {
    const children = element.children.map((child) => this.build(child)).filter((c): c is PdfStruct => c !== undefined);
    const contents = this.contents.get(element) ?? [];
    if (children.length === 0 && contents.length === 0) return undefined;
    const { scope, colSpan } = element.attributes;
    const struct = this.doc.struct(element.type, scope ? { scope } : {});
    if (colSpan) struct.dictionary.data.A = { ...((struct.dictionary.data.A as object | undefined) ?? { O: 'Table' }), ColSpan: colSpan };
    for (const child of children) struct.add(child);
    for (const content of contents) struct.add(content);
    return struct;
  }
}

function renderTaggedPages(renderer: PdfmakeRenderer, pages: Page[]): void {
  const doc = renderer.pdfDocument;
  doc._pdfMakePages = pages;
  const marker = new Marker(doc);
  const drawn = new Set<Inline[]>();
  // pdfmake's renderLine draws each inline with one doc.text call, in order: mark each one before it is drawn.
  let inlines: Inline[] = [];
  let next = 0;
  let repeat = false;
  const markOf = (inline: Inline | undefined): StructElement | ArtifactMark => {
    const mark = inline?._tag;
    if (mark instanceof StructElement) return repeat ? repeated : mark;
    // Unstamped text (or a mark pdfmake copied through JSON, now a string) is page furniture.
    return mark instanceof ArtifactMark ? mark : layout;
  };
  const text = doc.text;
  doc.text = function (this: PdfKitDocument, ...args: unknown[]) {
    marker.mark(markOf(inlines[next++]));
    return text.apply(this, args);
  };
  try {
    for (const page of pages) {
      doc.addPage({ size: [page.pageSize.width, page.pageSize.height] });
      for (const { type, item } of page.items) {
        switch (type) {
          case 'line': {
            const line = item as Line;
            inlines = line.inlines;
            next = 0;
            repeat = drawn.has(inlines);
            drawn.add(inlines);
            // renderLine sets the fill colour (an empty `f`) before each inline: open the first mark before it.
            marker.mark(markOf(inlines[0]));
            renderer.renderLine(line, line.x, line.y);
            break;
          }
          case 'vector':
            marker.mark(layout);
            renderer.renderVector(item);
            break;
          case 'image':
            marker.mark(layout);
            renderer.renderImage(item);
            break;
          case 'svg':
            marker.mark(layout);
            renderer.renderSVG(item);
            break;
          case 'attachment':
            marker.close();
            renderer.renderAttachment(item);
            break;
          case 'beginClip':
            marker.close();
            renderer.beginClip(item);
            break;
          case 'endClip':
            marker.close();
            renderer.endClip();
            break;
          case 'beginVerticalAlignment':
            marker.close();
            renderer.beginVerticalAlignment(item);
            break;
          case 'endVerticalAlignment':
            marker.close();
            renderer.endVerticalAlignment(item);
            break;
        }
      }
      marker.close();
    }
  } finally {
    doc.text = text;
  }
  if (marker.root) {
    const root = marker.build(marker.root);
    if (root) doc.addStructure(root);
  }
}

/**
 * Installs the tagged renderPages on pdfmake's Renderer class (once per process). Images and SVG are drawn as
 * artifacts: this project's PDFs have none, and a figure would need alternative text from the source.
 */
export function installTaggedRenderer(
  Renderer: { prototype: { renderPages(pages: unknown[]): void } },
  hooks: { onDocument?: (doc: PdfKitDocument & Record<string, unknown>) => void } = {},
): void {
  const proto = Renderer.prototype as { renderPages(this: PdfmakeRenderer, pages: Page[]): void; __piaTagged?: boolean };
  if (proto.__piaTagged) return;
  const original = proto.renderPages;
  proto.renderPages = function (this: PdfmakeRenderer, pages: Page[]) {
    if (!this.pdfDocument.options.tagged) return original.call(this, pages);
    renderTaggedPages(this, pages);
    hooks.onDocument?.(this.pdfDocument as PdfKitDocument & Record<string, unknown>);
  };
  proto.__piaTagged = true;
}
