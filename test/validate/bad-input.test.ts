/** Bad input gets a clear, located, Japanese diagnostic, never a stack trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateFile, validateText } from '../../src/validate/validate.ts';
import { maxFileBytes } from '../../src/load/load-file.ts';
import { referenceText } from '../helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pia-bad-'));
function fileWith(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
const pick = (r: ReturnType<typeof validateText>) => r.diagnostics.map(({ rule, severity, line, col }) => ({ rule, severity, line, col }));

test('空のファイルとコメントだけのファイルは「ファイルが空です」', () => {
  assert.deepEqual(pick(validateText('a.yaml', '')), [{ rule: 'load-empty', severity: 'error', line: 1, col: 1 }]);
  assert.deepEqual(pick(validateText('a.yaml', '# yaml-language-server: $schema=x\n\n')), [{ rule: 'load-empty', severity: 'error', line: 1, col: 1 }]);
});

test('YAML として読めない行は位置と直し方を示す', () => {
  const result = validateText('a.yaml', '様式: 重点項目評価書\n表紙:\n  評価書名: "閉じていない\n');
  assert.equal(result.renderable, false);
  assert.equal(result.diagnostics[0]!.rule, 'yaml-syntax');
  assert.equal(result.diagnostics[0]!.line, 4); // where the parser notices the missing quote: the end of the file
});

test('値の中の「住所: 」は項目名と誤解されるので書き方を案内する', () => {
  const result = validateText('a.yaml', '様式: 重点項目評価書\n請求先: 越谷市総務部総務課 住所: 〒343-8501\n');
  assert.deepEqual(pick(result)[0], { rule: 'yaml-syntax', severity: 'error', line: 2, col: 6 });
  assert.match(result.diagnostics[0]!.hint!, /\|-/);
});

test('同じ項目名が2回あると重複キーの誤り', () => {
  const result = validateText('a.yaml', '様式: 重点項目評価書\n表紙:\n  評価書番号: 1\n  評価書番号: 2\n');
  assert.deepEqual(pick(result), [{ rule: 'yaml-duplicate-key', severity: 'error', line: 4, col: 3 }]);
});

test('別名の爆弾(billion laughs)は展開せずに止める', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const result = validateText('bomb.yaml', bomb.join('\n') + '\n');
  assert.deepEqual(pick(result), [{ rule: 'yaml-alias-limit', severity: 'error', line: 1, col: 1 }]);
});

test('Shift_JIS のファイルは UTF-8 への変換方法を案内する', () => {
  // 「様式: 重点項目評価書」 in Shift_JIS.
  const sjis = new Uint8Array([0x97, 0x6c, 0x8e, 0xae, 0x3a, 0x20, 0x8f, 0x64, 0x93, 0x5f, 0x8d, 0x80, 0x96, 0xda, 0x95, 0x5d, 0x89, 0xbf, 0x8f, 0x91, 0x0a]);
  const result = validateFile(fileWith('sjis.yaml', sjis));
  assert.deepEqual(pick(result), [{ rule: 'load-not-utf8', severity: 'error', line: 1, col: 1 }]);
  assert.match(result.diagnostics[0]!.hint!, /Shift_JIS.*iconv/);
});

test('巨大なファイルは読み込まずに断る', () => {
  const result = validateFile(fileWith('huge.yaml', 'a: ' + 'x'.repeat(maxFileBytes) + '\n'));
  assert.deepEqual(pick(result), [{ rule: 'load-too-large', severity: 'error', line: 1, col: 1 }]);
});

test('存在しないファイル、フォルダ、NUL を含むファイル', () => {
  assert.equal(validateFile(path.join(dir, 'nothing.yaml')).diagnostics[0]!.rule, 'load-not-found');
  assert.equal(validateFile(dir).diagnostics[0]!.rule, 'load-not-a-file');
  assert.equal(validateFile(fileWith('bin.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x0a]))).diagnostics[0]!.rule, 'load-binary');
});

test('最上位がマッピングでない、様式がない・知らない様式', () => {
  assert.equal(validateText('a.yaml', '- 一覧\n').diagnostics[0]!.rule, 'load-not-mapping');
  assert.deepEqual(pick(validateText('a.yaml', '表紙: {}\n')), [{ rule: 'form-unknown', severity: 'error', line: 1, col: 1 }]);
  assert.deepEqual(pick(validateText('a.yaml', '様式: 特別項目評価書\n')), [{ rule: 'form-unknown', severity: 'error', line: 1, col: 5 }]);
});

test('UTF-8 の BOM 付きファイルはそのまま読める', () => {
  const result = validateFile(fileWith('bom.yaml', '\uFEFF' + referenceText));
  assert.equal(result.renderable, true);
});

test('型の誤りは項目名と行・列を示し、出力できない', () => {
  const text = referenceText.replace('  評価書番号: 48', '  評価書番号: [48]').replace('使用者数: 100人以上500人未満', '使用者数: 100人から500人');
  const result = validateText('a.yaml', text);
  assert.equal(result.renderable, false);
  const type = result.diagnostics.find((d) => d.rule === 'schema-type')!;
  assert.equal(type.path, '/表紙/評価書番号');
  assert.equal(type.line, 11);
  assert.match(type.message, /評価書番号/);
  const choice = result.diagnostics.find((d) => d.rule === 'schema-enum')!;
  assert.match(choice.message, /「100人から500人」は「Ⅱ 特定個人情報ファイルの概要 3\. 特定個人情報の入手・使用 ④使用の主体 使用者数」の選択肢にありません/);
  assert.match(choice.hint!, /4\) 100人以上500人未満/);
});

test('綴りを誤った項目名は様式にない項目として、近い項目名を示す', () => {
  const text = referenceText.replace('    所属長の役職名: 子ども福祉課長', '    所属長の役職: 子ども福祉課長').replace('  公表日: 令和8年3月30日', '  公表日: 令和8年3月30日\n  備考欄: なし');
  const result = validateText('a.yaml', text);
  const unknown = result.diagnostics.filter((d) => d.rule === 'schema-unknown-key');
  assert.deepEqual(unknown.map((d) => [d.line, d.col, d.hint]), [
    [17, 3, 'ここに書ける項目: 評価書番号、評価書名、個人のプライバシー等の権利利益の保護の宣言、特記事項、評価実施機関名、公表日'],
    [31, 5, 'もしかして「所属長の役職名」ですか。'],
  ]);
  // The misspelt required item is also reported missing (at its parent), as a warning in draft.
  assert.ok(result.diagnostics.some((d) => d.rule === 'schema-required' && d.path === '/基本情報/評価実施機関における担当部署/所属長の役職名'));
});

test('全角括弧で書いた選択肢は半角括弧の選択肢を示す', () => {
  const text = referenceText.replace('しきい値判断結果: 基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)', 'しきい値判断結果: 基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）');
  const choice = validateText('a.yaml', text).diagnostics.find((d) => d.rule === 'schema-enum')!;
  assert.match(choice.hint!, /^もしかして「基礎項目評価の実施が義務付けられる\(任意に重点項目評価を実施\)」ですか。/);
});

test('チェック欄に ○ と書くと true / false / 不明 を案内する', () => {
  const text = referenceText.replace('      自己点検: true', '      自己点検: ○');
  const d = validateText('a.yaml', text).diagnostics.find((x) => x.rule === 'schema-enum')!;
  assert.match(d.message, /true、false、不明/);
});

test('日付の書き方の誤りは和暦の書き方を案内する', () => {
  const text = referenceText.replace('  公表日: 令和8年3月30日', '  公表日: R8.3.30');
  const d = validateText('a.yaml', text).diagnostics.find((x) => x.rule === 'schema-date-format')!;
  assert.equal(d.line, 16);
  assert.match(d.hint!, /令和8年3月30日/);
});
