/**
 * Slips of a Japanese input method name their real cause at their own line:col, with the fix as hint, in
 * Japanese and with --lang en in English: a full-width space in the indentation, a full-width colon, no space
 * after the colon, a value starting with "[" ("[○] 行う"), full-width brackets and braces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateText } from '../../src/validate/validate.ts';
import { setLang } from '../../src/report/i18n.ts';
import type { Diagnostic } from '../../src/report/diagnostic.ts';

const reference = readFileSync(fileURLToPath(new URL('../../assessments/koshigaya-48-kodomo-iryohi/assessment.yaml', import.meta.url)), 'utf8');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

function errors(text: string, lang: 'ja' | 'en' = 'ja'): Diagnostic[] {
  setLang(lang);
  try {
    return validateText('a.yaml', text, { today: '2026-11-25' }).diagnostics.filter((d) => d.severity === 'error' && !['threshold-consistency', 'change-entry-date'].includes(d.rule));
  } finally {
    setLang('ja');
  }
}

const place = (d: Diagnostic) => ({ rule: d.rule, line: d.line, col: d.col });

test('全角スペースの字下げ: 字下げの全角スペースを指し、半角スペースに直すよう案内する(後続の構文エラーは出さない)', () => {
  const text = reference.replace('  評価書番号: 48', '\u3000評価書番号: 48');
  const found = errors(text);
  assert.deepEqual(found.map(place), [{ rule: 'yaml-fullwidth-space', line: lineOf(text, '\u3000評価書番号'), col: 1 }]);
  assert.match(found[0]!.message, /全角スペース/);
  assert.match(found[0]!.hint!, /半角スペース/);
  const en = errors(text, 'en');
  assert.match(en[0]!.message, /full-width space/);
  assert.match(en[0]!.hint!, /ASCII spaces/);
});

test('半角スペースの後の全角スペース: 項目名の前の全角スペースと正しい項目名を示す', () => {
  const text = reference.replace('  評価書番号: 48', '  \u3000評価書番号: 48');
  const found = errors(text).filter((d) => d.rule === 'schema-unknown-key');
  assert.deepEqual(found.map(place), [{ rule: 'schema-unknown-key', line: lineOf(text, '\u3000評価書番号'), col: 3 }]);
  assert.match(found[0]!.message, /前に全角スペース/);
  assert.match(found[0]!.hint!, /「評価書番号」/);
  assert.match(errors(text, 'en').find((d) => d.rule === 'schema-unknown-key')!.hint!, /The item name is "評価書番号"/);
});

test('全角コロン: 全角の「：」の位置を指し、「: 」に直すよう案内する', () => {
  for (const slip of ['  評価書番号：48', '  評価書番号： 48']) {
    const text = reference.replace('  評価書番号: 48', slip);
    const found = errors(text);
    assert.deepEqual(found.map(place), [{ rule: 'yaml-fullwidth-colon', line: lineOf(text, slip), col: 8 }], slip);
    assert.match(found[0]!.message, /全角「：」/);
    assert.match(found[0]!.hint!, /評価書番号: 48/);
    assert.match(errors(text, 'en')[0]!.message, /full-width/);
  }
});

test('最後の行の全角コロン・空白なしのコロン(構文エラーにならず文字列になる)も原因を示す', () => {
  for (const [slip, rule] of [['  評価書番号：48', /全角「：」/], ['  評価書番号:48', /空白がありません/]] as const) {
    const found = errors(`様式: 重点項目評価書\n表紙:\n${slip}\n`).filter((d) => d.path === '/表紙');
    assert.equal(found.length, 1, slip);
    assert.equal(found[0]!.line, 3);
    assert.match(found[0]!.message, rule);
  }
});

test('コロンの後に空白がない: コロンを指し、空白を入れるよう案内する', () => {
  const text = reference.replace('  評価書番号: 48', '  評価書番号:48');
  const found = errors(text);
  assert.deepEqual(found.map(place), [{ rule: 'yaml-colon-space', line: lineOf(text, '評価書番号:48'), col: 8 }]);
  assert.match(found[0]!.message, /空白がありません/);
  assert.match(found[0]!.hint!, /評価書番号: 48/);
  assert.match(errors(text, 'en')[0]!.message, /no space after the colon/);
});

test('値が [○] で始まる: 一覧の書き出しと読まれたことを値の位置で示し、引用符か true/false/不明 を案内する', () => {
  const text = reference.replace(/^( +)個人番号: 不明$/m, '$1個人番号: [○] する');
  const found = errors(text);
  const line = lineOf(text, '個人番号: [○] する');
  assert.deepEqual(found.map(place), [{ rule: 'yaml-flow-start', line, col: text.split('\n')[line - 1]!.indexOf('[') + 1 }]);
  assert.match(found[0]!.message, /「\[」で始まる/);
  assert.match(found[0]!.hint!, /"\[○\] する"/);
  assert.match(errors(text, 'en')[0]!.hint!, /put the whole value in quotes/);

  // Unclosed: the parser stops on a later line; the slip is named on its own line.
  const unclosed = reference.replace(/^( +)備考: null$/m, '$1備考: [注 済み');
  const u = errors(unclosed);
  assert.deepEqual(u.map((d) => d.rule), ['yaml-flow-start']);
  assert.equal(u[0]!.line, lineOf(unclosed, '備考: [注'));

  // Alone, it parses as a list: the type and checkbox messages say so.
  const text2 = reference.replace(/^( +)備考: null$/m, '$1備考: [○]');
  const t2 = errors(text2).find((d) => d.rule === 'schema-type')!;
  assert.equal(t2.line, lineOf(text2, '備考: [○]'));
  assert.match(t2.message, /一覧と読まれました/);
  const box = errors(reference.replace(/^( +)個人番号: 不明$/m, '$1個人番号: [○]')).find((d) => d.rule === 'schema-enum')!;
  assert.match(box.hint!, /true \/ false \/ 不明/);
  assert.match(box.hint!, /引用符/);
});

test('全角の括弧: 一覧の［ ］は文字列と読まれたこと、｛ ｝の並びは括弧が全角であることを示す', () => {
  const list = reference.replace(/項目: \[(児童生年月日[^\]]*)\]/, '項目: ［$1］');
  const found = errors(list);
  assert.deepEqual(found.map(place), [{ rule: 'schema-type', line: lineOf(list, '項目: ［'), col: list.split('\n')[lineOf(list, '項目: ［') - 1]!.indexOf('［') + 1 }]);
  assert.match(found[0]!.message, /全角「［ ］」/);
  assert.match(found[0]!.hint!, /半角の \[ \]/);
  assert.match(errors(list, 'en')[0]!.message, /full-width/);

  const map = reference.replace('その他: { 選択: 不明, 内容: 口座情報 }', 'その他: ｛ 選択: 不明, 内容: 口座情報 ｝');
  const m = errors(map);
  const line = lineOf(map, '｛');
  assert.deepEqual(m.map(place), [{ rule: 'yaml-fullwidth-bracket', line, col: map.split('\n')[line - 1]!.indexOf('｛') + 1 }]);
  assert.match(m[0]!.hint!, /半角の \{ \}/);
  assert.match(errors(map, 'en')[0]!.hint!, /ASCII \{ \}/);
});

test('同じ文字でも誤りのない行では何も言わない(段落の全角スペース、文中の全角コロン)', () => {
  const text = reference.replace(/^( +)備考: null$/m, '$1備考: |-\n$1  \u3000本市は、注：のとおり行う。\n$1  次の行');
  assert.deepEqual(errors(text).filter((d) => d.rule.startsWith('yaml-')), []);
  // A real "値の中の「: 」" error keeps its own hint.
  const colon = errors('様式: 重点項目評価書\n請求先: 越谷市総務部総務課 住所: 〒343-8501\n');
  assert.equal(colon[0]!.rule, 'yaml-syntax');
});

test('--lang en reaches the worker threads of validateMany (many files)', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { validateMany } = await import('../../src/validate/validate-many.ts');
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-ime-'));
  try {
    const files = Array.from({ length: 64 }, (_, i) => {
      const file = path.join(dir, `a${i}.yaml`);
      writeFileSync(file, '様式: 重点項目評価書\n表紙:\n  評価書番号：48\n  評価書名: x\n');
      return file;
    });
    setLang('en');
    const results = await validateMany(files, {}, 2);
    assert.equal(results.length, 64);
    for (const r of results) assert.match(r.diagnostics[0]!.message, /is full-width/, r.file);
  } finally {
    setLang('ja');
    rmSync(dir, { recursive: true, force: true });
  }
});
