/**
 * file → { data, locate }: reads an assessment (or any project YAML), refuses bad input with located,
 * Japanese diagnostics, and keeps the parser's node ranges so any JSON Pointer maps back to line:col.
 */
import { readFileSync, statSync } from 'node:fs';
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../report/diagnostic.ts';
import { segmentsOf } from '../report/diagnostic.ts';

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
  /** line:col of the value at the pointer (or of its key with `key: true`); falls back to the nearest ancestor. */
  locate(pointer: string, options?: { key?: boolean }): Location;
}

export type LoadResult = { ok: true; loaded: LoadedDocument } | { ok: false; diagnostics: Diagnostic[] };

function fatal(file: string, rule: string, message: string, hint: string, at: Location = { line: 1, col: 1 }): LoadResult {
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

export function loadFile(file: string): LoadResult {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fatal(file, 'load-not-a-file', 'フォルダが指定されました。評価書の YAML ファイルを指定してください。', 'フォルダを指定するときは、その中の *.yaml をまとめて検証します(npx pia validate assessments/)。');
    size = stat.size;
  } catch {
    return fatal(file, 'load-not-found', 'ファイルが見つかりません。', 'パスの綴りを確認してください。');
  }
  if (size > maxFileBytes) {
    return fatal(file, 'load-too-large', `ファイルが大きすぎます(${(size / 1024 / 1024).toFixed(1)} MB、上限 ${maxFileBytes / 1024 / 1024} MB)。`, '1つの評価書がこの大きさになることはありません。別のファイルを指定していないか確認してください。');
  }
  return loadText(file, readFileSync(file));
}

/** Bytes (from a file or git) are decoded as strict UTF-8; a string is taken as already decoded. */
export function loadText(file: string, input: Uint8Array | string): LoadResult {
  let text: string;
  try {
    text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    const bytes = input as Uint8Array;
    const hint = looksLikeShiftJis(bytes)
      ? 'Shift_JIS で保存されているようです。UTF-8 に変換してください(例: iconv -f SHIFT_JIS -t UTF-8 元.yaml > 新.yaml、または VS Code の「エンコード付きで保存」→ UTF-8)。'
      : 'テキストエディタで UTF-8 として保存し直してください。';
    return fatal(file, 'load-not-utf8', 'ファイルが UTF-8 ではありません。', hint);
  }
  if (text.includes('\u0000')) return fatal(file, 'load-binary', 'テキストファイルではありません(NUL 文字を含みます)。', '評価書の YAML ファイルを指定してください。');
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) {
    return fatal(file, 'load-empty', 'ファイルが空です。', '評価書の項目を記載してください。assessments/ にある評価書を写して始めることもできます。');
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((error) => {
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
      }),
    };
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

  const locate = (pointer: string, options: { key?: boolean } = {}): Location => {
    let node: Node | null | undefined = doc.contents;
    let keyNode: Node | undefined;
    let best: Location = node?.range ? at(node.range[0]) : { line: 1, col: 1 };
    for (const segment of segmentsOf(pointer)) {
      keyNode = undefined;
      let next: Node | null | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
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
