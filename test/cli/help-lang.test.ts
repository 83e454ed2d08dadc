/** `pia <command> --help` in Japanese (the default, unchanged) and in English with --lang en or PIA_LANG=en. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
function pia(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'src/cli/bin.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PIA_LANG: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const commands = ['audit', 'build', 'check', 'diff', 'edit', 'import', 'merge', 'new', 'pdf', 'rules', 'status', 'validate'];
const kana = /[\u3040-\u30ff]/g;
/** Hiragana, Katakana and Kanji: English help keeps only the forms' proper terms (評価書, 変更箇所, 事前 …) in Japanese. */
const japanese = /[\u3040-\u30ff\u3400-\u9fff]/g;
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
const lines = (text: string) => text.replace(/\n$/, '').split('\n');
const flags = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g) ?? []);

for (const name of commands) {
  test(`pia ${name} --help: 日本語は既定のまま、--lang en と PIA_LANG=en で英語`, async () => {
    const module = (await import(`../../src/cli/commands/${name}.ts`)) as { help: string; helpEn: string };

    const ja = pia([name, '--help']);
    assert.equal(ja.code, 0);
    assert.equal(ja.stdout, `${module.help}\n`);
    assert.match(lines(ja.stdout)[0]!, new RegExp(`^使い方: npx pia ${name}`));
    assert.match(lines(ja.stdout)[0]!, /[\u3040-\u30ff]/);
    assert.equal(pia([name, '-h']).stdout, ja.stdout);

    const en = pia([name, '--help', '--lang', 'en']);
    assert.equal(en.code, 0);
    assert.equal(en.stdout, `${module.helpEn}\n`);
    assert.notEqual(en.stdout, ja.stdout);
    assert.match(lines(en.stdout)[0]!, new RegExp(`^Usage: npx pia ${name}`));
    assert.equal(pia([name, '--help'], { PIA_LANG: 'en' }).stdout, en.stdout);
    assert.equal(pia(['--lang=en', name, '-h']).stdout, en.stdout);

    // Complete: every option of the Japanese help is explained, and no part is left out (about as many lines).
    const missing = [...flags(ja.stdout)].filter((flag) => !flags(en.stdout).has(flag));
    assert.deepEqual(missing, [], `options missing from the English help of ${name}`);
    assert.ok(Math.abs(lines(en.stdout).length - lines(ja.stdout).length) <= 3, `${name}: ${lines(en.stdout).length} English lines for ${lines(ja.stdout).length} Japanese`);

    // Translated: the Japanese help has many Japanese characters a line, the English one only proper terms.
    const perLine = (text: string, re: RegExp) => count(text, re) / lines(text).length;
    assert.ok(perLine(ja.stdout, japanese) >= 10, `${name}: the Japanese help should be Japanese`);
    assert.ok(perLine(en.stdout, japanese) <= 5, `${name}: ${perLine(en.stdout, japanese).toFixed(1)} Japanese characters a line in the English help`);
    assert.ok(perLine(en.stdout, kana) <= 1, `${name}: ${perLine(en.stdout, kana).toFixed(1)} Hiragana/Katakana a line in the English help`);
    assert.equal(count(lines(en.stdout)[0]!, kana), 0, `${name}: the English usage line has Hiragana/Katakana`);
  });
}

test('pia --help の一覧も --lang en で英語', () => {
  const ja = pia(['--help']);
  assert.equal(ja.code, 0);
  assert.match(ja.stdout, /^使い方: npx pia <コマンド>/);
  const en = pia(['--help', '--lang', 'en']);
  assert.equal(en.code, 0);
  assert.match(en.stdout, /^Usage: npx pia <command>/);
  assert.equal(count(en.stdout, kana), 0);
});
