/**
 * The form's meaning is data: no source file names a 様式 item key or a choice of any form, except the short list
 * of convention keys every form shares. A literal equal to an item name, or a pointer made of item names, in
 * src/ means a rule or a page reaches an item by its 様式3 spelling instead of by its role.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { loadForms, type JsonSchema } from '../../src/schema/registry.ts';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Keys every form shares, with why they are not a form's meaning. */
export const conventionKeys: Record<string, string> = {
  様式: 'selects the form (registry)',
  ID: 'stable identifier of every repeated entry',
  選択: 'state of a checkbox with ( ) text or a count',
  内容: '( )内の記載 of a checkbox',
  件数: 'count beside a checkbox',
  名称: 'name of a repeated entry (its heading)',
  不明: 'unknown checkbox state',
  検証の例外: 'reviewer waivers of validation findings',
  規則: 'key of a waiver',
  項目: 'key of a waiver / claim / decision (a JSON Pointer)',
  理由: 'key of a waiver / decision',
  確認者: 'key of a waiver',
  確認日: 'key of a waiver',
  非公表: 'the withheld parts every form may list (規則第13条, schemas/decisions/0003)',
  部分: 'key of a 非公表 entry: the withheld sentence',
  事前: 'a 提出時期 of every form (記載要領): the label of the timing before',
  事後: 'a 提出時期 of every form (記載要領): the label of the timing after',
};

/** String literals of a source text (comments skipped), with their line; for .astro only the frontmatter script. */
function literals(file: string, text: string): { value: string; line: number }[] {
  let code = text;
  let offset = 0;
  if (file.endsWith('.astro')) {
    const m = /^---\n([\s\S]*?)\n---/.exec(text);
    code = m ? m[1]! : '';
    offset = 1;
  }
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const out: { value: string; line: number }[] = [];
  // Open braces inside each template substitution (`${ … }`): a `}` at depth 0 resumes the template text.
  const templates: number[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken && templates.length > 0) templates[templates.length - 1]!++;
    if (kind === ts.SyntaxKind.CloseBraceToken && templates.length > 0) {
      if (templates.at(-1) === 0) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else templates[templates.length - 1]!--;
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(0);
    // A slash after an operand is division; elsewhere it starts a regular expression.
    const afterOperand = [ts.SyntaxKind.Identifier, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.StringLiteral].includes(previous);
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !afterOperand) kind = scanner.reScanSlashToken();
    previous = kind;
    if ([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail].includes(kind)) {
      out.push({ value: scanner.getTokenValue(), line: code.slice(0, scanner.getTokenStart()).split('\n').length + offset });
    }
  }
  return out;
}

/** Files that read the tool's own YAML formats, whose keys may coincide with item names (変更後の記載 …). */
const ownFormatReaders: Record<string, string> = {
  'classify/records.ts': 'decisions.yaml and renames.yaml (schemas/decisions.v1, renames.v1): their keys 項目・変更後の記載・変更箇所・提出時期 are our file format',
};

function formWords(): Set<string> {
  const words = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const schema = node as JsonSchema;
    for (const [k, v] of Object.entries(schema.properties ?? {})) {
      words.add(k);
      visit(v);
    }
    for (const c of schema.enum ?? []) if (typeof c === 'string') words.add(c);
    for (const v of Object.values(schema.$defs ?? {})) visit(v);
    if (schema.items) visit(schema.items);
  };
  for (const form of loadForms().values()) visit(form.schema);
  for (const k of Object.keys(conventionKeys)) words.delete(k);
  words.delete('$schema');
  return words;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|astro|mjs|js)$/.test(name) && !/\.test\.ts$|\.generated\.ts$|testing\.ts$/.test(name) ? [file] : [];
  });
}

test('src/ に様式の項目名・選択肢の文字列がない(共通の決まったキーを除く)', () => {
  const words = formWords();
  const offenders: string[] = [];
  for (const file of sourceFiles(src)) {
    if (path.relative(src, file) in ownFormatReaders) continue;
    for (const { value, line } of literals(file, readFileSync(file, 'utf8'))) {
      const parts = value.startsWith('/') ? value.split('/').filter(Boolean) : [value];
      const hits = parts.filter((p) => words.has(p));
      if (hits.length > 0) offenders.push(`${path.relative(src, file)}:${line} ${hits.join(', ')}`);
    }
  }
  assert.deepEqual(offenders, []);
});
