/**
 * 取扱者数 (staff plus contractor staff handling the file) is an input of the しきい値判断
 * (特定個人情報保護評価指針 第6, PPC-RULES.md §2): 500人以上 raises the required assessment. When an observed
 * head count replaces a declared 使用者数 / 委託先における取扱者数 band, the total may cross 500.
 */
import { arrayAt, stringAt } from '../../model/access.ts';
import { segmentsOf } from '../../report/diagnostic.ts';
import { peopleBandFloor, requiredLevel, staffBandFloor } from '../../validate/rules/threshold-consistency.ts';
import type { CheckRuleMeta } from './rule.ts';

export const meta: CheckRuleMeta = {
  id: 'staff-threshold',
  title: '観測した人数でしきい値判断が変わらない',
  yields: ['note'],
  rationale: '取扱者数が500人以上になると、対象人数によっては全項目評価(または重点項目評価)の実施が義務付けられます。',
  messages: {
    crossed: '観測した人数 {observed}人を使うと、取扱者数(使用者数と委託先の取扱者数の合計)は {total}人以上となり500人以上です。しきい値判断の結果が変わる可能性があります(必要な評価: {required}、記載どおりなら: {declared})。',
  },
  hints: {
    crossed: '基礎項目評価書のしきい値判断をやり直し、必要なら評価をやり直してください(しきい値判断結果が上がる場合は、上の評価を実施します)。',
  },
};

const levelNames: Record<ReturnType<typeof requiredLevel>, string> = {
  none: '評価の義務なし',
  basic: '基礎項目評価',
  focused: '基礎項目評価及び重点項目評価',
  full: '基礎項目評価及び全項目評価',
};

export interface StaffThresholdFinding {
  messageId: 'crossed';
  data: Record<string, string | number>;
}

/** Only for claims on a staff band item of a file (Ⅱ3④使用者数, Ⅱ4②委託先における取扱者数) with a numeric observation. */
export function verifyStaffThreshold(data: Record<string, unknown>, pointer: string, observed: unknown): StaffThresholdFinding | undefined {
  const segments = segmentsOf(pointer);
  if (segments[0] !== '特定個人情報ファイルの概要' || typeof observed !== 'number') return undefined;
  const file = arrayAt(data, '特定個人情報ファイルの概要')[Number(segments[1])];
  if (file === undefined) return undefined;
  const userPointer = `/特定個人情報ファイルの概要/${segments[1]}/特定個人情報の入手・使用/使用の主体/使用者数`;
  const bands: { pointer: string; band: string | undefined }[] = [{ pointer: userPointer, band: stringAt(file, '特定個人情報の入手・使用', '使用の主体', '使用者数') }];
  arrayAt(file, '特定個人情報ファイルの取扱いの委託', '委託事項').forEach((item, i) => {
    bands.push({ pointer: `/特定個人情報ファイルの概要/${segments[1]}/特定個人情報ファイルの取扱いの委託/委託事項/${i}/委託先における取扱者数`, band: stringAt(item, '委託先における取扱者数') });
  });
  if (!bands.some((b) => b.pointer === pointer && b.band !== undefined && b.band in staffBandFloor)) return undefined;
  const declaredTotal = bands.reduce((sum, b) => sum + (staffBandFloor[b.band ?? ''] ?? 0), 0);
  const total = bands.reduce((sum, b) => sum + (b.pointer === pointer ? observed : (staffBandFloor[b.band ?? ''] ?? 0)), 0);
  if (total < 500 || declaredTotal >= 500) return undefined;
  let people = 0;
  for (const f of arrayAt(data, '特定個人情報ファイルの概要')) people = Math.max(people, peopleBandFloor[stringAt(f, '基本情報', '対象となる本人の数') ?? ''] ?? 0);
  return {
    messageId: 'crossed',
    data: { observed, total, required: levelNames[requiredLevel(people, true)], declared: levelNames[requiredLevel(people, false)] },
  };
}
