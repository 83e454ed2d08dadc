/**
 * The machine outputs follow --lang: with `--lang en`, the messages, hints and rule titles inside the JSON, SARIF
 * and JUnit of `pia validate`, `pia check` and `pia diff` are the rules' English texts (what is left once those
 * are taken out holds no Japanese of ours), and the outputs still validate (SARIF 2.1.0 schema, JUnit XSD).
 * Without --lang they stay Japanese.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertSarifSchema, root, xmllintJunit } from './consumers.ts';
import { assertEnglish, assertEnglishOutput, keptTerms } from './english.ts';
import { lang, setLang } from '../../src/report/i18n.ts';
import { messages } from '../../src/report/messages.ts';
import { validationRules } from '../../src/validate/rules/catalogue.ts';
import { classificationRules } from '../../src/classify/catalogue.ts';
import { checkRules } from '../../src/checks/catalogue.ts';
import { officeRules } from '../../src/office/rules/catalogue.ts';
import { preChangeProcedure } from '../../src/diff/pre-change-procedure.ts';
import { timeRules } from '../../src/classify/time-rules.ts';
import { roleVocabulary } from '../../src/model/roles.ts';
import { findingRule, findingRules } from '../../src/report/finding-rules.ts';

const bin = path.join(root, 'src/cli/bin.js');
let dir: string;

function pia(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PIA_LANG: '', PIA_TODAY: '2026-11-25', PIA_SITE_URL: 'https://www.city.example.lg.jp/hyoka/' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.name=テスト', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir }).status, 0);

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pia-lang-'));
  const folder = path.join(dir, 'assessments/ref');
  mkdirSync(path.dirname(folder), { recursive: true });
  cpSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi'), folder, { recursive: true });
  cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', '公表版');
  // A contradicted claim for pia check, and one ※ change and one plain change for pia diff.
  const config = path.join(folder, 'sample-config/auth-policy.json');
  writeFileSync(config, readFileSync(config, 'utf8').replace('"required": true', '"required": false'));
  const file = path.join(folder, 'assessment.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('入退室管理を行っている部屋に設置したサーバー内に保管する。', 'ガバメントクラウド上のサーバー内に保管する。').replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every English text of ours (rule messages, hints, titles, frame words) as a pattern, longest first. */
function englishPatterns(): RegExp[] {
  const initial = lang();
  setLang('en');
  try {
    const texts = new Set<string>();
    const add = (table: Readonly<Record<string, string>> | undefined) => Object.values(table ?? {}).forEach((t) => texts.add(t));
    for (const r of validationRules) add(r.meta.messages), add(r.meta.hints), texts.add(r.meta.title);
    for (const r of classificationRules) add(r.meta.messages), texts.add(r.meta.title);
    for (const r of checkRules) add(r.messages), add(r.hints), texts.add(r.title);
    for (const r of officeRules) add(r.meta.messages), add(r.meta.hints), texts.add(r.meta.title);
    for (const r of timeRules) add(r.messages), texts.add(r.title);
    add(preChangeProcedure.meta.messages), add(preChangeProcedure.meta.hints);
    for (const id of Object.keys(findingRules)) texts.add(findingRule(id).title), texts.add(findingRule(id).description);
    for (const m of Object.values(messages)) texts.add(m.en);
    return [...texts].filter((t) => t.length > 2).sort((a, b) => b.length - a.length).map((t) => {
      const parts = t.split(/(\{\w+\})/);
      return new RegExp(parts.map((p, i) => (/^\{\w+\}$/.test(p) ? (i === parts.length - 2 && parts.at(-1) === '' ? '[^\\n]*' : '[\\s\\S]*?') : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join(''), 'g');
    });
  } finally {
    setLang(initial);
  }
}
let patterns: RegExp[] | undefined;

/**
 * A message of an output is English: our English texts (with the data they carry) are taken out, and the rest —
 * paths, numbers, punctuation, the outputs' own English words — holds no Japanese outside quoted names.
 */
function assertOurEnglish(text: string, where: string): void {
  patterns ??= englishPatterns();
  let rest = text;
  let matched = 0;
  for (const p of patterns) rest = rest.replace(p, () => (matched++, ' '));
  assert.ok(matched > 0, `${where}: no English text of ours in: ${text}`);
  assertEnglishOutput(rest, where);
}

const japaneseSentence = /[ぁ-ん]{2,}/u;

test('pia check --lang en: text・JSON・SARIF・JUnit のメッセージと hint、規則の題名が英語で、SARIF と JUnit は検証を通る', async () => {
  const json = pia(['check', '--today', '2027-07-01', '--format', 'json', '--lang', 'en']);
  assert.equal(json.code, 1, json.stderr);
  const results = JSON.parse(json.stdout).runs.flatMap((r: { results: { message: string; hint?: string }[] }) => r.results);
  assert.ok(results.length >= 10);
  for (const r of results) {
    assertOurEnglish(r.message, 'check json message');
    if (r.hint) assertOurEnglish(r.hint, 'check json hint');
  }
  const sarif = pia(['check', '--today', '2027-07-01', '--format', 'sarif', '--lang', 'en']);
  const log = JSON.parse(sarif.stdout);
  assertSarifSchema(log);
  for (const rule of log.runs[0].tool.driver.rules) assertEnglish(rule.shortDescription.text, `SARIF rule ${rule.id}`);
  for (const r of log.runs[0].results) assertOurEnglish(r.message.text, `SARIF ${r.ruleId}`);
  const junit = pia(['check', '--today', '2027-07-01', '--format', 'junit', '--lang', 'en']);
  assert.equal(await xmllintJunit(junit.stdout), '');
  const failures = [...junit.stdout.matchAll(/<failure message="([^"]*)"[^>]*>([^<]*)<\/failure>/g)];
  assert.equal(failures.length, 3);
  for (const [, message, body] of failures) {
    assertOurEnglish(message!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'), 'JUnit failure message');
    assert.match(body!, /^assessment: assessments\/ref\/assessment\.yaml:\d+:\d+$/m);
    assert.match(body!, /^check defined at: assessments\/ref\/checks\.yaml:\d+:\d+$/m);
  }
  // Without --lang: Japanese, as before.
  const ja = JSON.parse(pia(['check', '--today', '2027-07-01', '--format', 'json']).stdout).runs[0].results[0];
  assert.match(ja.message, japaneseSentence);
});

test('pia diff --lang en: JSON・SARIF・JUnit の分類の理由と指摘が英語', async () => {
  const json = pia(['diff', '--base', 'main', '--format', 'json', '--lang', 'en']);
  assert.equal(json.code, 1, json.stderr);
  const out = JSON.parse(json.stdout);
  const texts: string[] = [];
  JSON.stringify(out, (key, value) => {
    if ((key === 'message' || key === 'hint' || key === 'reason') && typeof value === 'string') texts.push(value);
    return value;
  });
  assert.ok(texts.length >= 3, JSON.stringify(out).slice(0, 500));
  for (const text of texts) assertEnglishOutput(text, 'diff json');
  const sarif = JSON.parse(pia(['diff', '--base', 'main', '--format', 'sarif', '--lang', 'en']).stdout);
  assertSarifSchema(sarif);
  assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['non-significant-item', 'significant-item-changed', 'pre-change-not-recorded']);
  for (const r of sarif.runs[0].results) assertEnglishOutput(r.message.text, `diff SARIF ${r.ruleId}`);
  for (const rule of sarif.runs[0].tool.driver.rules) assertEnglish(rule.shortDescription.text, `diff SARIF rule ${rule.id}`);
  const junit = pia(['diff', '--base', 'main', '--format', 'junit', '--lang', 'en']).stdout;
  assert.equal(await xmllintJunit(junit), '');
  const messagesOf = [...junit.matchAll(/<failure message="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(messagesOf.length >= 1);
  for (const m of messagesOf) assertEnglishOutput(m, 'diff JUnit');
});

test('pia validate --lang en --format json: 検証規則と様式の定義(JSON Schema)の指摘が英語', () => {
  const r = pia(['validate', '--format', 'json', '--lang', 'en', 'assessments']);
  const diagnostics = JSON.parse(r.stdout).diagnostics as { rule: string; message: string; hint?: string }[];
  const rules = new Set(diagnostics.map((d) => d.rule));
  assert.ok(rules.size >= 8, [...rules].join());
  for (const d of diagnostics) {
    // threshold-consistency quotes the しきい値判断 inputs as the threshold module writes them (not a rule text).
    if (d.rule === 'threshold-consistency') continue;
    assertEnglishOutput(d.message, `validate ${d.rule}`);
    if (d.hint) assertEnglishOutput(d.hint, `validate ${d.rule} hint`);
  }
  const ja = JSON.parse(pia(['validate', '--format', 'json', 'assessments']).stdout).diagnostics as { message: string }[];
  assert.ok(ja.every((d) => japaneseSentence.test(d.message)));
});

test('pia rules --lang en: 見出し・列名・規則の題名が英語(様式の項目名・役割名はそのまま)', () => {
  for (const args of [['rules', '--lang', 'en'], ['rules', '--form', '重点項目評価書', '--lang', 'en']]) {
    const r = pia(args);
    assert.equal(r.code, 0, r.stderr);
    // The Items column names the items a classification rule reads: the forms' item and role names, kept as they are.
    const items = [...keptTerms, ...classificationRules.flatMap((c) => c.meta.items), ...Object.values(roleVocabulary()).map((v) => v.title)].sort((a, b) => b.length - a.length);
    // With --form, the last column of the rules that do not apply gives the reason recorded in the form definition
    // (schemas/, Japanese data): that column is left out.
    const all = r.stdout.split('\n').filter((l) => l.trim() !== '');
    const notApplying = all.findIndex((l) => l.startsWith('Rules that do not apply'));
    const lines = all.map((l, i) => (notApplying >= 0 && i > notApplying + 1 ? l.replace(/ {2,}\S*[\u3040-\u30ff\u4e00-\u9fff].*$/u, '') : l));
    for (const line of lines) assertEnglishOutput(items.reduce((rest, item) => rest.split(item).join(' '), line), `pia ${args.join(' ')}`);
  }
});
