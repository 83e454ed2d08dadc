/**
 * file → { data, locate }: reads an assessment (or any project YAML), refuses bad input with located,
 * Japanese diagnostics, and keeps the parser's node ranges so any JSON Pointer maps back to line:col.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../report/diagnostic.ts';
import { segmentsOf } from '../report/diagnostic.ts';
import { anyVerified, fastLoad, fastScan, isVerified, type FastLoaded, type ScanNode } from './fast-load.ts';
import { textSha256 } from './load-cache.ts';
import { yamlSlips } from './yaml-slips.ts';
import { t } from '../report/i18n.ts';

export { clearLoadCache, loadCacheStats, loadFileCached, loadTextCached, textSha256 } from './load-cache.ts';

/** Larger than any real 評価書 (the biggest 全項目評価書 are a few hundred KB); protects memory and time. */
export const maxFileBytes = 5 * 1024 * 1024;
/** YAML aliases are not needed in an assessment; a handful is tolerated, a bomb is refused. */
export const maxAliasCount = 100;

export interface Location {
  line: number;
  col: number;
}

export interface LoadedDocument {
  file: string;
  text: string;
  doc: Document.Parsed;
  data: unknown;
  /** True when read by the fast path (js-yaml data, line-scan positions): the text is then known to be in its subset. */
  fast?: boolean;
  /** line:col of the value at the pointer (or of its key with `key: true`); falls back to the nearest ancestor. */
  locate(pointer: string, options?: { key?: boolean }): Location;
}

export type LoadResult = { ok: true; loaded: LoadedDocument } | { ok: false; diagnostics: Diagnostic[] };

function fatal(file: string, rule: string, message: string, hint: string, at: Location = { line: 1, col: 1 }): { ok: false; diagnostics: Diagnostic[] } {
  return { ok: false, diagnostics: [{ rule, severity: 'error', file, ...at, path: '', message, hint }] };
}

/** Shift_JIS lead byte followed by a valid trail byte, the common shape of Japanese text saved by Excel. */
function looksLikeShiftJis(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i]!;
    const trail = bytes[i + 1]!;
    if (((lead >= 0x81 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xfc)) && trail >= 0x40 && trail <= 0xfc && trail !== 0x7f) {
      pairs++;
      i++;
    }
  }
  return pairs >= 2;
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads a project file as bytes, refusing what is not a regular file before reading it: a FIFO or a socket would
 * block every command, a device such as /dev/zero never ends. The file is opened non-blocking (a FIFO without a
 * writer does not hang the open), checked on the open descriptor (no race between the check and the read), and
 * read up to the size limit only, so a file that grows while it is read cannot exhaust memory.
 */
export function readProjectFile(file: string, limit = maxFileBytes): ReadResult {
  const refuse = (rule: string, message: string, hint: string): ReadResult => fatal(file, rule, message, hint);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('load-not-found', 'ファイルが見つかりません。', 'パスの綴りを確認してください。');
    if (code === 'EACCES' || code === 'EPERM') return refuse('load-not-readable', 'ファイルを読む権限がありません。', 'ファイルの権限(ls -l)を確認し、読めるようにしてから実行してください(chmod u+r)。');
    if (code === 'ELOOP') return refuse('load-not-a-file', 'シンボリックリンクが循環しています。', 'リンクの先を確認してください。');
    if (code === 'ENXIO') return refuse('load-special-file', '通常のファイルではありません(名前付きパイプ・ソケット・デバイス)。', '評価書の YAML ファイルを指定してください。');
    return refuse('load-not-readable', `ファイルを開けません(${code ?? String(error)})。`, 'ファイルの権限と種類を確認してください。');
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return refuse('load-not-a-file', 'フォルダが指定されました。評価書の YAML ファイルを指定してください。', 'フォルダを指定するときは、その中の *.yaml をまとめて検証します(npx pia validate assessments/)。');
    if (!stat.isFile()) return refuse('load-special-file', '通常のファイルではありません(名前付きパイプ・ソケット・デバイス)。', '評価書の YAML ファイルを指定してください。読み込むと終わらないか、メモリを使い尽くすおそれがあるため読みません。');
    if (stat.size > limit) return refuse('load-too-large', tooLarge(stat.size, limit), '1つの評価書がこの大きさになることはありません。別のファイルを指定していないか確認してください。');
    // One byte more than expected tells a file that grew after fstat; it is read on, still bounded by the limit.
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EISDIR') return refuse('load-not-a-file', 'フォルダが指定されました。評価書の YAML ファイルを指定してください。', 'フォルダの中の *.yaml を指定してください。');
        if (code === 'EAGAIN') return refuse('load-special-file', '通常のファイルではありません(名前付きパイプ・ソケット・デバイス)。', '評価書の YAML ファイルを指定してください。');
        return refuse('load-not-readable', `ファイルを読めません(${code ?? String(error)})。`, 'ファイルの権限と保存先(ディスク)を確認してください。');
      }
      if (n === 0) return { ok: true, bytes: buffer.subarray(0, length) };
      length += n;
      if (length > limit) return refuse('load-too-large', tooLarge(length, limit), '1つの評価書がこの大きさになることはありません。別のファイルを指定していないか確認してください。');
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
    }
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, limit: number): string {
  return `ファイルが大きすぎます(${(size / 1024 / 1024).toFixed(1)} MB${size > limit ? '' : '以上'}、上限 ${limit / 1024 / 1024} MB)。`;
}

/**
 * Nothing but white space and # comments (as /^(\s*#.*\n?)*\s*$/, in one pass that stops at the first content
 * character: the regular expression backtracked over every line of a real file).
 */
export function onlyCommentsAndSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) continue;
    if (c !== '#') return false;
    while (i + 1 < text.length && !'\n\r\u2028\u2029'.includes(text[i + 1]!)) i++;
  }
  return true;
}

export function loadFile(file: string): LoadResult {
  const read = readProjectFile(file);
  if (!read.ok) return read;
  return loadText(file, read.bytes);
}

/** Bytes (from a file or git) are decoded as strict UTF-8; a string is taken as already decoded. */
export function loadText(file: string, input: Uint8Array | string): LoadResult {
  return decodeAndLoad(file, input, true);
}

/** loadText without the fast path: the positional yaml parse only (the differential test's reference). */
export function loadTextPositional(file: string, input: Uint8Array | string): LoadResult {
  return decodeAndLoad(file, input, false);
}

function decodeAndLoad(file: string, input: Uint8Array | string, allowFast: boolean): LoadResult {
  const decoded = decodeText(file, input);
  return typeof decoded === 'string' ? loadDecoded(file, decoded, allowFast) : decoded;
}

/** The text of bytes (strict UTF-8, BOM removed) or of a string (BOM removed); a refusal when not UTF-8. */
export function decodeText(file: string, input: Uint8Array | string): string | { ok: false; diagnostics: Diagnostic[] } {
  try {
    return typeof input === 'string' ? input.replace(/^\uFEFF/, '') : new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    const bytes = input as Uint8Array;
    const hint = looksLikeShiftJis(bytes)
      ? 'Shift_JIS で保存されているようです。UTF-8 に変換してください(例: iconv -f SHIFT_JIS -t UTF-8 元.yaml > 新.yaml、または VS Code の「エンコード付きで保存」→ UTF-8)。'
      : 'テキストエディタで UTF-8 として保存し直してください。';
    return fatal(file, 'load-not-utf8', 'ファイルが UTF-8 ではありません。', hint);
  }
}

/** loadText of a decoded text (decodeText's result). */
export function loadDecoded(file: string, text: string, allowFast = true): LoadResult {
  if (text.includes('\u0000')) return fatal(file, 'load-binary', 'テキストファイルではありません(NUL 文字を含みます)。', '評価書の YAML ファイルを指定してください。');
  if (onlyCommentsAndSpace(text)) {
    return fatal(file, 'load-empty', 'ファイルが空です。', '評価書の項目を記載してください。assessments/ にある評価書を写して始めることもできます。');
  }

  if (allowFast && anyVerified()) {
    // A text another thread of this process already read by the fast path: positions by the line scan alone,
    // data parsed only if asked (the 事務 rules locate findings in files the workers validated).
    const root = isVerified(textSha256(text)) ? fastScan(text) : undefined;
    if (root) return { ok: true, loaded: new FastDocument(file, text, new ParsedOnDemand(text, root)) };
  }
  const fast = allowFast ? fastLoad(text) : undefined;
  if (fast) return { ok: true, loaded: new FastDocument(file, text, fast) };
  return loadPositional(file, text);
}

/** The positional parse's options: also used to build `doc` lazily on the fast path. */
const parseOptions = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

/** Line starts of a text, for offset → line:col exactly as yaml's LineCounter (1-based line and column). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: readonly number[], offset: number): Location {
  let low = 0;
  let high = starts.length;
  while (low + 1 < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid;
  }
  return { line: low + 1, col: offset - starts[low]! + 1 };
}

/** What the fast path read: the data (or how to get it), the line scan's nodes and, when it made the data, its line starts. */
type FastSource = Pick<FastLoaded, 'data' | 'root'> & Partial<Pick<FastLoaded, 'lineStarts'>>;

/** A FastSource whose data is parsed on first use (a text whose positions the line scan alone gave). */
class ParsedOnDemand implements FastSource {
  readonly root: ScanNode;
  private readonly text: string;
  private parsed: Record<string, unknown> | undefined;

  constructor(text: string, root: ScanNode) {
    this.text = text;
    this.root = root;
  }

  get data(): Record<string, unknown> {
    return (this.parsed ??= fastLoad(this.text)!.data);
  }
}

/**
 * The fast path's document: data from js-yaml, positions from the line scan, the yaml Document only if asked. A
 * class, not an object literal with getters: each such literal holds its own closures, and a young document
 * reachable from them survived every minor garbage collection (measured: a fifth of the load's time went to
 * copying documents already discarded).
 */
class FastDocument implements LoadedDocument {
  readonly file: string;
  readonly text: string;
  readonly fast = true;
  private readonly source: FastSource;
  /** The line scan's own line starts when it made the data; else made on the first finding. */
  private starts: readonly number[] | undefined;
  private parsed: Document.Parsed | undefined;

  constructor(file: string, text: string, source: FastSource) {
    this.file = file;
    this.text = text;
    this.source = source;
    this.starts = source.lineStarts;
  }

  get doc(): Document.Parsed {
    return (this.parsed ??= parseDocument(this.text, parseOptions));
  }

  get data(): unknown {
    return this.source.data;
  }

  locate(pointer: string, options: { key?: boolean } = {}): Location {
    // The deepest node the pointer reaches; its line and column are computed once, at the end.
    let node: ScanNode = this.source.root;
    let offset = node.o;
    for (const segment of segmentsOf(pointer)) {
      let keyOffset: number | undefined;
      let next: ScanNode | undefined;
      if (node.m) {
        next = node.m.get(segment);
        if (next) keyOffset = next.k;
      } else if (node.s && /^\d+$/.test(segment)) {
        next = node.s[Number(segment)];
      }
      if (!next) break;
      node = next;
      offset = options.key && keyOffset !== undefined ? keyOffset : node.o;
    }
    return positionIn((this.starts ??= lineStarts(this.text)), offset);
  }
}

/** The positional parse (yaml's Document with node ranges): every diagnostic of a file that is not fast. */
export function loadPositional(file: string, text: string): LoadResult {
  const lineCounter = new LineCounter();
  // uniqueKeys is checked below with one set per mapping: the parser's own check compares each key with every
  // earlier key of its mapping, which took 50 s for 40,000 keys.
  const doc = parseDocument(text, { lineCounter, ...parseOptions });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const errors: { code: string; pos: [number, number]; message: string }[] = [...doc.errors];
  if (errors.length === 0) errors.push(...duplicateKeys(doc));
  if (errors.length > 0) {
    const generic: Diagnostic[] = errors.map((error) => {
        const isDuplicate = error.code === 'DUPLICATE_KEY';
        return {
          rule: isDuplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
          severity: 'error' as const,
          file,
          ...at(error.pos[0]),
          path: '',
          message: isDuplicate ? '同じ項目名(キー)が2回書かれています。' : `YAML として読めません(${yamlErrorJa(error.code)})。`,
          hint: isDuplicate
            ? 'どちらかを削除するか、片方の項目名を直してください。'
            : error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY'
              ? '値の中に「: 」(コロンと空白)があると項目名と誤解されます。値を |- の後に改行して書くか、"…" で囲んでください。'
              : `字下げ(インデント)と記号を確認してください。原文: ${error.message.split('\n')[0]}`,
        };
      });
    return { ok: false, diagnostics: explainSlips(text, generic) };
  }
  if (!isMap(doc.contents)) {
    return fatal(file, 'load-not-mapping', '評価書の最上位は「項目名: 値」の並び(マッピング)である必要があります。', '1行目の # yaml-language-server … の次に「様式: 重点項目評価書」のように項目を書いてください。', doc.contents?.range ? at(doc.contents.range[0]) : undefined);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return fatal(file, 'yaml-alias-limit', `別名(エイリアス *)の展開が多すぎます(上限 ${maxAliasCount})。`, '評価書では &アンカー と *別名 を使わず、値をそのまま書いてください。');
    }
    throw error;
  }

  // Each mapping's keys, indexed when first asked: locating every key of a large mapping stays linear.
  const indexes = new WeakMap<YAMLMap, Map<string, (typeof doc.contents & YAMLMap)['items'][number]>>();
  const pairOf = (map: YAMLMap, key: string) => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as never);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  const locate = (pointer: string, options: { key?: boolean } = {}): Location => {
    let node: Node | null | undefined = doc.contents;
    let keyNode: Node | undefined;
    let best: Location = node?.range ? at(node.range[0]) : { line: 1, col: 1 };
    for (const segment of segmentsOf(pointer)) {
      keyNode = undefined;
      let next: Node | null | undefined;
      if (isMap(node)) {
        const pair = pairOf(node, segment);
        if (pair) {
          keyNode = pair.key as Node;
          next = pair.value as Node | null;
          if (next === null || next === undefined) next = keyNode;
        }
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        next = node.items[Number(segment)] as Node | undefined;
      }
      if (!next) return best;
      node = next;
      const target = options.key && keyNode ? keyNode : node;
      if (target.range) best = at(target.range[0]);
    }
    return best;
  };

  return { ok: true, loaded: { file, text, doc, data, locate } };
}

/**
 * A parser error on a line with an input-method slip (yaml-slips.ts) is reported as that slip: its cause and fix
 * at its own column. The parser's syntax errors after the first slip are most often its consequences (a
 * full-width space ends the mapping it was meant to indent): they are dropped and come back, if still there,
 * once the slip is fixed. Errors before it, duplicate keys and every slip are kept.
 */
function explainSlips(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const syntax = diagnostics.filter((d) => d.rule === 'yaml-syntax');
  const slips = yamlSlips(text, syntax.map((d) => d.line));
  if (slips.length === 0) return diagnostics;
  const first = slips[0]!.line;
  const file = diagnostics[0]!.file;
  const out: Diagnostic[] = slips.map((slip) => ({ rule: slip.rule, severity: 'error' as const, file, line: slip.line, col: slip.col, path: '', message: t('yaml.unreadable', { cause: slip.message }), hint: slip.hint }));
  for (const d of diagnostics) if (d.rule !== 'yaml-syntax' || d.line < first) out.push(d);
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** The same key twice in one mapping (as the parser's uniqueKeys: scalar keys with the same value), in one pass. */
function duplicateKeys(doc: Document.Parsed): { code: string; pos: [number, number]; message: string }[] {
  const found: { code: string; pos: [number, number]; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const keys = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (keys.has(value)) found.push({ code: 'DUPLICATE_KEY', pos: [pair.key.range?.[0] ?? 0, pair.key.range?.[1] ?? 0], message: 'Map keys must be unique' });
        else keys.add(value);
      }
    },
  });
  return found;
}

function yamlErrorJa(code: string): string {
  const names: Record<string, string> = {
    BAD_INDENT: '字下げが揃っていません',
    BLOCK_AS_IMPLICIT_KEY: '値の中の「: 」が項目名と解釈されました',
    MULTILINE_IMPLICIT_KEY: '項目名が複数行にわたっています',
    MISSING_CHAR: '閉じ記号がありません',
    UNEXPECTED_TOKEN: '予期しない記号があります',
    BAD_SCALAR_START: '値の書き出しが不正です',
    TAB_AS_INDENT: '字下げにタブ文字が使われています',
    BAD_DIRECTIVE: '不正な指示行です',
    MULTIPLE_DOCS: '1つのファイルに複数の文書(---)があります',
    BAD_ALIAS: '別名(*)が不正です',
    BLOCK_IN_FLOW: '{ } や [ ] の中に改行を含む値があります',
    UNEXPECTED_SCALAR: '予期しない値があります',
  };
  return names[code] ?? code;
}
