/**
 * `pia import`: a published 評価書 (PDF or extracted text) → a YAML draft of the assessment, with a report of
 * what was recognised. A PDF made by pia carries its canonical JSON as an attachment: that is imported exactly.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { JsonSchema } from '../schema/registry.ts';
import { formSchemas, formTagOf, type FormSchema } from './forms.ts';
import { pointerSegments } from '../model/pointer.ts';
import { isObject } from '../model/access.ts';
import { formPlan } from './plan.ts';
import { parseStream, type Note, type SectionStat, type Unplaced } from './parse.ts';
import { buildStream, linesFromText, norm, type SourceLine } from './text.ts';
import type { PdfText } from './pdf-text.ts';

export type ImportSource = 'attachment' | 'pdf' | 'text';

export interface ImportResult {
  file: string;
  source: ImportSource;
  form: FormSchema;
  /** The 様式 tag printed on the cover, if any, and whether it is the schema's edition. */
  printedTag?: string;
  editionMatches?: boolean;
  data: Record<string, unknown>;
  notes: Note[];
  sections: SectionStat[];
  unknown: string[];
  unplaced: Unplaced[];
  /** The attachment's name and SHA-256 (attachment imports). */
  attachment?: { name: string; sha256: string; declared?: string };
  pages?: number;
}

export class ImportError extends Error {
  readonly kind: 'unknown-form' | 'bad-attachment';
  constructor(kind: 'unknown-form' | 'bad-attachment', message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Which form the text is: the cover's heading (the schema's title), the 様式 tag and the section titles. */
export function recogniseForm(lines: SourceLine[]): { form: FormSchema; printedTag?: string; editionMatches?: boolean } | undefined {
  const head = norm(lines.slice(0, 400).map((l) => l.text).join('\n'));
  const all = norm(lines.map((l) => l.text).join('\n'));
  let best: { form: FormSchema; score: number } | undefined;
  for (const form of formSchemas()) {
    const root = form.schema;
    let score = 0;
    if (root.title && head.includes(norm(root.title))) score += 10;
    const code = (root['x-form'] as { code?: string } | undefined)?.code;
    if (code && new RegExp(`${norm(code)}\\]`).test(head)) score += 3;
    for (const node of formPlan(root)) if (node.section && node.labels.some((l) => all.includes(l))) score += 1;
    if (!best || score > best.score) best = { form, score };
  }
  if (!best || best.score < 10) return undefined;
  const tagText = /\[\s*(?:令和|平成)[^\]\n]{1,20}様式\s*\d\s*\]/u.exec(lines.slice(0, 40).map((l) => l.text).join('\n'))?.[0];
  const expected = formTagOf(best.form.schema);
  return { form: best.form, printedTag: tagText, editionMatches: tagText && expected ? norm(tagText) === norm(expected) : undefined };
}

/** Parses already extracted lines by the recognised form. */
export function importLines(file: string, lines: SourceLine[], source: 'pdf' | 'text', leftMargin?: number): ImportResult {
  const recognised = recogniseForm(lines);
  if (!recognised) throw new ImportError('unknown-form', file);
  const { form } = recognised;
  const plan = formPlan(form.schema);
  const stream = buildStream(lines, leftMargin);
  const parsed = parseStream(form.schema, plan, stream, source === 'pdf');
  return { file, source, ...recognised, ...parsed };
}

/** Extracted text (a .txt file) → result. */
export function importText(file: string, text: string): ImportResult {
  return importLines(file, linesFromText(text), 'text');
}

/**
 * The attached canonical JSON of a pia PDF → result. The JSON must name a form of schemas/ ($schema is the
 * form's $id) and, when the PDF declares a SHA-256 (Keywords sha256:…), match it.
 */
export function importAttachment(file: string, attachment: { name: string; bytes: Uint8Array }, declared: string | undefined): ImportResult {
  const sha256 = createHash('sha256').update(attachment.bytes).digest('hex');
  if (declared && declared !== sha256) throw new ImportError('bad-attachment', `添付の SHA-256 (${sha256.slice(0, 12)}) が PDF に記された値 (${declared.slice(0, 12)}) と一致しません`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(attachment.bytes).toString('utf8'));
  } catch (error) {
    throw new ImportError('bad-attachment', `添付 ${attachment.name} は JSON として読めません(${(error as Error).message})`);
  }
  if (!isObject(json)) throw new ImportError('bad-attachment', `添付 ${attachment.name} は評価書の JSON ではありません`);
  const { $schema, ...data } = json;
  const form = formSchemas().find((f) => f.schema.$id === $schema || f.formName === data['様式']);
  if (!form) throw new ImportError('bad-attachment', `添付 ${attachment.name} の様式 (${String($schema ?? data['様式'])}) の定義が schemas/ にありません`);
  return {
    file,
    source: 'attachment',
    form,
    data,
    notes: [],
    sections: [],
    unknown: [],
    unplaced: [],
    attachment: { name: attachment.name, sha256, declared },
  };
}

/** The attachment that is a pia source: a .json file whose text names a form. */
export function piaAttachment(text: PdfText): { name: string; bytes: Uint8Array } | undefined {
  return text.attachments.find((a) => /\.json$/i.test(a.name));
}

export function importPdfText(file: string, text: PdfText): ImportResult {
  const result = importLines(file, text.lines, 'pdf', text.leftMargin);
  return { ...result, pages: text.pages };
}

// ---------------------------------------------------------------------------------------------------------
// Draft

/** The editor schema the draft names (schemas/editor/<form>.editor.schema.json), relative to the output file. */
export function schemaLine(form: FormSchema, outFile: string, projectRoot: string): string {
  const editor = path.join(projectRoot, 'schemas/editor', path.basename(form.file).replace(/\.schema\.json$/, '.editor.schema.json'));
  const relative = path.relative(path.dirname(path.resolve(outFile)), editor).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${relative}`;
}

function nodeAt(doc: Document, pointer: string): { node?: YamlNode; key?: YamlNode } {
  const segments = pointerSegments(pointer);
  let current: unknown = doc.contents;
  let key: YamlNode | undefined;
  for (const segment of segments) {
    if (isMap(current)) {
      const pair = current.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) return {};
      key = pair.key as YamlNode;
      current = pair.value;
    } else if (isSeq(current)) {
      current = current.items[Number(segment)];
      key = undefined;
    } else return {};
  }
  return { node: current as YamlNode, key };
}

/** YAML text of the draft: the $schema line, a header, the data, and a comment at each doubtful value. */
export function draftYaml(result: ImportResult, outFile: string, projectRoot: string): string {
  const doc = new Document(result.data);
  // Checkbox objects and lists of names in flow style, as the hand-written assessments have them.
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      if (node.items.some((p) => isScalar(p.key) && p.key.value === '選択')) node.flow = true;
      node.items.forEach((p) => visit(p.value));
    } else if (isSeq(node)) {
      if (node.items.length > 0 && node.items.every((i) => isScalar(i))) node.flow = true;
      node.items.forEach(visit);
    }
  };
  visit(doc.contents);
  const byPointer = new Map<string, string[]>();
  for (const n of result.notes) byPointer.set(n.pointer, [...(byPointer.get(n.pointer) ?? []), n.note]);
  for (const [pointer, notes] of byPointer) {
    let { node, key } = nodeAt(doc, pointer);
    let text = notes.join('。');
    if (!node && !key) {
      // The value is left out: the comment goes to the nearest item that is there.
      const segments = pointerSegments(pointer);
      while (segments.length > 0 && !node) {
        segments.pop();
        ({ node, key } = nodeAt(doc, `/${segments.join('/')}`));
      }
      text = `${pointer.split('/').pop()}: ${text}`;
    }
    const target = (isScalar(node) ? node : key) ?? node;
    if (!target) continue;
    if (isScalar(target) && target === node) target.comment = ` ${[target.comment?.trim(), text].filter(Boolean).join('。')}`;
    else target.commentBefore = [target.commentBefore, ` ${text}`].filter(Boolean).join('\n');
  }
  const header = [
    schemaLine(result.form, outFile, projectRoot),
    '#',
    `# pia import で ${path.basename(result.file)} から作った下書きです(${result.source === 'attachment' ? 'pia が作った PDF の添付(正規形 JSON)から、そのまま取り込みました' : '印字された文字から読み取りました。値はすべて原文のとおりで、書き足していません'})。`,
    ...(result.source === 'attachment' ? [] : ['# 読み取りに自信のない値には、その行にコメントがあります。ID は取り込みで付けた仮の名前です。', '# チェック欄: 原文で印が読めたものは true/false、読めないものは「不明」です。']),
    '',
  ];
  return `${header.join('\n')}${doc.toString({ lineWidth: 0 })}`;
}

/** JSON summary of a result (the --format json output), without the data. */
export function summary(result: ImportResult): Record<string, unknown> {
  const totals = result.sections.reduce((t, s) => ({ recognised: t.recognised + s.recognised, expected: t.expected + s.expected }), { recognised: 0, expected: 0 });
  return {
    file: result.file,
    source: result.source,
    form: result.form.formName,
    edition: (result.form.schema['x-form'] as { edition?: string } | undefined)?.edition,
    ...(result.printedTag ? { printedTag: result.printedTag, editionMatches: result.editionMatches } : {}),
    ...(result.pages ? { pages: result.pages } : {}),
    ...(result.attachment ? { attachment: result.attachment } : {}),
    recognised: totals.recognised,
    expected: totals.expected,
    sections: result.sections,
    unknown: result.unknown,
    unplaced: result.unplaced,
    notes: result.notes,
  };
}

export type { JsonSchema };
