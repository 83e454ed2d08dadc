/**
 * The document's text, read once for all the text rules of one validation. One scan of every string finds the
 * words term-variant compares (variant spellings, katakana words, Latin words) and the runs of kanji/katakana in
 * which doubled-word looks for a repeated word; each rule then reads only what it needs. Reading every character
 * is the cost of these rules, so it is paid once, not once per rule. Memoised per validation
 * (src/model/read-memo.ts); read-only.
 */
import { stringLeaves, type StringLeaf } from '../model/access.ts';
import { memoisedData } from '../model/read-memo.ts';

/** Spellings of one word that Japanese official writing treats as variants (term-variant). Data: extend as cases appear. */
export const variantGroups: readonly (readonly string[])[] = [
  ['こども', '子ども', '子供'],
  ['及び', 'および'],
  ['又は', 'または'],
  ['並びに', 'ならびに'],
  ['ウイルス', 'ウィルス'],
];

export const variantWord = 1;
export const katakanaWord = 2;
export const latinWord = 3;

export interface DocumentText {
  leaves: StringLeaf[];
  /** The words, four numbers each: leaf index, kind (variantWord | katakanaWord | latinWord), start, end. */
  words: number[];
  /**
   * The maximal runs of four or more kanji/katakana/ー characters (counted in code points) that repeat a part of
   * themselves of two or more characters (情報情報), three numbers each: leaf index, start, end. Other runs cannot
   * hold a doubled word and are not kept.
   */
  runs: number[];
}

/** The document's strings, words and runs: made once per validation. */
export function documentText(data: unknown): DocumentText {
  return memoisedData(data, 'text', () => {
    const found: DocumentText = { leaves: stringLeaves(data), words: [], runs: [] };
    // One scan of them all: the line feed between two strings ends any word or run, as the end of a string does.
    const joined = found.leaves.map((leaf) => leaf.text).join('\n');
    const starts = new Array<number>(found.leaves.length + 1);
    let at = 0;
    for (let i = 0; i < found.leaves.length; i++) {
      starts[i] = at;
      at += found.leaves[i]!.text.length + 1;
    }
    starts[found.leaves.length] = at;
    scanUnits(unitsOf(joined), joined, starts, found.words, found.runs);
    return found;
  });
}

/** Variant spellings by their first UTF-16 unit, longest first (ウイルス/ウィルス before the katakana word). */
const spellingsByFirst = new Map<number, string[]>();
for (const spelling of variantGroups.flat().sort((a, b) => b.length - a.length)) {
  const list = spellingsByFirst.get(spelling.charCodeAt(0)) ?? [];
  list.push(spelling);
  spellingsByFirst.set(spelling.charCodeAt(0), list);
}

/** The variant spelling that starts the units at i (its first unit c), longest first: compared unit by unit. */
function spellingAt(units: Uint16Array, i: number, c: number): string | undefined {
  const list = spellingsByFirst.get(c)!;
  for (let k = 0; k < list.length; k++) {
    const spelling = list[k]!;
    let j = 1;
    while (j < spelling.length && units[i + j] === spelling.charCodeAt(j)) j++;
    if (j === spelling.length) return spelling;
  }
  return undefined;
}

/** Per BMP UTF-16 unit, bits: a spelling starts with it, [ァ-ヴ], [A-Za-zＡ-Ｚａ-ｚ], [0-9０-９], and run membership once known. */
const startsSpelling = 1;
const katakana = 2;
const latin = 4;
const digit = 8;
const runYes = 16;
const runNo = 32;
const highSurrogate = 64;
const unitClass = new Uint8Array(0x10000);
for (const first of spellingsByFirst.keys()) unitClass[first]! |= startsSpelling;
const mark = (from: number, to: number, bit: number) => {
  for (let c = from; c <= to; c++) unitClass[c]! |= bit;
};
mark(0x30a1, 0x30f4, katakana);
mark(0x41, 0x5a, latin);
mark(0x61, 0x7a, latin);
mark(0xff21, 0xff3a, latin);
mark(0xff41, 0xff5a, latin);
mark(0x30, 0x39, digit);
mark(0xff10, 0xff19, digit);
mark(0xd800, 0xdbff, highSurrogate);

/** A kanji, katakana or ー character (one code point). */
const runCharacter = /^[\p{Script=Han}\p{Script=Katakana}ー]$/u;
const astralRun = new Map<number, boolean>();

/** Whether a BMP UTF-16 unit is a run character (a lone surrogate is not): tested once per unit, then known. */
function isRunUnit(code: number): boolean {
  const known = unitClass[code]!;
  if ((known & runYes) !== 0) return true;
  if ((known & runNo) !== 0) return false;
  const yes = runCharacter.test(String.fromCharCode(code));
  unitClass[code] = known | (yes ? runYes : runNo);
  return yes;
}

function isRunAstral(code: number): boolean {
  let known = astralRun.get(code);
  if (known === undefined) astralRun.set(code, (known = runCharacter.test(String.fromCodePoint(code))));
  return known;
}

/**
 * One scan of a text. Words as /(spellings…)|([ァ-ヴ][ァ-ヴー]*)|([A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*)/g finds
 * them (leftmost, the first alternative that matches, greedy); runs as /[\p{Script=Han}\p{Script=Katakana}ー]{4,}/gu
 * (maximal, counted in code points), kept only when they repeat a part of themselves. The expressions took several
 * times as long on Japanese text.
 */
export function scanText(text: string, words: number[], runs: number[]): void {
  scanUnits(unitsOf(text), text, [0, text.length + 1], words, runs);
}

/**
 * A text's UTF-16 units, copied natively: the scan reads a typed array, which is quicker than charCodeAt on the
 * loader's strings (slices of the file's text). The copy is made in one buffer kept for every scan (grown when a
 * text is longer; a scan keeps nothing of it), not in a new one outside the heap for every document.
 */
let unitBuffer = new Uint16Array(0);
let unitBytes = Buffer.from(unitBuffer.buffer);

function unitsOf(text: string): Uint16Array {
  if (unitBuffer.length < text.length) {
    unitBuffer = new Uint16Array(Math.max(text.length, unitBuffer.length * 2));
    unitBytes = Buffer.from(unitBuffer.buffer);
  }
  unitBytes.write(text, 'utf16le');
  return unitBuffer.subarray(0, text.length);
}

/** The index of the string that holds position i of the joined text, searching on from the string `leaf`. */
function leafAt(starts: readonly number[], leaf: number, i: number): number {
  while (starts[leaf + 1]! <= i) leaf++;
  return leaf;
}

/**
 * scanText of strings joined by line feeds (`text`, its UTF-16 units `units`); `starts` holds where each string
 * starts, and the length of the text plus one at the end. A word or run is recorded by its string's index and
 * its start and end in that string. Words and runs are found in two passes, each a tight loop over the units
 * that skips what cannot start one.
 */
function scanUnits(units: Uint16Array, text: string, starts: readonly number[], words: number[], runs: number[]): void {
  scanWords(units, starts, words);
  scanRuns(units, text, starts, runs);
}

function scanWords(units: Uint16Array, starts: readonly number[], words: number[]): void {
  const n = units.length;
  let leaf = 0; // the string of the last word recorded (words are found in order)
  for (let i = 0; i < n; ) {
    const c = units[i]!;
    const cls = unitClass[c]!;
    if ((cls & (startsSpelling | katakana | latin)) === 0) {
      i++;
      continue;
    }
    const spelling = (cls & startsSpelling) !== 0 ? spellingAt(units, i, c) : undefined;
    let kind = 0;
    let end = i + 1;
    if (spelling !== undefined) {
      kind = variantWord;
      end = i + spelling.length;
    } else if ((cls & katakana) !== 0) {
      kind = katakanaWord;
      while (end < n) {
        const d = units[end]!;
        if ((unitClass[d]! & katakana) === 0 && d !== 0x30fc) break;
        end++;
      }
    } else if ((cls & latin) !== 0) {
      kind = latinWord;
      while (end < n && (unitClass[units[end]!]! & (latin | digit)) !== 0) end++;
    }
    if (kind === 0) {
      i++;
      continue;
    }
    leaf = leafAt(starts, leaf, i);
    const from = starts[leaf]!;
    words.push(leaf, kind, i - from, end - from);
    i = end; // words do not overlap
  }
}

/** The width in UTF-16 units of the run character at i (a surrogate pair counts as one character), or 0. */
function runWidth(units: Uint16Array, i: number, n: number): number {
  const c = units[i]!;
  const cls = unitClass[c]!;
  if ((cls & runYes) !== 0) return 1;
  if ((cls & highSurrogate) !== 0) {
    if (i + 1 < n && (units[i + 1]! & 0xfc00) === 0xdc00) return isRunAstral(((c - 0xd800) << 10) + (units[i + 1]! - 0xdc00) + 0x10000) ? 2 : 0;
    return 0;
  }
  if ((cls & runNo) !== 0) return 0;
  return isRunUnit(c) ? 1 : 0;
}

function scanRuns(units: Uint16Array, text: string, starts: readonly number[], runs: number[]): void {
  const n = units.length;
  let leaf = 0; // the string of the last run recorded
  let i = 0;
  while (i < n) {
    // A run of four or more characters that starts at i to i + 3 holds the unit at i + 3 (its first four characters
    // take four units or more): when that unit is known to be no run character (and is not the second half of a
    // surrogate pair), no run that is kept starts there, and the shorter ones are not kept.
    if (i + 3 < n) {
      const ahead = units[i + 3]!;
      if ((unitClass[ahead]! & runNo) !== 0 && (ahead & 0xfc00) !== 0xdc00) {
        i += 4;
        continue;
      }
    }
    let width = runWidth(units, i, n);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let length = 0; // code points
    let astral = false;
    do {
      length++;
      if (width === 2) astral = true;
      i += width;
    } while (i < n && (width = runWidth(units, i, n)) !== 0);
    if (length < 4 || !(astral ? hasRepeatIn([...text.slice(start, i)]) : mayRepeat(units, start, i) && hasRepeatAt(units, start, i))) continue;
    leaf = leafAt(starts, leaf, start);
    const from = starts[leaf]!;
    runs.push(leaf, start - from, i - from);
  }
}

/** Per hash of two adjacent units, the run in which it was last seen (runs numbered by mayRepeat). */
const pairSeen = new Int32Array(4096);
let runNumber = 0;

/**
 * Whether units[start, end) may repeat a part of two or more characters: only when some two adjacent characters
 * occur twice in it (by a hash of the two; a collision only costs the full test). Most runs (特定個人情報ファイル)
 * repeat no pair, and this is one pass over them, where the full test is quadratic in the run's length.
 */
function mayRepeat(units: Uint16Array, start: number, end: number): boolean {
  if (runNumber === 0x7fffffff) {
    pairSeen.fill(0);
    runNumber = 0;
  }
  const run = ++runNumber;
  for (let j = start; j + 1 < end; j++) {
    const h = (units[j]! * 31 + units[j + 1]!) & 4095;
    if (pairSeen[h] === run) return true;
    pairSeen[h] = run;
  }
  return false;
}

/**
 * Whether units[start, end) (no surrogates) holds two equal adjacent parts of at least two characters (情報情報).
 * Parts of `len` characters repeat at i when text[j] = text[j + len] for `len` consecutive j from i: one streak
 * count per length, no copy of the run.
 */
function hasRepeatAt(units: Uint16Array, start: number, end: number): boolean {
  const n = end - start;
  for (let len = 2; len * 2 <= n; len++) {
    let streak = 0;
    for (let j = start; j + len < end; j++) {
      if (units[j] !== units[j + len]) streak = 0;
      else if (++streak === len) return true;
    }
  }
  return false;
}

/** hasRepeatAt for a run with a surrogate pair (𠮷): compared as characters, not UTF-16 units. */
function hasRepeatIn(chars: readonly string[]): boolean {
  const n = chars.length;
  for (let len = 2; len * 2 <= n; len++) {
    let streak = 0;
    for (let j = 0; j + len < n; j++) {
      if (chars[j] !== chars[j + len]) streak = 0;
      else if (++streak === len) return true;
    }
  }
  return false;
}
