/**
 * The differential test of the fast loader (line-scan positions, and data built by the scan itself or, for the
 * kinds of values it leaves, by js-yaml) against the positional `yaml` parse it replaces: on every YAML of the repository, on the bad-input corpus and on generated edge cases and
 * mutations, both give the same answer — the same data (deep, strict equality) and the same line:col for every
 * value and every key, or the same diagnostics when the file is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadText, loadTextPositional, onlyCommentsAndSpace } from '../../src/load/load-file.ts';
import { fastLoad } from '../../src/load/fast-load.ts';
import { cases } from '../bad-input/cases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const reference = readFileSync(path.join(root, 'assessments/koshigaya-48-kodomo-iryohi/assessment.yaml'), 'utf8');

function repositoryYaml(dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...repositoryYaml(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
function pointers(value: unknown, pointer = '', out: string[] = []): string[] {
  out.push(pointer);
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pointers(v, `${pointer}/${escape(k)}`, out);
  return out;
}

/** Asserts both loaders agree on `input`; returns whether the fast path was taken. */
function agree(input: string | Uint8Array, what: string): boolean {
  const fast = loadText('a.yaml', input);
  const slow = loadTextPositional('a.yaml', input);
  assert.equal(fast.ok, slow.ok, `${what}: one loader accepts and the other refuses`);
  if (!fast.ok || !slow.ok) {
    assert.deepEqual(fast, slow, `${what}: different diagnostics`);
    return false;
  }
  assert.ok(isDeepStrictEqual(fast.loaded.data, slow.loaded.data), `${what}: different data`);
  // Pointers of the data, plus ones that do not exist (the nearest ancestor is located).
  const all = pointers(slow.loaded.data);
  for (const pointer of [...all, '/nope', `${all.at(-1)}/nope`, `${all.at(-1)}/0`, '/0']) {
    for (const key of [false, true]) {
      assert.deepEqual(fast.loaded.locate(pointer, { key }), slow.loaded.locate(pointer, { key }), `${what}: ${pointer}${key ? ' (key)' : ''} located differently`);
    }
  }
  assert.equal(fast.loaded.doc.toString(), slow.loaded.doc.toString(), `${what}: different yaml Document`);
  return typeof input === 'string' ? fastLoad(input.replace(/^\uFEFF/, '')) !== undefined : true;
}

test('every YAML file of the repository: the same data and positions, and every assessment takes the fast path', () => {
  const files = repositoryYaml();
  assert.ok(files.length >= 10);
  let fast = 0;
  for (const file of files) if (agree(readFileSync(file, 'utf8'), path.relative(root, file))) fast++;
  for (const file of files.filter((f) => f.includes(`${path.sep}assessments${path.sep}`) && f.endsWith('assessment.yaml'))) {
    const fast = fastLoad(readFileSync(file, 'utf8'));
    assert.ok(fast, `${path.relative(root, file)} should take the fast path`);
    assert.ok(fast.built, `${path.relative(root, file)}: the scan should build its data (no second parse)`);
  }
  assert.ok(fast >= files.length - 2, `only ${fast} of ${files.length} files were fast`);
});

test('the bad-input corpus: the same refusals (rule, place, message, hint) and the same accepted data', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pia-fast-load-'));
  try {
    for (const c of cases) {
      let file: string;
      try {
        file = c.make(path.join(dir, c.id));
      } catch {
        continue; // a case this machine cannot make (e.g. mkfifo missing)
      }
      let bytes: Buffer;
      try {
        if (!statSync(file).isFile() || statSync(file).size > 6 * 1024 * 1024) continue; // FIFO, device, too large: refused before parsing
        bytes = readFileSync(file);
      } catch {
        continue; // unreadable on purpose
      }
      agree(bytes, `bad-input ${c.id}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Scalars whose resolution differs between YAML versions, schemas or parsers. */
const scalars = [
  '1', '-1', '+1', '0', '-0', '007', '0o17', '0o8', '0x1F', '0xg', '0b101', '1_000', '1,000', '12:30', '12:30:00', '1e3', '1E-3', '-1.5e+3', '.5', '5.', '+.5', '1.0',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'nan', 'inf', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n',
  '2026-01-01', '2026-01-01T10:00:00Z', '<<', '=', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '令和7年4月1日', '○', '不明', '12345678901234567890', '0.1234567890123456789',
  '"quoted"', "'single'", "'it''s'", '"esc \\u00e9 \\x41 \\t \\N \\_ \\L \\P \\/ \\\\ \\""', '"\\z"', '"a', "'a", 'a # comment', 'a#b', 'http://example.jp/a?b=c#d', 'a: b', 'a:b', '- a', '-a', '?a', '? a', ':a',
  '[]', '{}', '[a, b]', '[a, [b, c], {d: e}]', '{a: 1, b: [2]}', '[a,]', '[a, , b]', '{a}', '{a: }', '[a: b]', '["a", \'b\']', '[ 1, 2.5, true, null, ~ ]', '{ "k": v }', '[a', 'a]', '{a: 1, a: 2}',
  '&x a', '*x', '!str a', '!!str 1', '!!int "1"', '! a', '%a', '@a', '`a', '|', '|-', '|+', '>', '>-', '|2', '| # c', '[○]', '[○] 行う', '［○］', 'x　y', '全角：コロン',
];

const documents = [
  'a: 1\n', 'a: 1', 'a:\n', 'a:', 'a: \n', 'a:   # c\nb: 1\n', '# c\na: 1\n# d\n', 'a:\n  b: 1\n  c: 2\n', 'a:\n- 1\n- 2\n', 'a:\n  - 1\n  -\n  - \n  -   # c\n  - 2\n',
  'a:\n  - b: 1\n    c: 2\n  - d: 3\n', 'a:\n  -   b: 1\n      c: 2\n', 'a:\n  - - 1\n    - 2\n  - - 3\n', 'a: |\n  x\n  y\n', 'a: |-\n  x\n\n  y\n\n\nb: 1\n', 'a: |+\n  x\n\n', 'a: >\n  x\n  y\n\n  z\n',
  'a: >-\n  x\n   y\n  z\n', 'a: |\n\n  x\n', 'a: |\n   \n  x\n', 'a: |\n  x\n y\n', 'a: |\n    x\n  y\n', 'a: |2\n   x\n', 'a: |\nb: 1\n', 'a: | # c\n  x\n', 'a: x\n  y\n  z\nb: 1\n', 'a: x\n\n  y\n',
  'a: x\n  # c\n  y\n', 'a: x # c\n  y\n', 'a: x\ny\n', 'a: "x\n  y"\n', 'a: "x\ny"\n', "a: 'x\n\n  y'\n", 'a: "x\\\n  y"\n', 'a: "x" y\n', 'a: "x" # c\n', '"a b": 1\n', "'a''b': 1\n", '"a\\tb": 1\n',
  'a : 1\n', 'a  :  1\n', 'a:1\n', 'a: b: c\n', 'a: b\n  c: d\n', 'a:\n  b: 1\n c: 2\n', 'a:\n  b: 1\n   c: 2\n', '  a: 1\n  b: 2\n', 'a: 1\n a: 2\n', 'a: 1\na: 2\n', 'a:\n  b: 1\n  b: 2\n',
  '- a\n', 'a\n', '"a"\n', '[a]\n', '{a: 1}\n', 'a: [1,\n  2]\n', 'a: [1,\n2]\n', 'a: {b: 1,\n  c: 2}\n', 'a: [\n  1,\n  2,\n]\n', 'a: [1, # c\n  2]\n', 'a: [x\n  y]\n', 'a: [ "x\n  y" ]\n',
  '---\na: 1\n', 'a: 1\n---\nb: 2\n', 'a: 1\n...\n', '%YAML 1.1\n---\na: yes\n', '%TAG ! tag:x,2026:\n---\na: 1\n', 'a: &x 1\nb: *x\n', 'a: *x\n', '? a\n: 1\n', '[a]: 1\n', '{a: 1}: 2\n', '1: a\n"1": b\n',
  'true: 1\n', 'null: 1\n', '~: 1\n', '1: a\n', '01: a\n1: b\n', 'a:\tb\n', 'a:\n\t- b\n', 'a: b\t\n', 'a: b\r\n', 'a: b\rc: d\n', 'a: b\u0085c\n', 'a: b\u2028c\n', 'a: \u0007\n', 'a: \uFEFFb\n', 'a: \ud800\n',
  'a: b\n\u3000c: d\n', 'a:\n\u3000\u3000b: 1\n', 'a：b\n', 'a： b\n', 'a:b: c\n', 'a: [○] 行う\n', 'a: ［○］\n', 'a: 【○】\n', 'a:\n  b: 「x」\n', 'a: x\n\u3000y: z\n',
  `a: ${'x'.repeat(2000)}\n`, `${'k'.repeat(1100)}: 1\n`, `${'k'.repeat(900)}: 1\n`, 'a:\n' + '  '.repeat(1) + 'b:\n' + '    c:\n      d: 1\n', 'a: -\n', 'a: - b\n', 'a:\n-\n- x\n', 'a:\n- b: 1\nc: 2\n',
  'a: |+\n  x\n\n\n', 'a: |-\n  x\n', 'a: |\n  x\n\n', 'a: |\n  x', 'a: |+\n  x', 'a: |\n  # not a comment\n  y\nb: 1\n', 'a: |\n  x\n\n  y\n   z\nb: 1\n', 'a:\n  - |\n    x\n  - y\n',
  'a: |\n  x\n    \nb: 1\n', "a: 'x''y'\n", "a: [x y, 'a''b', \"c\", '']\n", 'a: x  # c\n  y\n', 'a: x   \n  y  \n\n\n  z\n', 'a: x\n  \u3000y\u3000\n', 'a: \u3000x\u3000\n',
  '# only\n', '  \n\n', '#\n#\n', ' # x\n', '\n\na: 1\n\n\n', 'a: 1\n# end', '__proto__: 1\n', '__proto__:\n  x: 1\n', 'constructor: 1\n', 'a:\n  __proto__: [1]\n',
];

test('generated edge cases: scalars in every position, and documents of every shape, agree', () => {
  let fast = 0;
  let total = 0;
  const paths = { built: 0, jsyaml: 0 };
  const check = (text: string) => {
    total++;
    if (agree(text, JSON.stringify(text))) {
      fast++;
      paths[fastLoad(text)!.built ? 'built' : 'jsyaml']++;
    }
  };
  for (const doc of documents) check(doc);
  for (const s of scalars) {
    check(`a: ${s}\n`);
    check(`${s}: 1\nz: 2\n`);
    check(`a:\n  - ${s}\n  - x\n`);
    check(`a: [${s}]\n`);
    check(`a: {k: ${s}}\n`);
    check(`a:\n  b: ${s}\n  c:\n    - ${s}\n`);
  }
  // Both paths are exercised: most of these are fast, and many are not.
  assert.ok(fast > total / 3 && fast < total, `${fast} of ${total} fast`);
  // And both kinds of fast data: built by the scan, and parsed by js-yaml (folded, escaped, multi-line quoted).
  assert.ok(paths.built > fast / 2 && paths.jsyaml > 20, `built ${paths.built}, js-yaml ${paths.jsyaml} of ${fast}`);
});

test('mutations of the reference assessment (a slip on one line) agree', () => {
  const lines = reference.split('\n');
  const mutations: ((line: string) => string)[] = [
    (l) => l.replace(/^( +)/, '$1 '),
    (l) => l.replace(/^ {2}/, ''),
    (l) => l.replace(/^( *)/, '$1\u3000'),
    (l) => l.replace(': ', '：'),
    (l) => l.replace(': ', ':'),
    (l) => l.replace(': ', ': "'),
    (l) => l.replace(': ', ": '"),
    (l) => l.replace(': ', ': ['),
    (l) => l.replace(': ', ': [○] '),
    (l) => l.replace(': ', ': ＆'),
    (l) => l.replace(': ', ': &a '),
    (l) => l.replace(': ', ': !x '),
    (l) => l.replace(': ', ': |\n'),
    (l) => l.replace(': ', ': - '),
    (l) => l.replace(/,/, ',,'),
    (l) => l.replace(/\]/, ''),
    (l) => l.replace(/\}/, ', }'),
    (l) => `${l} # c`,
    (l) => `${l}: x`,
    (l) => l.replace(/^( *)- /, '$1-'),
    (l) => l.replace(/^( *)- /, '$1  - '),
    (l) => l + '\t',
  ];
  // A deterministic sample: every mutation on lines spread over the file (about 350 variants).
  let count = 0;
  for (let m = 0; m < mutations.length; m++) {
    for (let i = m % 7; i < lines.length; i += Math.max(1, Math.floor(lines.length / 16))) {
      const mutated = mutations[m]!(lines[i]!);
      if (mutated === lines[i]) continue;
      const text = [...lines.slice(0, i), mutated, ...lines.slice(i + 1)].join('\n');
      agree(text, `mutation ${m} on line ${i + 1}`);
      count++;
    }
  }
  assert.ok(count > 200, `${count} mutations`);
});

test('onlyCommentsAndSpace is the regular expression it replaced', () => {
  const old = (text: string) => text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text);
  for (const text of ['', ' ', '\n', '#', '# a\n', '# a\n\n  # b', '#a\r#b', '#a\u2028#b', '#a\u2028b', 'a', ' a', '# a\nb', '\u3000', '\u3000#x', '#x\n\u3000', '# x\r\ny', '\t#\t\n']) {
    assert.equal(onlyCommentsAndSpace(text), old(text), JSON.stringify(text));
  }
});
