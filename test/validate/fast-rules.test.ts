/**
 * The fast paths of validation give exactly the previous results: the rules inside one validation's read memo
 * (src/model/read-memo.ts) against each rule alone, and the scans that replaced regular expressions against the
 * expressions themselves (the previous implementations, kept here as the reference), on every sample assessment,
 * mutated copies of them and random strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateText } from '../../src/validate/validate.ts';
import { validationRules } from '../../src/validate/rules/catalogue.ts';
import { withReadMemo } from '../../src/model/read-memo.ts';
import { stringLeaves } from '../../src/model/access.ts';
import { formRoles, missingRoles, readRole, roleSites } from '../../src/model/roles.ts';
import { compactNfkc, isNfkcStable, nfkc, normalizeFormal, whiteSpaceCharacters } from '../../src/model/formal.ts';
import { fillTemplate } from '../../src/report/diagnostic.ts';
import { itemCandidates, matchItem, type ItemCandidate } from '../../src/schema/items.ts';
import { doubledWord, doubledWords } from '../../src/validate/rules/doubled-word.ts';
import { termVariant, variantGroups } from '../../src/validate/rules/term-variant.ts';
import { officeFiles } from '../../src/office/office.ts';
import { boxState, coverLinks, coverPairs, fileEntryOf, fileIdOf, namesKind, type CoverPair } from '../../src/model/links.ts';
import { coverBoxes } from '../../src/model/roles.ts';
import type { CoverLink } from '../../src/schema/registry.ts';
import type { RuleFinding } from '../../src/validate/rule.ts';
import type { JsonSchema } from '../../src/schema/registry.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const samples = globSync('assessments/**/assessment.yaml', { cwd: root }).sort();

/** Each sample, and copies with one spelling swapped (first, second, fifth and every occurrence). */
function variants(): { name: string; text: string }[] {
  const swaps: [string, string][] = [
    ['こども', '子ども'], ['子ども', '子供'], ['及び', 'および'], ['又は', 'または'], ['システム', 'システムシステム'], ['情報', '情報情報'],
    ['システム', 'システ'], ['サーバー', 'サーバ'], ['住民', 'ＩＳＯ'], ['住民', 'ISO'], ['受給者', '受給者受給者'], ['入手', '𠮷𠮷野家'],
    ['年4月1日', '年2月30日'], [': —', ': '], ['true', '不明'], ['false', '不明'], ['変更後の記載: ', '変更後の記載: 違う'], ['あり', 'なし'],
  ];
  const out: { name: string; text: string }[] = [];
  for (const file of samples) {
    const text = readFileSync(path.join(root, file), 'utf8');
    out.push({ name: file, text });
    for (const [a, b] of swaps) {
      for (const k of [1, 2, 5]) {
        let at = -1;
        for (let n = 0; n < k && (n === 0 || at >= 0); n++) at = text.indexOf(a, at + 1);
        if (at >= 0) out.push({ name: `${file} ${a}→${b} #${k}`, text: text.slice(0, at) + b + text.slice(at + a.length) });
      }
      out.push({ name: `${file} ${a}→${b} all`, text: text.split(a).join(b) });
    }
  }
  return out;
}

/** The previous term-variant check (regular expression, matchAll), as the reference. */
function termVariantBefore(data: Record<string, unknown>, schema: JsonSchema): RuleFinding[] {
  const groupOf = new Map(variantGroups.flatMap((group, g) => group.map((spelling) => [spelling, g] as const)));
  const wordPattern = new RegExp(`(${[...groupOf.keys()].sort((a, b) => b.length - a.length).join('|')})|([ァ-ヴ][ァ-ヴー]*)|([A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*)`, 'g');
  const excluded = [/^\/検証の例外\//, /\/ID$/, /^\/\$schema$/];
  const forms = new Map<string, Map<string, { path: string; count: number }>>();
  const note = (key: string, spelling: string, path: string) => {
    const spellings = forms.get(key) ?? new Map<string, { path: string; count: number }>();
    const seen = spellings.get(spelling);
    if (seen) seen.count++;
    else spellings.set(spelling, { path, count: 1 });
    forms.set(key, spellings);
  };
  const oldWording = new Set(readRole(schema, data, 'change.before').map((r) => r.pointer));
  for (const { path, text } of stringLeaves(data)) {
    if (oldWording.has(path) || excluded.some((re) => re.test(path))) continue;
    for (const match of text.matchAll(wordPattern)) {
      const [word, variant, katakana] = match;
      if (variant !== undefined) {
        const group = groupOf.get(word)!;
        const tail = group === 0 ? text.slice(match.index + word.length).match(/^[一-龯ぁ-んァ-ヴー]{3}/)?.[0] : undefined;
        note(tail ? `group${group}:${tail}` : `group${group}`, tail ? word + tail : word, path);
      } else if (katakana !== undefined) {
        if (word.length >= 3) note('kata:' + word.replace(/ー$/, ''), word, path);
      } else note('width:' + word.normalize('NFKC'), word, path);
    }
  }
  const findings: RuleFinding[] = [];
  for (const spellings of forms.values()) {
    if (spellings.size < 2) continue;
    const ranked = [...spellings.entries()].sort((x, y) => y[1].count - x[1].count);
    const [major, minor] = [ranked[0]!, ranked[1]!];
    findings.push({ messageId: 'variant', path: minor[1].path, data: { a: major[0], countA: major[1].count, b: minor[0], countB: minor[1].count } });
  }
  return findings;
}

/** The previous doubled-word check (each string on its own, its pointer tested for our metadata), as the reference. */
function doubledWordBefore(data: Record<string, unknown>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { path, text } of stringLeaves(data)) {
    if (path.startsWith('/検証の例外') || path === '/$schema') continue;
    for (const word of doubledWordsBefore(text)) findings.push({ messageId: 'doubled', path, data: { word } });
  }
  return findings;
}

/** The previous coverPairs (every box's terms tested against every record item of the file), as the reference. */
function coverPairsBefore(root: JsonSchema, data: unknown, link: CoverLink): CoverPair[] {
  const boxes = coverBoxes(root, link.left);
  if (boxes.length === 0) return [];
  const itemsByFile = new Map<string, { pointer: string; name: string }[]>();
  const listOf = new Map<string, string>();
  for (const read of readRole(root, data, link.right)) {
    const entry = fileEntryOf(data, read.pointer);
    if (entry === undefined || !Array.isArray(read.raw)) continue;
    const list = itemsByFile.get(entry.id) ?? [];
    read.raw.forEach((name, i) => { if (typeof name === 'string' && name.trim() !== '') list.push({ pointer: `${read.pointer}/${i}`, name }); });
    itemsByFile.set(entry.id, list);
    if (!listOf.has(entry.id)) listOf.set(entry.id, entry.pointer);
  }
  const out: CoverPair[] = [];
  for (const summary of readRole(root, data, link.left)) {
    const id = fileIdOf(root, data, summary.pointer);
    const items = id === undefined ? [] : (itemsByFile.get(id) ?? []);
    if (items.length === 0) continue;
    for (const box of boxes) {
      const named = items.filter((item) => namesKind(box.terms, item.name));
      if (named.length === 0) continue;
      out.push({ box, pointer: `${summary.pointer}/${box.path.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`, ...boxState(summary.raw, box), items: named, list: listOf.get(id!)! });
    }
  }
  return out;
}

/** The previous doubledWords (regular expression for the runs, an array of characters for the repeat test). */
function doubledWordsBefore(text: string): string[] {
  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  const hanOrKatakana = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;
  const hasRepeat = (chars: readonly string[]) => {
    for (let len = 2; len * 2 <= chars.length; len++) {
      for (let i = 0; i + 2 * len <= chars.length; i++) {
        let same = true;
        for (let k = 0; k < len && same; k++) same = chars[i + k] === chars[i + len + k];
        if (same) return true;
      }
    }
    return false;
  };
  const found: string[] = [];
  for (const [run] of text.matchAll(/[\p{Script=Han}\p{Script=Katakana}ー]{4,}/gu)) {
    if (!hasRepeat([...run])) continue;
    const tokens = [...segmenter.segment(run)].map((s) => s.segment);
    for (let i = 0; i < tokens.length; i++) {
      for (const width of [1, 2]) {
        const a = tokens.slice(i, i + width).join('');
        const b = tokens.slice(i + width, i + 2 * width).join('');
        if (tokens.length < i + 2 * width || a !== b || [...a].length < 2 || !hanOrKatakana.test(a)) continue;
        found.push(a);
        i += 2 * width - 1;
        break;
      }
    }
  }
  return found;
}

const normalizeFormalBefore = (text: string) =>
  text.normalize('NFKC').replace(/\s+/gu, '').replace(/[,，､、]/gu, '、').replace(/[.．。｡]/gu, '。').replace(/[‐‑‒–—―−－ｰ-]/gu, '-').replace(/[“”"『』「」]/gu, '「');

const fillTemplateBefore = (template: string, data: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));

function matchItemBefore(candidates: readonly ItemCandidate[], text: string): ItemCandidate | undefined {
  const key = normalizeFormalBefore(text);
  let best: ItemCandidate | undefined;
  for (const c of candidates) if (key.startsWith(c.key) && (!best || c.key.length > best.key.length)) best = c;
  return best;
}

/** Deterministic random strings over an alphabet of the characters the scans treat specially. */
function randomStrings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: count }, () => Array.from({ length: next(maxLength + 1) }, () => alphabet[next(alphabet.length)]!).join(''));
}

const textAlphabet = [
  ...'情報情報特定個人子供こども子どもおよび及び又はまたは並びにならびにウイルスウィルスシステムサーバーユーザァヴーｰ・ABCabcＡＢＣａｂｃ0９1２ 　、。,.「」々〇',
  '𠮷', '\ud800', '\udc00', 'カ\u3099', '㍿', 'ﾊﾟ', '①',
];

test('validation inside the read memo gives each rule the findings it gives alone, on every sample and its variants', () => {
  for (const { name, text } of variants()) {
    const result = validateText('a.yaml', text, { today: '2026-11-25', schemaOnly: true });
    if (!result.renderable || !result.data || !result.form) continue;
    const context = { data: result.data, schema: result.form.schema, today: '2026-11-25' };
    const roles = formRoles(context.schema);
    const applicable = validationRules.filter((rule) => missingRoles(rule.meta, roles).length === 0);
    const alone = applicable.map((rule) => rule.check(context));
    const shared = withReadMemo(context.schema, context.data, () => applicable.map((rule) => rule.check(context)));
    assert.deepEqual(shared, alone, name);
    assert.deepEqual(termVariant.check(context), termVariantBefore(context.data, context.schema), `term-variant: ${name}`);
    assert.deepEqual(doubledWord.check(context), doubledWordBefore(context.data), `doubled-word: ${name}`);
  }
});

test('coverPairs gives what testing every box against every record item gave, on every sample, its variants and record items of every kind', () => {
  for (const { name, text } of variants()) {
    const result = validateText('a.yaml', text, { today: '2026-11-25', schemaOnly: true });
    if (!result.renderable || !result.data || !result.form) continue;
    const schema = result.form.schema;
    for (const link of coverLinks(schema)) {
      assert.deepEqual(coverPairs(schema, result.data, link), coverPairsBefore(schema, result.data, link), name);
      // Every list of record items gets names made of each box's terms and exceptions, alone and combined.
      const words = coverBoxes(schema, link.left).flatMap((box) => [...box.terms.terms, ...(box.terms.except ?? [])]);
      const names = [...words, ...words.map((w, i) => `${w}${words[(i * 7) % words.length]}`), ' ', '', '不明な項目'];
      const data: Record<string, unknown> = structuredClone(result.data);
      readRole(schema, data, link.right).forEach((read, n) => { if (Array.isArray(read.raw)) read.raw.push(...names.filter((_, i) => i % (n + 2) !== 0)); });
      assert.deepEqual(coverPairs(schema, data, link), coverPairsBefore(schema, data, link), `${name} with more record items`);
      assert.deepEqual(withReadMemo(schema, data, () => coverPairs(schema, data, link)), coverPairsBefore(schema, data, link), `${name} with more record items, in the memo`);
    }
  }
});

/** Each sample that renders, validated (structure only) with its form's schema and its data. */
function* renderableSamples(): Generator<{ file: string; schema: JsonSchema; data: Record<string, unknown> }> {
  for (const file of samples) {
    const result = validateText(file, readFileSync(path.join(root, file), 'utf8'), { today: '2026-11-25', schemaOnly: true });
    if (result.renderable && result.data && result.form) yield { file, schema: result.form.schema, data: result.data };
  }
}

test('each role read knows its file entry (fileEntryOf its pointer), read from the root and from within an entry or a value', () => {
  let checked = 0;
  for (const { file, schema, data } of renderableSamples()) {
    for (const role of roleSites(schema).keys()) {
      for (const read of readRole(schema, data, role)) {
        assert.deepEqual(read.fileEntry, fileEntryOf(data, read.pointer), `${file} ${role} ${read.pointer}`);
        checked += read.fileEntry === undefined ? 0 : 1;
        // From within: the entry itself, and the value's holder (below the entry, or a list above it).
        for (const within of [read.fileEntry?.pointer, read.pointer.slice(0, read.pointer.lastIndexOf('/'))]) {
          if (within === undefined || within === '') continue;
          const again = readRole(schema, data, role, within).find((r) => r.pointer === read.pointer);
          assert.deepEqual(again?.fileEntry, read.fileEntry, `${file} ${role} ${read.pointer} within ${within}`);
        }
      }
    }
  }
  assert.ok(checked > 100, `reads with a file entry: ${checked}`);
});

test('a role read from within a pointer gives inside the read memo (from the read from the root) what it gives outside', () => {
  let checked = 0;
  for (const { file, schema, data } of renderableSamples()) {
    for (const role of roleSites(schema).keys()) {
      // Every pointer above a read, the read's own, one below it, another role's, and indices with a leading zero.
      const withins = new Set<string>(['/nowhere', '/0']);
      for (const read of readRole(schema, data, role)) {
        const segments = read.pointer.split('/');
        for (let n = 2; n <= segments.length; n++) withins.add(segments.slice(0, n).join('/'));
        withins.add(`${read.pointer}/0`);
        withins.add(read.pointer.replace(/\/(\d+)(?=\/|$)/, '/0$1'));
      }
      for (const other of roleSites(schema).keys()) for (const read of readRole(schema, data, other).slice(0, 3)) withins.add(read.pointer);
      const outside = [...withins].map((within) => readRole(schema, data, role, within));
      const inside = withReadMemo(schema, data, () => [...withins].map((within) => readRole(schema, data, role, within)));
      assert.deepEqual(inside, outside, `${file} ${role}`);
      checked += outside.filter((reads) => reads.length > 0).length;
    }
  }
  assert.ok(checked > 200, `reads from within that found values: ${checked}`);
});

test('term-variant leaves out what it left out: IDs, 検証の例外, $schema, the old wording of 変更箇所 rows', () => {
  const text = readFileSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'), 'utf8');
  const result = validateText('a.yaml', text, { schemaOnly: true });
  const schema = result.form!.schema;
  const data = structuredClone(result.data!);
  Object.assign(data, { ID: 'ＩＳＯ', 付記: 'ISO サーバ', 別: { ID: 'サーバー', 説明: 'ウィルス ＩＳＯ' }, $schema: 'サーバー', 検証の例外: [{ 規則: 'ISO', 理由: 'サーバー ウイルス' }] });
  const findings = termVariant.check({ data, schema, today: '2026-11-25' });
  assert.deepEqual(findings, termVariantBefore(data, schema));
  assert.ok(findings.some((f) => f.data?.a === 'ISO' || f.data?.b === 'ISO'), JSON.stringify(findings));
});

test('doubledWords, normalizeFormal and matchItem give what the previous implementations gave', () => {
  const texts = [...randomStrings(textAlphabet, 20_000, 16, 7)];
  for (const { text } of variants().slice(0, 40)) {
    const data = validateText('a.yaml', text, { schemaOnly: true }).data;
    if (data) texts.push(...stringLeaves(data).map((leaf) => leaf.text));
  }
  for (const text of texts) {
    assert.deepEqual(doubledWords(text), doubledWordsBefore(text), JSON.stringify(text));
    assert.equal(normalizeFormal(text), normalizeFormalBefore(text), JSON.stringify(text));
  }
  let whiteSpace = '';
  for (let c = 0; c < 0x10000; c++) if (/\s/u.test(String.fromCharCode(c))) whiteSpace += String.fromCharCode(c);
  assert.equal(whiteSpaceCharacters, whiteSpace);

  const schema = validateText('a.yaml', readFileSync(path.join(root, samples[0]!), 'utf8'), { schemaOnly: true }).form!.schema;
  const candidates = itemCandidates(schema);
  const labels = [...candidates.map((c) => c.label), ...candidates.map((c) => `${c.label} の記載を修正`), ...randomStrings(candidates.slice(0, 30).map((c) => c.label.slice(0, 6)), 500, 4, 3)];
  for (const label of labels) assert.equal(matchItem(candidates, label), matchItemBefore(candidates, label), label);
});

test('nfkc skips the call only where NFKC changes nothing: every unit it trusts alone, and strings of them among others', () => {
  let trusted = 0;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (!isNfkcStable(ch)) continue;
    trusted++;
    assert.equal(ch.normalize('NFKC'), ch, `U+${c.toString(16)}`);
    assert.ok(!/\s/u.test(ch), `U+${c.toString(16)} is white space`);
  }
  assert.ok(trusted > 20_000, `trusted units: ${trusted}`);
  // Marks that compose with what precedes (゙ ゚ ́), half width kana, Hangul jamo, full width brackets, spaces.
  const alphabet = [...'氏名住所カかハは一鿿ー・、。「」々Aa1~', '\u3099', '\u309a', '\u0301', 'ｶ', 'ﾞ', '\u1100', '\u1161', '（', '）', ' ', '　', '①', 'Ⅱ', '㍿', '𠮷'];
  const pairs = alphabet.flatMap((a) => alphabet.map((b) => a + b));
  for (const text of [...pairs, ...randomStrings(alphabet, 20_000, 8, 13)]) {
    assert.equal(nfkc(text), text.normalize('NFKC'), JSON.stringify(text));
    assert.equal(compactNfkc(text), text.normalize('NFKC').replace(/\s+/g, ''), JSON.stringify(text));
    if (isNfkcStable(text)) assert.equal(text.normalize('NFKC').replace(/\s+/g, ''), text, JSON.stringify(text));
  }
});

test('fillTemplate gives what the regular expression gave', () => {
  const alphabet = ['{', '}', 'a', 'b', '_', '1', '「', ' ', '{a}', '{b}', '{toString}', '{{', '}}', '{a', 'c}', '𠮷'];
  for (const [i, template] of randomStrings(alphabet, 20_000, 10, 11).entries()) {
    const data: Record<string, string | number> = i % 2 === 0 ? { a: 'X{b}', b: 7 } : {};
    assert.equal(fillTemplate(template, data), fillTemplateBefore(template, data), template);
  }
});

test('officeFiles finds what the glob pattern found (hidden folders, folder links, a folder of that name)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-office-files-'));
  try {
    for (const sub of ['.hidden', 'sub', 'real', 'sub2', 'x', 'assessment.yml']) mkdirSync(path.join(dir, sub));
    for (const file of ['.hidden/assessment.yaml', 'sub/assessment.yaml', 'assessment.yaml', 'real/assessment.yml', 'x/Assessment.yaml', 'x/assessment.YAML', 'x/assessment.yaml.bak']) writeFileSync(path.join(dir, file), '');
    symlinkSync('real', path.join(dir, 'link'));
    symlinkSync('../sub/assessment.yaml', path.join(dir, 'sub2/assessment.yaml'));
    symlinkSync('/nonexistent', path.join(dir, 'sub2/assessment.yml'));
    const before = globSync('{assessment.{yaml,yml},*/assessment.{yaml,yml}}', { cwd: dir }).sort().map((f) => path.join(dir, f));
    assert.deepEqual(officeFiles(dir), before);
    assert.deepEqual(officeFiles(path.join(dir, 'missing')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
