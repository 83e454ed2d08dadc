/**
 * Ⅴ1②しきい値判断結果は、対象人数(Ⅱ2②対象となる本人の数から分かる下限)と取扱者数に合っていること。
 * 表は特定個人情報保護評価指針 第6 のしきい値判断(PPC-RULES.md §2)。10万人以上は重点項目評価以上が義務。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { arrayAt, stringAt } from '../../model/access.ts';
import { schemaAt } from '../../schema/walk.ts';

/** Lower bound of each 対象となる本人の数 band (people). Data, for the form edition in schemas/focused.v1. */
export const peopleBandFloor: Record<string, number> = {
  '1万人未満': 0,
  '1万人以上10万人未満': 10_000,
  '10万人以上100万人未満': 100_000,
  '100万人以上1,000万人未満': 1_000_000,
  '1,000万人以上': 10_000_000,
};

/** Lower bound of each 使用者数 / 取扱者数 band (staff). */
export const staffBandFloor: Record<string, number> = {
  '10人未満': 0,
  '10人以上50人未満': 10,
  '50人以上100人未満': 50,
  '100人以上500人未満': 100,
  '500人以上1,000人未満': 500,
  '1,000人以上': 1000,
};

const mandatoryFocused = '基礎項目評価及び重点項目評価の実施が義務付けられる';
const noDuty = '特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)';

/**
 * しきい値判断 (指針 第6, PPC-RULES.md §2): the duty implied by a lower bound of 対象人数 and whether
 * 取扱者数 is known to reach 500. 'full' means a 全項目評価 is due, which a 重点項目評価書 cannot record.
 */
export function requiredLevel(people: number, staffAtLeast500: boolean): 'none' | 'basic' | 'focused' | 'full' {
  if (people < 1000) return 'none';
  if (people < 10_000) return 'basic';
  if (people < 100_000) return staffAtLeast500 ? 'focused' : 'basic';
  if (people < 300_000) return staffAtLeast500 ? 'full' : 'focused';
  return 'full';
}

export const thresholdConsistency: Rule = {
  meta: {
    id: 'threshold-consistency',
    title: 'しきい値判断結果が対象人数・取扱者数と合っている',
    level: 'error',
    rationale: '対象人数が10万人以上なら、重点項目評価(取扱者数500人以上なら全項目評価)の実施が義務付けられます。任意実施と記載すると、義務の評価を行っていないことになります。',
    basis: '特定個人情報保護評価に関する規則 第6条・第7条、特定個人情報保護評価指針 第6 1(しきい値判断)',
    messages: {
      'below-duty': 'Ⅱ2②対象となる本人の数が「{band}」(10万人以上)なのに、しきい値判断結果が「{result}」です。',
      'full-due': '対象となる本人の数「{band}」と使用者数・委託先の取扱者数の合計(下限 {staff}人)から、全項目評価の実施が義務付けられる可能性があります。',
      'no-duty-but-people': '対象となる本人の数が「{band}」(1,000人以上)なのに、しきい値判断結果が「{result}」です。',
    },
    hints: {
      'below-duty': '対象人数(事務全体の本人の数)を確認し、しきい値判断結果を「1) 基礎項目評価及び重点項目評価の実施が義務付けられる」にするか、判断の根拠を 検証の例外 に記録してください。',
      'full-due': '対象人数が30万人以上、または10万人以上で取扱者数(職員と委託先の合計)が500人以上なら全項目評価書が必要です。人数を確認してください。',
      'no-duty-but-people': '対象人数が1,000人以上なら基礎項目評価は義務です。しきい値判断結果を確認してください。',
    },
  },
  check({ data, schema }) {
    const result = stringAt(data, '評価実施手続', '基礎項目評価', 'しきい値判断結果');
    if (!result) return [];
    const path = '/評価実施手続/基礎項目評価/しきい値判断結果';
    let people = 0;
    let band = '';
    let staff = 0;
    for (const file of arrayAt(data, '特定個人情報ファイルの概要')) {
      const fileBand = stringAt(file, '基本情報', '対象となる本人の数');
      if (fileBand && (peopleBandFloor[fileBand] ?? 0) >= people) {
        people = peopleBandFloor[fileBand] ?? 0;
        band = fileBand;
      }
      let fileStaff = staffBandFloor[stringAt(file, '特定個人情報の入手・使用', '使用の主体', '使用者数') ?? ''] ?? 0;
      for (const item of arrayAt(file, '特定個人情報ファイルの取扱いの委託', '委託事項')) {
        fileStaff += staffBandFloor[stringAt(item, '委託先における取扱者数') ?? ''] ?? 0;
      }
      staff = Math.max(staff, fileStaff);
    }
    const level = requiredLevel(people, staff >= 500);
    // The meaning of the chosen result, from the form's x-role-values when it has them (the 全項目 form does):
    // 'basic+full' satisfies a full duty; a 重点 form without the annotation falls back to its two literals.
    const values = schemaAt(schema, path)?.['x-role-values'] as Record<string, string> | undefined;
    const canonical = values?.[result] ?? (result === mandatoryFocused ? 'basic+focused' : result === noDuty ? 'none' : 'basic');
    const findings: RuleFinding[] = [];
    if ((level === 'focused' || level === 'full') && canonical !== 'basic+focused' && canonical !== 'basic+full') {
      findings.push({ messageId: 'below-duty', path, data: { band, result } });
    }
    if (level === 'full' && canonical !== 'basic+full') {
      findings.push({ messageId: 'full-due', path, level: 'warning', data: { band, staff } });
    }
    if (level !== 'none' && canonical === 'none') findings.push({ messageId: 'no-duty-but-people', path, data: { band, result } });
    return findings;
  },
};
