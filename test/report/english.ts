/**
 * What counts as English text of ours: Japanese may stand in it only as a quoted official name (「…」), a YAML key
 * the user types (`…`), or one of the official terms that the forms and the law use as names.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Official names and legal terms that English text keeps as they are (the forms' own words). */
export const keptTerms = [
  '特定個人情報保護評価書', '基礎項目評価書', '重点項目評価書', '全項目評価書', '評価書', 'しきい値判断項目', 'しきい値判断',
  '特定個人情報ファイル', '変更箇所', '別添1', '別添2', '事前', '事後', '再評価', '事務', '和暦', '令和', '計画管理書',
  '個人情報保護審議会',
].sort((a, b) => b.length - a.length);

export const japanese = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;

/** What is left of an English text once the quoted names, the YAML keys and the kept terms are taken out. */
export function ownWords(text: string): string {
  let rest = text.replace(/「[^「」]*(?:「[^「」]*」[^「」]*)*」/gu, '').replace(/`[^`]*`/g, '');
  for (const term of keptTerms) rest = rest.split(term).join('');
  return rest;
}

export function assertEnglish(text: string, where: string): void {
  const rest = ownWords(text);
  const found = [...rest].find((ch) => japanese.test(ch));
  assert.equal(found, undefined, `${where}: Japanese left in the English text: ${text}`);
  assert.match(text, /[A-Za-z]{2,}/, `${where}: English words`);
}


let formWordList: string[] | undefined;

/**
 * The forms' own words, from schemas/*.json: item names (property keys and titles), choices and fixed values. An
 * output prints them unquoted where it names an item (a SARIF title, a list of check boxes): they stay Japanese.
 */
export function formWords(): string[] {
  if (formWordList) return formWordList;
  const dir = path.resolve(import.meta.dirname, '../../schemas');
  const words = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) Object.keys(value).forEach((k) => words.add(k));
      if ((key === 'title' || key === 'const' || key === 'x-item') && typeof value === 'string') words.add(value);
      if (key === 'enum' && Array.isArray(value)) value.forEach((v) => typeof v === 'string' && words.add(v));
      visit(value);
    }
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) visit(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  return (formWordList = [...words].filter((w) => japanese.test(w)).sort((a, b) => b.length - a.length));
}

/** assertEnglish for a whole output line, where item names, choices and 和暦 dates may stand unquoted. */
export function assertEnglishOutput(text: string, where: string): void {
  // Dates print in 和暦, as the forms do.
  let rest = text.replace(/(明治|大正|昭和|平成|令和)(元|\d+)年(\d+月(\d+日)?)?/g, ' ');
  for (const word of formWords()) rest = rest.split(word).join(' ');
  assertEnglish(rest.replace(/[Ⅰ-Ⅻ①-⑳]/g, '') + ' ok', `${where} (${text})`);
}
