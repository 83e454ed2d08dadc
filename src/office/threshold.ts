/**
 * しきい値判断 (特定個人情報保護評価指針 第6, PPC-RULES.md §2): which assessments a 事務 must carry out, from its
 * 対象人数, 取扱者数 and 重大事故. The table is data with its basis; the 10,000–99,999 row is [V] (not verified).
 * Local stand-in until the engine's one しきい値判断 module lands (src/threshold/ on main); same answer values as
 * x-role-values of threshold.result.
 */
export type Required = 'none' | 'basic' | 'basic+focused' | 'basic+full';

export interface ThresholdRow {
  /** 対象人数 from (inclusive), to (inclusive, null = open). */
  people: [number, number | null];
  /** With 取扱者数 ≥ 500 or a 重大事故 in the past year. */
  risk: Required;
  otherwise: Required;
  status: string;
}

export const thresholdTable: { edition: string; basis: string; rows: ThresholdRow[] } = {
  edition: '特定個人情報保護評価指針(令和6年10月施行)',
  basis: '特定個人情報保護評価に関する規則 第4条・第6条・第7条、特定個人情報保護評価指針 第6 1',
  rows: [
    { people: [0, 999], risk: 'none', otherwise: 'none', status: '[P] 規則第4条第3号' },
    { people: [1000, 9999], risk: 'basic', otherwise: 'basic', status: '[P]' },
    { people: [10000, 99999], risk: 'basic+focused', otherwise: 'basic', status: '[V]' },
    { people: [100000, 299999], risk: 'basic+full', otherwise: 'basic+focused', status: '[P]' },
    { people: [300000, null], risk: 'basic+full', otherwise: 'basic+full', status: '[P]' },
  ],
};

/** The duty for a count of people (or the lower bound of a band), 取扱者数 ≥ 500 and 重大事故 (past year). */
export function requiredAssessments(people: number, handlersAtLeast500: boolean, incident: boolean): Required {
  const row = thresholdTable.rows.find((r) => people >= r.people[0] && (r.people[1] === null || people <= r.people[1]));
  if (!row) return 'none';
  return handlersAtLeast500 || incident ? row.risk : row.otherwise;
}

/** Order of the duties, lowest first: a rise is a move to the right. */
export const requiredOrder: readonly Required[] = ['none', 'basic', 'basic+focused', 'basic+full'];

/** The form a duty adds to the 基礎項目評価書, by 様式 name (what the 事務 must also hold). */
export const requiredForm: Record<Required, string | undefined> = {
  none: undefined,
  basic: undefined,
  'basic+focused': '重点項目評価書',
  'basic+full': '全項目評価書',
};

/** Japanese label of a duty, for messages. */
export const requiredLabel: Record<Required, string> = {
  none: '評価の義務なし',
  basic: '基礎項目評価',
  'basic+focused': '基礎項目評価及び重点項目評価',
  'basic+full': '基礎項目評価及び全項目評価',
};
