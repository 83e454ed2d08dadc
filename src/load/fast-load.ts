/**
 * The fast path of the loader: positions from one line scan of the block-style YAML the project writes, and the
 * data built by that same scan for the kinds of values it reads whole (block collections, plain scalars, literal
 * block scalars, quoted scalars on one line without escapes, flow collections of those: every assessment of the
 * repository). For the rest (folded scalars, escapes, quoted scalars over several lines) the data comes from
 * js-yaml (a parser without positions, ~5–15× quicker than the positional `yaml` document), checked against the
 * scanned shape. The scan's own data took the loader from 1.73× to 1.24× js-yaml's parse alone, and no object or
 * one-character string made per value beyond the node itself to 0.7–1.0× (bench/validate, on a noisy machine).
 *
 * It never decides anything on its own: it returns `undefined` whenever it is not sure, and the loader then takes
 * the positional `yaml` path exactly as before (same data, same diagnostics). It is sure only when
 * - js-yaml, with a schema that resolves plain scalars exactly as `yaml`'s YAML 1.2 core schema does, reads the
 *   text without error or warning (it refuses duplicate keys, unknown tags and unknown aliases itself);
 * - the line scan below recognises every line as block-style YAML of a strict subset (block mappings and
 *   sequences, plain, quoted and block scalars, flow collections of scalars and collections): no
 *   anchors, aliases, tags, directives, document markers, explicit keys, tabs, CR or other unusual characters;
 * - the structure the scan found (every mapping's keys, every sequence's length, every value's kind) is the
 *   structure of the data js-yaml returned, when js-yaml parsed it. Plain scalars the scan builds are resolved by
 *   the same core-schema tests as coreScalar below.
 * The differential test (test/load/fast-load.test.ts) checks on every YAML of the repository, the bad-input
 * corpus and generated edge cases that whenever this returns a result, the data and every position are the
 * positional parse's.
 */
import jsyaml from 'js-yaml';

/**
 * A node of the scanned document: the offset `yaml` gives as its range start, and its children. Every node is made
 * with all five fields (undefined or -1 when absent), so that every node has one shape.
 */
export interface ScanNode {
  /** Offset (UTF-16 index into the text) where the node starts, as the `yaml` node's range[0]. */
  o: number;
  /** Offset of the node's key when it is the value of a mapping's key, else -1. */
  k: number;
  /** A block mapping: key → its value node (in source order). */
  m?: Map<string, ScanNode>;
  /** A block sequence: its items. */
  s?: ScanNode[];
  /** The node's value as the scan built it (see Scanner.complex); only the root's is read. */
  d?: unknown;
}

export interface FastLoaded {
  data: Record<string, unknown>;
  root: ScanNode;
  /** True when the scan built the data itself; false when js-yaml parsed it (and the scan checked its shape). */
  built: boolean;
  /** The offset where each line starts (as yaml's LineCounter: 0, then after each line feed). */
  lineStarts: readonly number[];
}

// The `yaml` core schema (yaml/dist/schema/core): its tests in its order, the first that matches resolves the
// plain scalar. One js-yaml type runs them all after a check of the first character (most values are Japanese
// text and match none), and hands its result to construct, which js-yaml calls right after resolve.
const coreTests: readonly [RegExp, (s: string) => unknown][] = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'],
  [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
];
/** Every string a core test can match starts with one of these (or is empty). */
const coreFirst = /^[~nNtTfF0-9+\-.]/;
let resolved: unknown;
const coreScalar = new jsyaml.Type('tag:pia,core-scalar', {
  kind: 'scalar',
  resolve: (s: string) => {
    if (s !== '' && !coreFirst.test(s)) return false;
    for (const [test, value] of coreTests) {
      if (test.test(s)) {
        resolved = value(s);
        return true;
      }
    }
    return false;
  },
  construct: () => resolved,
});
export const schema = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [coreScalar] });
/** A plain key that `yaml` would resolve to something else than a string (null, bool, number): not fast. */
const nonStringScalar = /^(?:~|[Nn]ull|NULL)?$|^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$|^0o[0-7]+$|^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/**
 * Characters the fast path leaves to the positional parser: tab, CR, C0/C1 controls, DEL, NEL, the Unicode line
 * and paragraph separators, BOM inside the text, lone surrogates and U+FFFE/U+FFFF.
 */
const unusualCharacters = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** Directives, document markers. */
const unusualLines = /^(?:%|---(?:[ \n]|$)|\.\.\.(?:[ \n]|$))/m;

class NotFast extends Error {}
const notFast = (): never => {
  throw new NotFast();
};

/** The scanned document (and whether its data was left to js-yaml), or undefined outside the scanner's subset. */
function scan(text: string, build: boolean): { root: ScanNode; complex: boolean; lineStarts: readonly number[] } | undefined {
  if (unusualCharacters.test(text) || !text.isWellFormed() || unusualLines.test(text)) return undefined;
  try {
    const scanner = new Scanner(text, build);
    const root = scanner.document();
    return { root, complex: scanner.complex, lineStarts: scanner.starts };
  } catch {
    return undefined; // NotFast, or a stack overflow on absurd nesting: the positional parser decides
  }
}

/** The line scan alone: the positions of `text`, or undefined when it is outside the scanner's subset. */
export function fastScan(text: string): ScanNode | undefined {
  return scan(text, false)?.root;
}

/**
 * SHA-256s of texts on which fastLoad succeeded in another thread of this process (validateMany's workers):
 * for the same text, the line scan alone gives the same, already verified positions, without parsing again.
 */
const verified = new Set<string>();
export function markVerified(sha256: string): void {
  verified.add(sha256);
}
export function isVerified(sha256: string): boolean {
  return verified.has(sha256);
}
export function anyVerified(): boolean {
  return verified.size > 0;
}

/** The fast data and positions of `text`, or undefined to take the positional path. */
export function fastLoad(text: string): FastLoaded | undefined {
  const scanned = scan(text, true);
  if (!scanned) return undefined;
  const { root, complex, lineStarts } = scanned;
  // Values of the kinds the scan builds itself (block collections, plain and literal scalars, quoted ones on one
  // line without escapes, flow collections of those): no second parse.
  if (!complex) return { data: root.d as Record<string, unknown>, root, built: true, lineStarts };
  let data: unknown;
  let warned = false;
  try {
    data = jsyaml.load(text, { schema, json: false, onWarning: () => (warned = true) });
  } catch {
    return undefined;
  }
  try {
    if (warned || !sameShape(root, data)) return undefined;
  } catch {
    return undefined;
  }
  return { data: data as Record<string, unknown>, root, built: false, lineStarts };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sameShape(node: ScanNode, value: unknown): boolean {
  if (node.m) {
    if (!isPlainObject(value)) return false;
    let size = 0;
    for (const _ in value) size++;
    if (size !== node.m.size) return false;
    for (const [key, entry] of node.m) if (!Object.hasOwn(value, key) || !sameShape(entry, value[key])) return false;
    return true;
  }
  if (node.s) return Array.isArray(value) && value.length === node.s.length && node.s.every((item, i) => sameShape(item, value[i]));
  return typeof value !== 'object' || value === null;
}

const space = 0x20;

/** A plain scalar's value: the core schema's resolution (null, bool, numbers), else the text. */
function coreValue(text: string): unknown {
  if (text !== '' && !coreFirst.test(text)) return text;
  for (const [test, value] of coreTests) if (test.test(text)) return value(text);
  return text;
}

/** The value of a quoted scalar from the text between its quotes; undefined for an escape (js-yaml reads those). */
function unquoted(raw: string, quote: string): string | undefined {
  if (quote === "'") return raw.replaceAll("''", "'");
  return raw.includes('\\') ? undefined : raw;
}

/** The text before a comment (" #") on a line. */
function withoutComment(text: string): string {
  const hash = text.indexOf(' #');
  return hash < 0 ? text : text.slice(0, hash);
}

/** Without leading and trailing spaces (U+0020 only: YAML's white space here; U+3000 is content). */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === space) start++;
  while (end > start && text.charCodeAt(end - 1) === space) end--;
  return text.slice(start, end);
}

function leadingSpaces(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(n) === space) n++;
  return n;
}
/** Characters that cannot start a plain scalar or plain key here (YAML c-indicator, less `-?:` handled apart). */
const indicatorCodes = new Uint8Array(128);
for (const c of ',[]{}#&*!|>\'"%@`') indicatorCodes[c.charCodeAt(0)] = 1;
/** Tested by UTF-16 unit (no string made for the character). */
function isIndicator(code: number): boolean {
  return code < 128 && indicatorCodes[code] === 1;
}

/** Whether text[from, to) holds a flow indicator ([ ] { } ,): such a key is left to the positional parser. */
function hasFlowIndicator(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2c) return true;
  }
  return false;
}

/**
 * A strict line scanner for block-style YAML. Throws NotFast on anything outside its subset; never guesses.
 * Columns and indents count spaces (tabs are excluded beforehand).
 */
class Scanner {
  private readonly lines: string[];
  /** The offset where each line starts. */
  readonly starts: number[];
  private readonly indents: number[];
  /** Whether to build each node's value (ScanNode.d). */
  private readonly build: boolean;
  /**
   * Set when a value is of a kind the scan does not build (a folded or multi-line quoted scalar, an escape, a
   * block scalar at the end of the text, a key __proto__): the data then comes from js-yaml, checked against the
   * scanned shape.
   */
  complex = false;
  /** The line after the node just scanned (map, seq, valueAfter, inline and flow set it). */
  private after = 0;
  /** The key found by the last call of key(): its text, offset and the column after its `:`. */
  private keyText = '';
  private keyOffset = 0;
  private keyAfter = 0;
  /** key()'s last call, remembered: a mapping's first key is looked at before the mapping is scanned. */
  private keyLine = -1;
  private keyCol = -1;
  private keyFound = false;

  constructor(text: string, build: boolean) {
    this.build = build;
    this.lines = text.split('\n');
    this.starts = new Array(this.lines.length);
    this.indents = new Array(this.lines.length);
    let offset = 0;
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      this.starts[i] = offset;
      offset += line.length + 1;
      let n = 0;
      while (n < line.length && line.charCodeAt(n) === space) n++;
      // A blank line or a comment line: -1 (skipped by next()).
      this.indents[i] = n === line.length || line.charCodeAt(n) === 0x23 ? -1 : n;
    }
  }

  /** The next line at or after i that has content (not blank, not a comment). */
  private next(i: number): number {
    while (i < this.lines.length && this.indents[i] === -1) i++;
    return i;
  }

  document(): ScanNode {
    const i = this.next(0);
    if (i >= this.lines.length || this.indents[i] !== 0) notFast();
    if (this.isDash(i, 0)) notFast(); // a top-level sequence: the positional path reports it
    if (!this.key(i, 0)) notFast();
    const node = this.map(i, 0);
    if (this.next(this.after) < this.lines.length) notFast();
    return node;
  }

  private notBuilt(): undefined {
    this.complex = true;
    return undefined;
  }

  private isDash(i: number, col: number): boolean {
    const line = this.lines[i]!;
    return line.charCodeAt(col) === 0x2d && (col + 1 === line.length || line.charCodeAt(col + 1) === space);
  }

  /** First non-space column at or after col on line i (the line length when none). */
  private skipSpaces(i: number, col: number): number {
    const line = this.lines[i]!;
    while (col < line.length && line.charCodeAt(col) === space) col++;
    return col;
  }

  /** Nothing but spaces and an optional comment (after a space) from col to the end of line i. */
  private restIsEmpty(i: number, col: number): boolean {
    const line = this.lines[i]!;
    const p = this.skipSpaces(i, col);
    if (p === line.length) return true;
    return line.charCodeAt(p) === 0x23 && (p === 0 || line.charCodeAt(p - 1) === space);
  }

  /**
   * Whether an implicit key is at (i, col); its string, offset and the column after its `:` are then in keyText,
   * keyOffset and keyAfter.
   */
  private key(i: number, col: number): boolean {
    if (i !== this.keyLine || col !== this.keyCol) {
      this.keyFound = this.readKey(i, col);
      this.keyLine = i;
      this.keyCol = col;
    }
    return this.keyFound;
  }

  private found(key: string, i: number, col: number, after: number): true {
    this.keyText = key;
    this.keyOffset = this.starts[i]! + col;
    this.keyAfter = after;
    return true;
  }

  private readKey(i: number, col: number): boolean {
    const line = this.lines[i]!;
    const code = line.charCodeAt(col);
    if (code === 0x22 || code === 0x27) {
      const c = line[col]!;
      const close = line.indexOf(c, col + 1);
      if (close < 0) return false;
      let end = close;
      let inner = line.slice(col + 1, close);
      if (c === "'") {
        // '' is an escaped quote: find the real end.
        end = col;
        inner = '';
        for (let p = col + 1; ; ) {
          const q = line.indexOf("'", p);
          if (q < 0) return false;
          inner += line.slice(p, q);
          if (line[q + 1] === "'") {
            inner += "'";
            p = q + 2;
            continue;
          }
          end = q;
          break;
        }
      } else if (inner.includes('\\')) {
        notFast();
      }
      const p = this.skipSpaces(i, end + 1);
      if (line[p] !== ':') return false;
      if (p + 1 < line.length && line.charCodeAt(p + 1) !== space) notFast();
      if (inner.length > 1000) notFast();
      return this.found(inner, i, col, p + 1);
    }
    if (isIndicator(code) || ((code === 0x2d || code === 0x3f || code === 0x3a) && (col + 1 === line.length || line.charCodeAt(col + 1) === space))) return false;
    // The first ": " (or ":" at the end) before any " #".
    let colon = -1;
    for (let p = line.indexOf(':', col); p >= 0; p = line.indexOf(':', p + 1)) {
      if (p + 1 === line.length || line.charCodeAt(p + 1) === space) {
        colon = p;
        break;
      }
    }
    if (colon < 0) return false;
    const hash = line.indexOf(' #', col);
    if (hash >= 0 && hash < colon) return false;
    let end = colon;
    while (end > col && line.charCodeAt(end - 1) === space) end--;
    if (end - col > 1000 || hasFlowIndicator(line, col, end)) notFast();
    const key = line.slice(col, end);
    if ((key === '' || coreFirst.test(key)) && nonStringScalar.test(key)) notFast();
    return this.found(key, i, col, colon + 1);
  }

  /** A block mapping whose first key is at (i, col): the node and the line after it. */
  private map(i: number, col: number): ScanNode {
    const entries = new Map<string, ScanNode>();
    const object: Record<string, unknown> | undefined = this.build ? {} : undefined;
    const node: ScanNode = { o: this.starts[i]! + col, k: -1, m: entries, s: undefined, d: object };
    for (;;) {
      if (!this.key(i, col)) notFast();
      const key = this.keyText;
      const offset = this.keyOffset;
      if (entries.has(key)) notFast();
      const value = this.valueAfter(i, this.keyAfter, col, true);
      value.k = offset;
      entries.set(key, value);
      if (object) {
        if (key === '__proto__') this.notBuilt();
        else object[key] = value.d;
      }
      i = this.next(this.after);
      if (i >= this.lines.length || this.indents[i]! < col) {
        this.after = i;
        return node;
      }
      if (this.indents[i] !== col || this.isDash(i, col)) notFast();
    }
  }

  /** A block sequence whose first `-` is at (i, col). */
  private seq(i: number, col: number): ScanNode {
    const items: ScanNode[] = [];
    const list: unknown[] | undefined = this.build ? [] : undefined;
    const node: ScanNode = { o: this.starts[i]! + col, k: -1, m: undefined, s: items, d: list };
    for (;;) {
      if (!this.isDash(i, col)) notFast();
      const p = this.skipSpaces(i, col + 1);
      let item: ScanNode;
      if (this.restIsEmpty(i, col + 1)) item = this.valueAfter(i, col + 1, col, false);
      else if (this.isDash(i, p)) item = this.seq(i, p);
      else if (this.key(i, p)) item = this.map(i, p);
      else item = this.inline(i, p, col);
      items.push(item);
      list?.push(item.d);
      i = this.next(this.after);
      // At the end, or at the next key of the mapping this sequence is the value of.
      if (i >= this.lines.length || this.indents[i]! < col || (this.indents[i] === col && !this.isDash(i, col))) {
        this.after = i;
        return node;
      }
      if (this.indents[i] !== col) notFast();
    }
  }

  /**
   * The value after a `:` (or a `-`) ending at column `from` of line i; `indent` is the column of the key (or
   * dash). A mapping value may be a sequence at the key's own indent.
   */
  private valueAfter(i: number, from: number, indent: number, mapValue: boolean): ScanNode {
    if (!this.restIsEmpty(i, from)) {
      const p = this.skipSpaces(i, from);
      if (p === from && from < this.lines[i]!.length) notFast();
      return this.inline(i, p, indent);
    }
    const j = this.next(i + 1);
    if (j < this.lines.length) {
      const n = this.indents[j]!;
      if (n > indent) {
        if (this.isDash(j, n)) return this.seq(j, n);
        if (this.key(j, n)) return this.map(j, n);
        return this.inline(j, n, indent);
      }
      if (mapValue && n === indent && this.isDash(j, n)) return this.seq(j, n);
    }
    // An empty value (null): `yaml` puts it after the spaces that follow the indicator.
    this.after = i + 1;
    return { o: this.starts[i]! + this.skipSpaces(i, from), k: -1, m: undefined, s: undefined, d: null };
  }

  /** A scalar or flow collection starting at (i, col), inside a node indented at `indent`. */
  private inline(i: number, col: number, indent: number): ScanNode {
    const line = this.lines[i]!;
    const code = line.charCodeAt(col);
    const node: ScanNode = { o: this.starts[i]! + col, k: -1, m: undefined, s: undefined, d: undefined };
    if (code === 0x7c || code === 0x3e) {
      const after = this.blockScalar(i, col, indent);
      if (this.build) node.d = this.blockValue(i, col, after);
      this.after = after;
      return node;
    }
    if (code === 0x22 || code === 0x27) {
      const c = line[col]!;
      const after = this.quoted(i, col, indent, c);
      if (this.build) node.d = after === i + 1 ? this.quotedValue(line, col, c) : this.notBuilt();
      this.after = after;
      return node;
    }
    if (code === 0x5b || code === 0x7b) return this.flow(i, col, indent);
    if (isIndicator(code) || ((code === 0x2d || code === 0x3f || code === 0x3a) && (col + 1 === line.length || line.charCodeAt(col + 1) === space))) notFast();
    // A plain scalar: no ": " in it (that would be a mapping), up to a " #" comment; continuation lines more
    // indented than its node, each free of ": " and indicators, until a blank-run, comment or less indented line.
    this.plainLine(line, col);
    let k = i + 1;
    let last = i;
    for (; k < this.lines.length && !line.includes(' #', col); k++) {
      const n = this.indents[k]!;
      if (n === -1) {
        if (this.lines[k]!.trim() !== '') break; // a comment line ends the scalar
        continue;
      }
      if (n <= indent) break;
      const text = this.lines[k]!;
      const c = text.charCodeAt(n);
      if (isIndicator(c) || c === 0x2d || c === 0x3f || c === 0x3a) notFast();
      this.plainLine(text, n);
      last = k;
      if (text.includes(' #', n)) {
        k++;
        break;
      }
    }
    // After a comment, more-indented content would be an error in YAML: not fast.
    const j = this.next(k);
    if (j < this.lines.length && this.indents[j]! > indent && j > last) notFast();
    if (this.build) node.d = coreValue(this.plainValue(i, col, last));
    this.after = last + 1;
    return node;
  }

  /**
   * The text of a plain scalar from (i, col) to line `last`: each line without its comment and its leading and
   * trailing spaces, lines joined by a space, or by one line feed per blank line between them (YAML's folding).
   */
  private plainValue(i: number, col: number, last: number): string {
    let value = trimSpaces(withoutComment(this.lines[i]!.slice(col)));
    let blanks = 0;
    for (let k = i + 1; k <= last; k++) {
      if (this.indents[k] === -1) {
        blanks++;
        continue;
      }
      const text = trimSpaces(withoutComment(this.lines[k]!.slice(this.indents[k]!)));
      value += blanks === 0 ? ` ${text}` : '\n'.repeat(blanks) + text;
      blanks = 0;
    }
    return value;
  }

  /** A one-line quoted scalar opening at `col`: its text, or unbuilt when it has an escape. */
  private quotedValue(line: string, col: number, quote: string): string | undefined {
    // The closing quote: the first one after the opening, past '' (an escaped ' in a '…' scalar).
    let close = line.indexOf(quote, col + 1);
    while (quote === "'" && line[close + 1] === "'") close = line.indexOf(quote, close + 2);
    return unquoted(line.slice(col + 1, close), quote) ?? this.notBuilt();
  }

  /**
   * A literal block scalar (|, |-, |+) whose header is at (i, col) and content ends before line `after`: its text.
   * Folded scalars (>), blank lines longer than the content's indent and a scalar that ends the text without a
   * final line break are left to js-yaml.
   */
  private blockValue(i: number, col: number, after: number): string | undefined {
    const header = this.lines[i]!.slice(col).replace(/ +#.*$/, '').replace(/ +$/, '');
    if (header[0] !== '|') return this.notBuilt();
    if (after >= this.lines.length) {
      // At the end of the text: the last element of the split is what follows the final line break, not a line.
      if (this.lines[this.lines.length - 1] !== '') return this.notBuilt();
      after = this.lines.length - 1;
    }
    const chomp = header[1] ?? '';
    let contentIndent = -1;
    for (let k = i + 1; k < after && contentIndent < 0; k++) if (this.lines[k]!.trim() !== '') contentIndent = this.indents[k] === -1 ? leadingSpaces(this.lines[k]!) : this.indents[k]!;
    if (contentIndent < 0) return this.notBuilt();
    const content: string[] = [];
    let lastContent = -1;
    for (let k = i + 1; k < after; k++) {
      const text = this.lines[k]!;
      if (leadingSpaces(text) === text.length) {
        if (text.length > contentIndent) return this.notBuilt();
        content.push('');
      } else {
        content.push(text.slice(contentIndent));
        lastContent = content.length - 1;
      }
    }
    const body = content.slice(0, lastContent + 1).join('\n');
    if (chomp === '-') return body;
    if (chomp === '+') return body + '\n'.repeat(content.length - lastContent);
    return `${body}\n`;
  }

  private plainLine(line: string, col: number): void {
    const hash = line.indexOf(' #', col);
    const end = hash < 0 ? line.length : hash;
    for (let p = line.indexOf(':', col); p >= 0 && p < end; p = line.indexOf(':', p + 1)) {
      if (p + 1 === line.length || line.charCodeAt(p + 1) === space) notFast();
    }
  }

  /** A block scalar whose header is at (i, col): returns the line after its content. */
  private blockScalar(i: number, col: number, indent: number): number {
    const header = /^[|>](?:([1-9])?[-+]?|[-+]([1-9])?)$/.exec(this.lines[i]!.slice(col).replace(/ +#.*$/, '').replace(/ +$/, ''));
    if (!header) notFast();
    // An explicit indentation indicator (|2): left to the positional parser.
    if (header![1] ?? header![2]) notFast();
    let contentIndent = -1;
    let k = i + 1;
    let maxLeadingBlank = 0;
    for (; k < this.lines.length; k++) {
      const text = this.lines[k]!;
      let n = 0;
      while (n < text.length && text.charCodeAt(n) === space) n++;
      if (n === text.length) {
        if (contentIndent < 0) maxLeadingBlank = Math.max(maxLeadingBlank, n);
        continue; // blank lines belong to the scalar (chomping decides)
      }
      if (n <= indent) break;
      if (contentIndent < 0) {
        contentIndent = n;
        if (maxLeadingBlank > n) notFast();
      } else if (n < contentIndent) notFast();
    }
    // Trailing blank lines are part of the scalar; the caller skips them with next().
    return k;
  }

  /** A quoted scalar opening at (i, col): returns the line after it. */
  private quoted(i: number, col: number, indent: number, quote: string): number {
    let k = i;
    let p = col + 1;
    for (;;) {
      const line = this.lines[k]!;
      for (; p < line.length; p++) {
        const c = line[p];
        if (quote === '"' && c === '\\') {
          p++;
          continue;
        }
        if (c === quote) {
          if (quote === "'" && line[p + 1] === "'") {
            p++;
            continue;
          }
          if (!this.restIsEmpty(k, p + 1)) notFast();
          return k + 1;
        }
      }
      if (quote === '"' && line.endsWith('\\')) notFast(); // an escaped line break: left to the positional parser
      k++;
      if (k >= this.lines.length) notFast();
      const n = this.indents[k]!;
      if (n !== -1 && n <= indent) notFast();
      if (n === -1 && this.lines[k]!.trim() !== '') notFast(); // "#" at the start of a continuation line
      p = 0;
    }
  }

  /**
   * A flow collection opening at (i, col), indexed like a block one: the node and the line after it. Its scalars
   * are plain (one line) or quoted; a flow mapping's pairs have a key and a value; anything else is not fast.
   */
  private flow(i: number, col: number, indent: number): ScanNode {
    const flow = new FlowScanner(this.lines, this.starts, this.indents, indent, i, col, this.build);
    const node = flow.collection();
    if (flow.complex) this.notBuilt();
    if (!this.restIsEmpty(flow.line, flow.col)) notFast();
    this.after = flow.line + 1;
    return node;
  }
}

/** The inside of a flow collection, character by character (line breaks allowed between tokens). */
class FlowScanner {
  private readonly lines: string[];
  private readonly starts: number[];
  private readonly indents: number[];
  private readonly indent: number;
  line: number;
  col: number;
  private readonly build: boolean;
  /** As Scanner.complex. */
  complex = false;

  constructor(lines: string[], starts: number[], indents: number[], indent: number, line: number, col: number, build: boolean) {
    this.build = build;
    this.lines = lines;
    this.starts = starts;
    this.indents = indents;
    this.indent = indent;
    this.line = line;
    this.col = col;
  }

  private get ch(): string | undefined {
    return this.lines[this.line]![this.col];
  }

  /** Skips spaces and line breaks; a continuation line must be more indented than the collection's node. */
  private skip(): void {
    for (;;) {
      const text = this.lines[this.line]!;
      while (this.col < text.length && text.charCodeAt(this.col) === space) this.col++;
      if (this.col < text.length) {
        if (text[this.col] === '#') notFast();
        return;
      }
      this.line++;
      if (this.line >= this.lines.length) notFast();
      const n = this.indents[this.line]!;
      if (n === -1 || n <= this.indent) notFast();
      this.col = n;
    }
  }

  private offset(): number {
    return this.starts[this.line]! + this.col;
  }

  collection(): ScanNode {
    const open = this.ch;
    const close = open === '[' ? ']' : '}';
    const node: ScanNode = open === '['
      ? { o: this.offset(), k: -1, m: undefined, s: [], d: this.build ? [] : undefined }
      : { o: this.offset(), k: -1, m: new Map(), s: undefined, d: this.build ? {} : undefined };
    this.col++;
    for (;;) {
      this.skip();
      if (this.ch === close) {
        this.col++;
        return node;
      }
      if (node.s) {
        const item = this.node();
        this.skip();
        if (this.ch === ':') notFast(); // a single-pair mapping inside a sequence
        node.s.push(item);
        if (this.build) (node.d as unknown[]).push(item.d);
      } else {
        const k = this.offset();
        const key = this.scalar(true);
        this.skip();
        if (this.ch !== ':') notFast();
        this.col++;
        const c = this.lines[this.line]![this.col];
        if (c !== ' ') notFast();
        this.skip();
        if (this.ch === ',' || this.ch === '}') notFast(); // an empty value
        if (node.m!.has(key)) notFast();
        const value = this.node();
        value.k = k;
        node.m!.set(key, value);
        if (this.build) {
          if (key === '__proto__') this.complex = true;
          else (node.d as Record<string, unknown>)[key] = value.d;
        }
        this.skip();
      }
      if (this.ch === ',') this.col++;
      else if (this.ch !== close) notFast();
    }
  }

  private node(): ScanNode {
    const c = this.ch;
    if (c === '[' || c === '{') return this.collection();
    const node: ScanNode = { o: this.offset(), k: -1, m: undefined, s: undefined, d: undefined };
    const startLine = this.line;
    const quote = this.ch === '"' || this.ch === "'" ? this.ch : undefined;
    const text = this.scalar(false);
    if (this.build) {
      // A quoted one on one line without escapes: the text between the quotes.
      const value = quote === undefined ? coreValue(text) : this.line === startLine ? unquoted(text, quote) : undefined;
      if (value === undefined) this.complex = true;
      else node.d = value;
    }
    return node;
  }

  /**
   * A quoted or one-line plain scalar: its text (a quoted one's between its quotes, as written; for keys, quoted
   * ones without escapes only).
   */
  private scalar(isKey: boolean): string {
    const text = this.lines[this.line]!;
    const start = this.col;
    const c = text[start]!;
    if (c === '"' || c === "'") {
      let p = start + 1;
      for (;;) {
        const line = this.lines[this.line]!;
        for (; p < line.length; p++) {
          const d = line[p];
          if (c === '"' && d === '\\') {
            if (isKey) notFast();
            p++;
            continue;
          }
          if (d === c) {
            if (c === "'" && line[p + 1] === "'") {
              if (isKey) notFast();
              p++;
              continue;
            }
            this.col = p + 1;
            return line.slice(start + 1, p);
          }
        }
        if (isKey) notFast();
        if (c === '"' && line.endsWith('\\')) notFast();
        this.line++;
        if (this.line >= this.lines.length) notFast();
        const n = this.indents[this.line]!;
        if (n === -1 || n <= this.indent) notFast();
        p = 0;
      }
    }
    if (isIndicator(text.charCodeAt(start)) || ((c === '-' || c === '?' || c === ':') && ' ,[]{}'.includes(text[start + 1] ?? ' '))) notFast();
    let p = start;
    for (; p < text.length; p++) {
      const d = text.charCodeAt(p);
      if (d === 0x2c || d === 0x5d || d === 0x7d) break; // , ] }
      if (d === 0x5b || d === 0x7b) notFast(); // [ {
      if (d === 0x3a && ' ,[]{}'.includes(text[p + 1] ?? ' ')) break;
      if (d === 0x23 && text.charCodeAt(p - 1) === space) notFast();
    }
    if (p === text.length) {
      // The scalar reaches the end of the line: it must not go on on the next one.
      this.col = p;
      const line = this.line;
      this.skip();
      if (!(this.ch === ',' || this.ch === ']' || this.ch === '}')) notFast();
      this.line = line;
    }
    let end = p;
    while (end > start && text.charCodeAt(end - 1) === space) end--;
    const value = text.slice(start, end);
    if (isKey && (value.length > 1000 || ((value === '' || coreFirst.test(value)) && nonStringScalar.test(value)))) notFast();
    this.col = start + value.length;
    return value;
  }
}
