/**
 * Rule IDs that the outputs report besides the catalogued rules (validation, classification, checks): the
 * loader's and the audit's own findings. Titles and descriptions for SARIF's reportingDescriptor and JUnit, in the
 * current language (--lang).
 */
import { bilingual, tr } from './i18n.ts';
export interface FindingRule {
  title: string;
  description: string;
}

export const findingRules: Readonly<Record<string, FindingRule>> = {
  'unclassified-change': bilingual({ title: '分類規則に当たらない変更', description: 'どの分類規則にも当たらない変更です。提出時期(事前・事後)を判断して decisions.yaml に記録するか、分類規則を加えてください。' }, { title: 'A change that no classification rule matches', description: 'A change that no classification rule matches. Decide its timing (事前 or 事後) and record it in decisions.yaml, or add a classification rule.' }),
  'pre-change-not-recorded': bilingual({ title: '事前の変更に再評価の記録がない', description: '重要な変更(事前)にあたる変更があるのに、変更箇所・再評価の記録がありません。変更の前に評価を実施し直し、提出・公表します(特定個人情報保護評価に関する規則 第11条の要約、PPC-RULES.md §4 [P])。' }, { title: 'A 事前 change without a record of re-assessment', description: 'There is a significant (事前) change, but no 変更箇所 or re-assessment is recorded. The assessment is carried out again before the change, then submitted and published (a summary of Article 11 of the Rules on Specific Personal Information Protection Assessment, PPC-RULES.md §4 [P]).' }),
  'stale-decision': bilingual({ title: '当たる変更のない判断の記録', description: 'decisions.yaml の判断に当たる変更がなくなりました。古い判断は削除してください。' }, { title: 'A recorded decision that no change matches', description: 'No change matches this decision in decisions.yaml any more. Delete the old decision.' }),
  decision: bilingual({ title: '判断の記録による提出時期', description: '確認者が decisions.yaml に記録した判断(理由・判断者・日付)によって提出時期を決めた変更です。' }, { title: 'Timing set by a recorded decision', description: 'A change whose timing (事前 or 事後) was set by a decision recorded in decisions.yaml (reason, who decided, date).' }),
  'change-row-timing': bilingual({ title: '変更箇所の提出時期', description: '変更箇所(別添2)の行の提出時期が、その項目の区分(※の項目の変更は事前)と合うかを点検します。' }, { title: 'Timing of a 変更箇所 row', description: 'Checks that the timing of each row of the 変更箇所 (別添2) agrees with its item (a change of a ※ item is 事前).' }),
  'change-row-item-unknown': bilingual({ title: '変更箇所の項目が様式にない', description: '変更箇所(別添2)の行の項目名が、様式の項目に見当たりません。様式の項目名どおりに記載してください。' }, { title: 'A 変更箇所 item that is not in the form', description: 'The item name of a 変更箇所 (別添2) row is not an item of the form. Write it as the form names it.' }),
  'unrecorded-change': bilingual({ title: '変更箇所に記載のない変更', description: '前回の公表から変わった項目なのに、変更箇所(別添2)に行がありません。' }, { title: 'A change missing from the 変更箇所', description: 'The item changed since the last publication, but the 変更箇所 (別添2) has no row for it.' }),
  'stale-waiver': bilingual({ title: '古い検証の例外', description: '検証の例外に当たる指摘がなくなりました。例外の記載を削除してください。' }, { title: 'An old validation exception', description: 'No finding matches this `検証の例外` any more. Delete the exception.' }),
  'form-unknown': bilingual({ title: '様式が分からない', description: '評価書の様式(評価書の種類)が schemas/ の定義にありません。' }, { title: 'Unknown form', description: 'The form (the kind of assessment) is not defined in schemas/.' }),
  'schema-required': bilingual({ title: '様式の必須の項目がない', description: '様式の定義(JSON Schema)で必須の項目がありません。' }, { title: 'A required item of the form is missing', description: 'An item that the form\'s definition (JSON Schema) requires is missing.' }),
  'schema-type': bilingual({ title: '様式の型に合わない', description: '様式の定義(JSON Schema)の型と記載の型が合いません。' }, { title: 'Does not fit the form\'s type', description: 'The value\'s type does not match the type in the form\'s definition (JSON Schema).' }),
  'schema-enum': bilingual({ title: '様式の選択肢にない値', description: '様式の選択肢にない値です。様式の文言どおりに書いてください。' }, { title: 'Not one of the form\'s choices', description: 'The value is not one of the form\'s choices. Write it exactly as the form words it.' }),
  'schema-const': bilingual({ title: '様式で決まった値と違う', description: '様式で決まっている値と違います。' }, { title: 'Differs from the value the form fixes', description: 'The value differs from the one the form fixes.' }),
  'schema-unknown-key': bilingual({ title: '様式にない項目', description: '様式にない項目名です。綴りを確認してください。' }, { title: 'An item that is not in the form', description: 'The item name is not in the form. Check its spelling.' }),
};

/** Title and description for any rule ID the outputs may report (generic text for the rest, e.g. yaml-*, schema-*). */
export function findingRule(id: string): FindingRule {
  const known = findingRules[id];
  if (known) return known;
  if (id.startsWith('yaml-')) return { title: tr('YAML の書き方の誤り', 'A YAML syntax error'), description: tr(`YAML として読めない箇所です(${id})。位置と hint を確認してください。`, `The text cannot be read as YAML (${id}). Check the position and the hint.`) };
  if (id.startsWith('schema-')) return { title: tr('様式の定義に合わない', "Does not fit the form's definition"), description: tr(`様式の定義(JSON Schema)に合わない記載です(${id})。`, `The text does not fit the form's definition (JSON Schema) (${id}).`) };
  return { title: id, description: tr(`pia の規則 ${id} による指摘です。`, `A finding of pia rule ${id}.`) };
}
