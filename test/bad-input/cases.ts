/**
 * The bad-input corpus: every hostile or broken input the project knows of, each written into a fresh folder.
 * A case is *handled* by a command when the command ends within its time budget, without an internal error or a
 * stack trace, with a message that names the file (file:line:col, or the path), and leaves the inputs as they
 * were and no temp file behind. `refused` cases must also end with exit code 1 or 2 (never 0).
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { maxFileBytes } from '../../src/load/load-file.ts';

const sample = (rel: string) => readFileSync(fileURLToPath(new URL(`../../assessments/${rel}`, import.meta.url)), 'utf8');
export const referenceText = sample('koshigaya-48-kodomo-iryohi/assessment.yaml');
/** The other forms: the reference's (fictional) 基礎項目評価書 and the sample 全項目評価書. */
const basicText = sample('koshigaya-48-kodomo-iryohi/koshigaya-48-kodomo-iryohi-basic/assessment.yaml');
const fullText = sample('aobagawa-juki-full/assessment.yaml');

export type Command = 'validate' | 'pdf' | 'diff-old' | 'diff-new' | 'diff-write' | 'build' | 'status';

export interface Case {
  id: string;
  /** What the input is, in a few words (printed when a case is not handled). */
  what: string;
  /** refused: exit 1 or 2. accepted: a valid if odd input (exit 0 or 1 with findings). */
  expect: 'refused' | 'accepted';
  /** Commands the case is run through (default: every command that reads an assessment). */
  commands?: readonly Command[];
  /** Milliseconds the command may take (default 10 s). */
  budget?: number;
  /** Writes the input; returns the path of the assessment (absolute). The folder is the case's own. */
  make(dir: string): string;
  /** A further check after a command ran (the case's folder, the command): a problem in words, or undefined. */
  verify?(dir: string, command: Command, file: string): string | undefined;
}

const fileCommands: readonly Command[] = ['validate', 'pdf', 'diff-old', 'diff-new', 'diff-write', 'build', 'status'];

/** Writes <dir>/assessments/<folder>/assessment.yaml (the layout `pia build` reads) and returns its path. */
function write(dir: string, content: string | Uint8Array, folder = 'case'): string {
  const file = path.join(dir, 'assessments', folder, 'assessment.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const withText = (id: string, what: string, expect: Case['expect'], text: () => string | Uint8Array, extra: Partial<Case> = {}): Case => ({ id, what, expect, make: (dir) => write(dir, text()), ...extra });

const bomb = () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  return lines.join('\n') + '\n';
};

export const cases: readonly Case[] = [
  withText('empty', '空のファイル', 'refused', () => ''),
  withText('comments-only', 'コメントだけのファイル', 'refused', () => '# yaml-language-server: $schema=x\n\n'),
  withText('yaml-syntax', '閉じていない引用符', 'refused', () => '様式: 重点項目評価書\n表紙:\n  評価書名: "閉じていない\n'),
  withText('colon-in-value', '値の中の「: 」', 'refused', () => '様式: 重点項目評価書\n請求先: 越谷市総務部総務課 住所: 〒343-8501\n'),
  withText('duplicate-key', '同じ項目名が2回', 'refused', () => referenceText.replace('  評価書番号: 48\n', '  評価書番号: 48\n  評価書番号: 49\n')),
  withText('alias-bomb', '別名の爆弾(billion laughs)', 'refused', bomb),
  withText('shift-jis', 'Shift_JIS のファイル', 'refused', () => new Uint8Array([0x97, 0x6c, 0x8e, 0xae, 0x3a, 0x20, 0x8f, 0x64, 0x93, 0x5f, 0x8d, 0x80, 0x96, 0xda, 0x95, 0x5d, 0x89, 0xbf, 0x8f, 0x91, 0x0a])),
  withText('invalid-utf8', '途中に UTF-8 でないバイト', 'refused', () => Buffer.concat([Buffer.from(referenceText), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a])])),
  withText('nul', 'NUL 文字を含む', 'refused', () => new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x0a])),
  withText('too-large', '5 MB を超えるファイル', 'refused', () => 'a: ' + 'x'.repeat(maxFileBytes) + '\n'),
  withText('not-mapping', '最上位が一覧', 'refused', () => '- 一覧\n'),
  withText('unknown-form', '知らない様式', 'refused', () => '様式: 特別項目評価書\n'),
  withText('type-error', '型の誤り(出力できない)', 'refused', () => referenceText.replace('  評価書番号: 48', '  評価書番号: [48]')),
  withText('reiwa-0', '令和0年の日付', 'refused', () => referenceText.replace('  公表日: 令和8年3月30日', '  公表日: 令和0年3月30日')),
  withText('withheld-stale', '非公表の部分が記載にない', 'refused', () => `${referenceText}非公表:\n  - 項目: /表紙/特記事項\n    部分: ない文\n    理由: x\n`, { commands: ['validate', 'pdf', 'build'] }),
  withText('many-keys', '40,000 個の項目名', 'refused', () => referenceText.replace('表紙:\n', `表紙:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: v\n`).join('')}`), { budget: 20_000 }),
  withText('long-value', '100,000 文字の値', 'accepted', () => referenceText.replace(/^ {4}備考: null$/m, `    備考: ${'あいうえおかきくけこ'.repeat(10_000)}`), { commands: ['validate', 'pdf', 'diff-old'], budget: 30_000 }),
  withText('bom', 'BOM 付き UTF-8', 'accepted', () => '\uFEFF' + referenceText, { commands: ['validate', 'diff-old', 'diff-new', 'status'] }),
  // The loader's and schema's own cases (test/validate/bad-input.test.ts) through every command.
  withText('misspelt-key', '綴りを誤った項目名', 'refused', () => referenceText.replace('    所属長の役職名: 子ども福祉課長', '    所属長の役職: 子ども福祉課長'), { commands: ['validate', 'pdf', 'diff-new', 'build', 'status'] }),
  withText('full-width-choice', '全角括弧で書いた選択肢', 'refused', () => referenceText.replace('しきい値判断結果: 基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)', 'しきい値判断結果: 基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）'), { commands: ['validate', 'pdf', 'diff-new', 'build', 'status'] }),
  withText('circle-checkbox', 'チェック欄に ○', 'refused', () => referenceText.replace('      自己点検: true', '      自己点検: ○'), { commands: ['validate', 'pdf', 'diff-new', 'build', 'status'] }),
  withText('date-format', '日付を R8.3.30 と書く', 'refused', () => referenceText.replace('  公表日: 令和8年3月30日', '  公表日: R8.3.30'), { commands: ['validate', 'pdf', 'diff-new', 'build', 'status'] }),
  // The other forms (様式2, 様式4): the same loader, schema and 非公表 checks.
  withText('basic-type-error', '基礎項目評価書の型の誤り', 'refused', () => basicText.replace('  評価書番号: 48', '  評価書番号: [48]'), { commands: ['validate', 'pdf', 'diff-new', 'build', 'status'] }),
  withText('basic-reiwa-0', '基礎項目評価書の令和0年', 'refused', () => basicText.replace('  公表日: 令和8年3月30日', '  公表日: 令和0年3月30日'), { commands: ['validate', 'pdf', 'diff-new', 'build'] }),
  withText('basic-withheld-stale', '基礎項目評価書の非公表の部分が記載にない', 'refused', () => `${basicText}非公表:\n  - 項目: /表紙/特記事項\n    部分: ない文\n    理由: x\n`, { commands: ['validate', 'pdf', 'build'] }),
  withText('full-type-error', '全項目評価書の型の誤り', 'refused', () => fullText.replace(/^  評価書番号: 1$/m, '  評価書番号: {a: 1}'), { commands: ['validate', 'pdf', 'diff-new', 'build', 'status'] }),
  withText('full-withheld-checkbox', '全項目評価書のチェック欄を非公表に', 'refused', () => `${fullText}\n非公表:\n  - 項目: /特定個人情報ファイルの概要/jumin-kihon-daicho/特定個人情報ファイルの取扱いの委託/委託事項/madoguchi-nyuryoku\n    理由: x\n`, { commands: ['validate', 'pdf', 'build'] }),
  withText('full-duplicate-key', '全項目評価書の同じ項目名が2回', 'refused', () => fullText.replace(/^  評価書番号: 1$/m, '  評価書番号: 1\n  評価書番号: 2'), { commands: ['validate', 'diff-old', 'status'] }),
  // Cells a spreadsheet would run as formulas: loaded as text; the 別添1 CSV guards them (src/render/web/records-csv.test.ts).
  withText('formula-cells', '「=」「+」「-」「@」で始まる記載', 'accepted', () => referenceText.replace('記号, 番号, 個人識別番号]', '記号, 番号, "=HYPERLINK(\\"http://x\\")", "+1", "-1", "@SUM(A1)"]'), {
    commands: ['validate', 'diff-old', 'status'],
  }),
  {
    id: 'fifo',
    what: '名前付きパイプ(FIFO)',
    expect: 'refused',
    make: (dir) => {
      const file = path.join(dir, 'assessments', 'case', 'assessment.yaml');
      mkdirSync(path.dirname(file), { recursive: true });
      spawnSync('mkfifo', [file]);
      return file;
    },
  },
  {
    id: 'dev-zero',
    what: '/dev/zero',
    expect: 'refused',
    commands: ['validate', 'pdf', 'diff-old', 'diff-new', 'diff-write'],
    make: () => '/dev/zero',
  },
  {
    id: 'directory',
    what: 'ファイルの代わりにフォルダ',
    expect: 'refused',
    commands: ['validate', 'pdf', 'diff-old', 'diff-new', 'diff-write'],
    make: (dir) => {
      const folder = path.join(dir, 'assessments', 'case', 'assessment.yaml');
      mkdirSync(folder, { recursive: true });
      return folder;
    },
  },
  {
    id: 'missing',
    what: '存在しないファイル',
    expect: 'refused',
    commands: ['validate', 'pdf', 'diff-old', 'diff-new', 'diff-write'],
    make: (dir) => path.join(dir, 'assessments', 'none', 'assessment.yaml'),
  },
  {
    id: 'unreadable',
    what: '読む権限のないファイル(root では読める)',
    expect: process.getuid?.() === 0 ? 'accepted' : 'refused',
    // root reads it: then it is a valid assessment, and a whole site build is not a bad-input case.
    commands: process.getuid?.() === 0 ? ['validate', 'diff-old', 'diff-new'] : undefined,
    make: (dir) => {
      const file = write(dir, referenceText);
      chmodSync(file, 0o000);
      return file;
    },
  },
  {
    id: 'slug-collision',
    what: '別の親フォルダに同じ名前の評価書',
    expect: 'refused',
    commands: ['build'],
    make: (dir) => {
      write(dir, referenceText, 'kodomo');
      return write(dir, referenceText, 'r7/kodomo');
    },
  },
  ...['%2e%2e', 'a#b', 'q?x'].map((name): Case => ({ id: `folder-name-${name}`, what: `フォルダ名「${name}」`, expect: 'refused', commands: ['build'], make: (dir) => write(dir, referenceText, name) })),
  {
    id: 'symlink-outside',
    what: '評価書のフォルダの外を指すシンボリックリンク',
    expect: 'refused',
    commands: ['build'],
    make: (dir) => {
      const outside = path.join(dir, 'outside');
      mkdirSync(outside, { recursive: true });
      writeFileSync(path.join(outside, 'assessment.yaml'), referenceText);
      const file = path.join(dir, 'assessments', 'leak', 'assessment.yaml');
      mkdirSync(path.dirname(file), { recursive: true });
      symlinkSync(path.join(outside, 'assessment.yaml'), file);
      return file;
    },
  },
  {
    id: 'symlink-write',
    what: 'シンボリックリンクの評価書に書き加える(リンク先を書き、リンクは残す)',
    expect: 'accepted',
    commands: ['diff-write'],
    make: (dir) => {
      const target = path.join(dir, 'assessments', 'case', 'real.yaml');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, referenceText.replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長'));
      const link = path.join(dir, 'assessments', 'case', 'assessment.yaml');
      symlinkSync('real.yaml', link);
      return link;
    },
    verify: (dir, _command, file) => {
      if (!lstatSync(file).isSymbolicLink()) return 'the symlink was replaced by a regular file';
      const written = readFileSync(path.join(dir, 'assessments', 'case', 'real.yaml'), 'utf8');
      return written.includes('こども福祉課長') && written !== referenceText ? undefined : 'the target was not written';
    },
  },
  {
    id: 'read-only',
    what: '読み取り専用(0444)の評価書に書き加える',
    expect: 'accepted',
    commands: ['diff-write'],
    make: (dir) => {
      const file = write(dir, referenceText.replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長'));
      chmodSync(file, 0o444);
      return file;
    },
  },
  {
    id: 'flow-change-table',
    what: '一行で書いた変更箇所に書き加える',
    expect: 'accepted',
    commands: ['diff-write'],
    make: (dir) => {
      const at = referenceText.indexOf('\n変更箇所:\n');
      return write(dir, referenceText.slice(0, at).replace('所属長の役職名: 子ども福祉課長', '所属長の役職名: こども福祉課長') + '\n変更箇所: [{ ID: a, 変更日: 令和8年1月1日, 項目: x, 変更前の記載: y, 変更後の記載: z, 提出時期: 事後, 提出時期に係る説明: w }]\n');
    },
  },
];

export function commandsOf(c: Case): readonly Command[] {
  return c.commands ?? fileCommands;
}
