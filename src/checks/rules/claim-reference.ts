/**
 * A claim points at an item of the assessment and may quote the sentence it relies on. If the officer
 * removes the item or rewrites the sentence, the check no longer proves anything: say so instead of
 * checking a promise the document does not make any more.
 */
import { stringLeaves } from '../../model/access.ts';
import { compactNfkc } from '../../model/formal.ts';
import type { Verdict } from '../types.ts';
import type { CheckRuleMeta } from './rule.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const meta: CheckRuleMeta = {
  id: 'claim-reference',
  get title() { return tr('主張の項目と記載が評価書にある', 'The claim\'s item and quoted text are in the assessment'); },
  yields: ['error'],
  rationale: '評価書の記載が書き換えられた後も古い点検が「適合」と出続けると、評価書が約束していないことを確かめていることになります。',
  messages: bilingual({
    'item-missing': '主張 {claim} の項目({item})が評価書にありません。',
    'quote-missing': '主張 {claim} が引用する記載「{quote}」が、評価書の「{item}」に見つかりません。',
  }, {
    'item-missing': 'The item of claim {claim} ({item}) is not in the assessment.',
    'quote-missing': 'The text 「{quote}」 that claim {claim} quotes is not found in 「{item}」 of the assessment.',
  }),
  hints: bilingual({
    'item-missing': 'checks.yaml の 項目(JSON Pointer)を、評価書の今の構成に合わせて直してください。',
    'quote-missing': '評価書の記載が書き換えられたようです。新しい記載を確かめ、checks.yaml の 記載 と点検の内容を見直してください。',
  }, {
    'item-missing': 'Fix the `項目` (JSON Pointer) in checks.yaml to the assessment\'s current structure.',
    'quote-missing': 'The assessment\'s text seems to have been rewritten. Read the new text and review the `記載` and the check in checks.yaml.',
  }),
};


export function quoteFound(claimed: unknown, quote: string): boolean {
  // Whitespace and 全角/半角 differences (NFKC) do not count as a rewrite.
  const wanted = compactNfkc(quote);
  for (const { text } of stringLeaves(claimed)) if (compactNfkc(text).includes(wanted)) return true;
  return false;
}

export function verifyReference(claim: string, item: string, claimed: unknown, quote: string | undefined): Verdict | undefined {
  if (claimed === undefined) return { status: 'error', rule: meta.id, messageId: 'item-missing', data: { claim, item } };
  if (quote !== undefined && !quoteFound(claimed, quote)) return { status: 'error', rule: meta.id, messageId: 'quote-missing', data: { claim, item, quote } };
  return undefined;
}
