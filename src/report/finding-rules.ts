/**
 * Rule IDs that the outputs report besides the catalogued rules (validation, classification, checks): the
 * loader's and the audit's own findings. Titles and descriptions for SARIF's reportingDescriptor and JUnit.
 */
export interface FindingRule {
  title: string;
  description: string;
}

export const findingRules: Readonly<Record<string, FindingRule>> = {
  'unclassified-change': { title: '分類規則に当たらない変更', description: 'どの分類規則にも当たらない変更です。提出時期(事前・事後)を判断して decisions.yaml に記録するか、分類規則を加えてください。' },
  'pre-change-not-recorded': { title: '事前の変更に再評価の記録がない', description: '重要な変更(事前)にあたる変更があるのに、変更箇所・再評価の記録がありません。変更の前に評価を実施し直し、提出・公表します(特定個人情報保護評価に関する規則 第11条の要約、PPC-RULES.md §4 [P])。' },
  'stale-decision': { title: '当たる変更のない判断の記録', description: 'decisions.yaml の判断に当たる変更がなくなりました。古い判断は削除してください。' },
  decision: { title: '判断の記録による提出時期', description: '確認者が decisions.yaml に記録した判断(理由・判断者・日付)によって提出時期を決めた変更です。' },
  'change-row-timing': { title: '変更箇所の提出時期', description: '変更箇所(別添2)の行の提出時期が、その項目の区分(※の項目の変更は事前)と合うかを点検します。' },
  'change-row-item-unknown': { title: '変更箇所の項目が様式にない', description: '変更箇所(別添2)の行の項目名が、様式の項目に見当たりません。様式の項目名どおりに記載してください。' },
  'unrecorded-change': { title: '変更箇所に記載のない変更', description: '前回の公表から変わった項目なのに、変更箇所(別添2)に行がありません。' },
  'stale-waiver': { title: '古い検証の例外', description: '検証の例外に当たる指摘がなくなりました。例外の記載を削除してください。' },
  'form-unknown': { title: '様式が分からない', description: '評価書の様式(評価書の種類)が schemas/ の定義にありません。' },
  'schema-required': { title: '様式の必須の項目がない', description: '様式の定義(JSON Schema)で必須の項目がありません。' },
  'schema-type': { title: '様式の型に合わない', description: '様式の定義(JSON Schema)の型と記載の型が合いません。' },
  'schema-enum': { title: '様式の選択肢にない値', description: '様式の選択肢にない値です。様式の文言どおりに書いてください。' },
  'schema-const': { title: '様式で決まった値と違う', description: '様式で決まっている値と違います。' },
  'schema-unknown-key': { title: '様式にない項目', description: '様式にない項目名です。綴りを確認してください。' },
};

/** Title and description for any rule ID the outputs may report (generic text for the rest, e.g. yaml-*, schema-*). */
export function findingRule(id: string): FindingRule {
  const known = findingRules[id];
  if (known) return known;
  if (id.startsWith('yaml-')) return { title: 'YAML の書き方の誤り', description: `YAML として読めない箇所です(${id})。位置と hint を確認してください。` };
  if (id.startsWith('schema-')) return { title: '様式の定義に合わない', description: `様式の定義(JSON Schema)に合わない記載です(${id})。` };
  return { title: id, description: `pia の規則 ${id} による指摘です。` };
}
