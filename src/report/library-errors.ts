/**
 * Library errors in our own words: JSONata's error codes as Japanese sentences, with the offset of the token
 * that caused them (so the located message points at the column, not at the start of the value). The library's
 * own English message is kept as detail.
 */

export interface JsonataErrorLike {
  code?: string;
  position?: number;
  token?: unknown;
  value?: unknown;
  message?: string;
}

const jsonataMessages: Record<string, string> = {
  S0101: '文字列が引用符で閉じられていません',
  S0102: '数値が大きすぎます',
  S0103: '文字列の中の「\\{token}」はエスケープとして使えません',
  S0104: '\\u の後には16進数4桁が必要です',
  S0105: '` で囲んだ名前が閉じられていません',
  S0106: 'コメントが閉じられていません',
  S0201: '構文の誤りです(「{token}」)',
  S0202: '「{value}」が必要なところに「{token}」があります',
  S0203: '式が終わる前に「{value}」が必要です(閉じ忘れ)',
  S0204: '「{token}」という演算子はありません',
  S0205: '「{token}」はここに書けません',
  S0206: '「{token}」は式として読めません',
  S0207: '式が途中で終わっています',
  S0208: '関数の引数の型の指定が正しくありません',
  S0209: '述語([…])は「{」の前に書きます',
  S0210: 'グループ化({…})は1つのステップに1回だけ書けます',
  S0211: '「{token}」は単項演算子として使えません',
  S0212: '代入(:=)の左辺は変数($名前)にしてください',
  S0213: '「{value}」は比較の演算子として使えません',
  S0214: '「{token}」の右辺は変数($名前)にしてください',
  S0215: '文脈変数(@)は述語の後に書けません',
  S0216: '位置変数(#)は述語の後に書けません',
  S0217: '「{token}」は親(%)の後に書けません',
  T0410: '関数の引数の型が合いません',
  T0411: '関数の引数の型が合いません',
  T0412: '関数の引数の型が合いません',
  T1003: 'オブジェクトのキーは文字列である必要があります',
  T1005: '「{token}」という関数はありません',
  T1006: '関数でないもの(「{token}」)を呼び出そうとしました',
  T1007: '関数でないもの(「{token}」)を部分適用しようとしました',
  T1008: '関数でないもの(「{token}」)を部分適用しようとしました',
  T2001: '「{token}」の左辺は数値である必要があります',
  T2002: '「{token}」の右辺は数値である必要があります',
  T2003: '範囲(..)の左辺は整数である必要があります',
  T2004: '範囲(..)の右辺は整数である必要があります',
  T2006: '~> の右辺は関数である必要があります',
  T2007: '比較する2つの値の型が違います',
  T2008: '並べ替えの値が数値か文字列である必要があります',
  T2009: '比較する2つの値の型が違います',
  T2010: '「{token}」は数値か文字列にしか使えません',
  T2011: '更新の値がオブジェクトである必要があります',
  T2012: '削除する項目は文字列である必要があります',
  T2013: '文字列の連結(&)に使えない値です',
  D1001: '数値が大きすぎます',
  D1002: '数値でない値の符号を反転しようとしました',
  D1004: '正規表現が空文字列に一致します',
  D1009: '同じキーが2回作られます',
  D2014: '範囲(..)が大きすぎます',
  D3001: '無限大の値は文字列にできません',
  D3020: '$split の区切りが正しくありません',
  D3030: '数値に変換できない値です',
  U1001: '式の評価が上限(2秒、または呼出し500段)を超えました(終わらない繰り返しの可能性があります)',
};

function fill(template: string, error: JsonataErrorLike): string {
  return template.replace(/\{(token|value)\}/g, (_, name: 'token' | 'value') => String(error[name] ?? ''));
}

/** The Japanese sentence for a JSONata error, and the library's original text as detail. */
export function jsonataErrorJa(error: unknown): { message: string; detail: string; code?: string } {
  const e = (error ?? {}) as JsonataErrorLike;
  const template = e.code ? jsonataMessages[e.code] : undefined;
  const detail = `JSONata ${e.code ?? ''}${e.code ? ': ' : ''}${e.message ?? String(error)}`.trim();
  return { message: template ? fill(template, e) : '式を評価できません', detail, code: e.code };
}

/** 0-based offset in the expression of the token that caused a syntax error (JSONata's position is its end). */
export function jsonataErrorOffset(error: unknown, expression: string): number | undefined {
  const e = (error ?? {}) as JsonataErrorLike;
  if (typeof e.position !== 'number') return undefined;
  const token = typeof e.token === 'string' && e.token !== '(end)' ? e.token : '';
  return Math.max(0, Math.min(expression.length, e.position - token.length));
}

export interface SourceScalar {
  /** The document's text. */
  text: string;
  /** Source offsets of the scalar [start, valueEnd] as the yaml library gives them (node.range). */
  range: readonly number[];
  /** The scalar's style (yaml Scalar.type): PLAIN, QUOTE_DOUBLE, QUOTE_SINGLE, BLOCK_LITERAL, BLOCK_FOLDED. */
  type?: string | null;
}

/**
 * line:col (1-based, code points) in the YAML source of the character at `offset` in a scalar's value. Exact
 * for plain and quoted one-line values and for literal blocks (|); for other shapes it is the value's start.
 */
export function sourcePosition(scalar: SourceScalar, offset: number): { line: number; col: number } {
  const start = scalar.range[0] ?? 0;
  let at = start;
  if (scalar.type === 'BLOCK_LITERAL') {
    const body = scalar.text.indexOf('\n', start) + 1;
    const indent = /^[ ]*/.exec(scalar.text.slice(body))![0].length;
    let pos = body;
    let left = offset;
    for (;;) {
      const end = scalar.text.indexOf('\n', pos);
      const lineText = scalar.text.slice(pos + indent, end === -1 ? undefined : end);
      if (left <= lineText.length || end === -1) { at = pos + indent + Math.min(left, lineText.length); break; }
      left -= lineText.length + 1;
      pos = end + 1;
    }
  } else if (scalar.type === 'PLAIN' || scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
    const quote = scalar.type === 'PLAIN' ? 0 : 1;
    const lineEnd = scalar.text.indexOf('\n', start);
    // Only when the value is on one line (a folded multi-line scalar has no simple mapping).
    if (lineEnd === -1 || lineEnd >= (scalar.range[1] ?? start)) at = start + quote + offset;
  }
  const before = scalar.text.slice(0, at);
  const line = before.split('\n').length;
  const col = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return { line, col };
}
