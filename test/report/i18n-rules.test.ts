/**
 * `--lang en` covers every rule: each message, hint and title of the validation, classification, check, office and
 * audit (time) rules (and the findings the outputs add of their own) is run in Japanese and in English. The English text must exist,
 * take the same {placeholders}, and contain no Japanese of ours: Japanese may stand only as a quoted official name
 * (「…」), a YAML key the user types (`…`), or one of the official terms below that the forms and the law use as
 * names.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { bilingual, lang, setLang, tr, type Lang } from '../../src/report/i18n.ts';
import { messages } from '../../src/report/messages.ts';
import { fillTemplate } from '../../src/report/diagnostic.ts';
import { validationRules } from '../../src/validate/rules/catalogue.ts';
import { classificationRules } from '../../src/classify/catalogue.ts';
import { checkRules } from '../../src/checks/catalogue.ts';
import { officeRules } from '../../src/office/rules/catalogue.ts';
import { preChangeProcedure } from '../../src/diff/pre-change-procedure.ts';
import { withholdMessages } from '../../src/model/withhold.ts';
import { findingRule, findingRules } from '../../src/report/finding-rules.ts';
import { timeRules } from '../../src/classify/time-rules.ts';
import { assertEnglish, japanese } from './english.ts';

const initial = lang();
after(() => setLang(initial));

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

interface Texts {
  where: string;
  table: Readonly<Record<string, string>> | undefined;
}

/** Every table of rule texts, read in the given language. */
function tables(): Texts[] {
  const out: Texts[] = [];
  for (const r of validationRules) out.push({ where: `validate/${r.meta.id} messages`, table: r.meta.messages }, { where: `validate/${r.meta.id} hints`, table: r.meta.hints });
  for (const r of classificationRules) out.push({ where: `classify/${r.meta.id} messages`, table: r.meta.messages });
  for (const r of checkRules) out.push({ where: `checks/${r.id} messages`, table: r.messages }, { where: `checks/${r.id} hints`, table: r.hints });
  for (const r of officeRules) out.push({ where: `office/${r.meta.id} messages`, table: r.meta.messages }, { where: `office/${r.meta.id} hints`, table: r.meta.hints });
  for (const r of timeRules) out.push({ where: `audit/${r.id} messages`, table: r.messages });
  out.push({ where: 'diff/pre-change-procedure messages', table: preChangeProcedure.meta.messages }, { where: 'diff/pre-change-procedure hints', table: preChangeProcedure.meta.hints });
  out.push({ where: 'withhold', table: Object.fromEntries(Object.entries(withholdMessages).flatMap(([id, m]) => [[`${id} message`, m.message], [`${id} hint`, m.hint]])) });
  out.push({ where: 'finding rules', table: Object.fromEntries(Object.keys(findingRules).flatMap((id) => [[`${id} title`, findingRule(id).title], [`${id} description`, findingRule(id).description]])) });
  return out;
}

function snapshot(language: Lang): Map<string, string> {
  setLang(language);
  const texts = new Map<string, string>();
  for (const { where, table } of tables()) for (const [key, text] of Object.entries(table ?? {})) texts.set(`${where} ${key}`, text);
  for (const r of [...validationRules.map((x) => x.meta), ...classificationRules.map((x) => x.meta), ...checkRules, ...officeRules.map((x) => x.meta), preChangeProcedure.meta, ...timeRules]) texts.set(`${r.id} title`, r.title);
  for (const [key, m] of Object.entries(messages)) texts.set(`messages.ts ${key}`, m[language]);
  return texts;
}

test('すべての規則のメッセージ・hint・題名に英語があり、同じ差込み項目を取り、日本語(自前の言葉)が残っていない', () => {
  const ja = snapshot('ja');
  const en = snapshot('en');
  assert.deepEqual([...en.keys()], [...ja.keys()], 'the same texts in both languages');
  assert.ok(ja.size > 300, `${ja.size} texts`);
  let checked = 0;
  const problems: string[] = [];
  for (const [key, jaText] of ja) {
    try {
      checkOne(key, jaText, en.get(key)!);
    } catch (error) {
      problems.push((error as Error).message.split('\n')[0]!);
    }
    checked++;
  }
  assert.deepEqual(problems, [], `${problems.length} texts lack English`);
  assert.equal(checked, ja.size);
});

function checkOne(key: string, jaText: string, enText: string): void {
  {
    assert.ok(enText.trim().length > 0, `${key}: English text is empty`);
    assert.deepEqual(placeholders(enText), placeholders(jaText), `${key}: placeholders`);
    // Run the message as a finding would: every placeholder filled (with ASCII, so only the template is judged).
    const data = Object.fromEntries(placeholders(jaText).map((p) => [p, `<${p}>`]));
    const filledJa = fillTemplate(jaText, data);
    const filledEn = fillTemplate(enText, data);
    assert.doesNotMatch(filledEn, /\{\w+\}/, `${key}: every placeholder filled`);
    if (japanese.test(filledJa)) {
      assert.notEqual(filledEn, filledJa, `${key}: not translated`);
      assertEnglish(filledEn, key);
    }
  }
}

test('規則の表は言語を切り替えると読み直され(モジュールを読み込んだ時の言語に固定されない)、PIA_LANG も worker に引き継がれる', () => {
  setLang('en');
  assert.equal(process.env.PIA_LANG, 'en');
  const wareki = validationRules.find((r) => r.meta.id === 'wareki-date')!;
  assert.equal(wareki.meta.messages['no-such-day'], '「{value}」 is not a real date.');
  assert.equal(tr('(なし)', '(nothing)'), '(nothing)');
  setLang('ja');
  assert.equal(process.env.PIA_LANG, 'ja');
  assert.equal(wareki.meta.messages['no-such-day'], '「{value}」は存在しない日付です。');
  assert.equal(wareki.meta.title, '日付が実在し、元号の期間内にある');
  assert.deepEqual(Object.keys(wareki.meta.hints!), ['no-such-day', 'after-era', 'before-era']);
  assert.deepEqual(JSON.parse(JSON.stringify(bilingual({ a: 'あ' }, { a: 'a' }))), { a: 'あ' }, 'plain JSON in the current language');
});

test('英語の確認は日本語の残りを見つける(確認そのものの試験)', () => {
  assert.throws(() => assertEnglish('The item is 空欄.', 'sample'), /Japanese left/);
  assert.throws(() => assertEnglish('「項目」が空欄です。', 'sample'), /Japanese left/);
  assertEnglish('「Ⅱ 特定個人情報ファイルの概要」 is blank in the 重点項目評価書 (事前); set `確認日`.', 'sample');
});
