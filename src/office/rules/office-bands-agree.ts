/**
 * 対象人数 and 取扱者数 of the 基礎 (Ⅱ1, Ⅱ2) agree with what its 重点/全項目評価書 states: the same band where the
 * other form has the same item (全項目 Ⅰ1③ 対象人数), and no contradiction with the per-file bands (重点 Ⅱ2②
 * 対象となる本人の数, Ⅱ3④ 使用者数 and Ⅱ4 委託先における取扱者数). How per-file counts add up to the 事務's count is
 * not settled in the sources [R], so those comparisons are warnings.
 */
import type { OfficeDocument, OfficeFinding, OfficeRule } from '../rule.ts';
import { readRole, type RoleRead } from '../../model/roles.ts';
import { pairOf, present } from './helpers.ts';
import { bilingual, tr } from '../../report/i18n.ts';

const fmt = (n: number | null) => (n === null ? tr('上限なし', 'no upper limit') : n.toLocaleString('ja-JP'));

/** Per file entry (Ⅱ index), the staff bands of its users and its contractors. */
function staffByFile(doc: OfficeDocument): Map<string, RoleRead[]> {
  const byFile = new Map<string, RoleRead[]>();
  for (const v of [...readRole(doc.schema, doc.data, 'handlers.users.band'), ...readRole(doc.schema, doc.data, 'handlers.contractor.band')]) {
    if (!v.band) continue;
    const key = v.pointer.split('/').slice(0, 3).join('/');
    byFile.set(key, [...(byFile.get(key) ?? []), v]);
  }
  return byFile;
}

export const officeBandsAgree: OfficeRule = {
  meta: {
    id: 'office-bands-agree',
    get title() { return tr('対象人数・取扱者数が事務の評価書の間で矛盾しない', 'The numbers of people and of handlers agree between the assessments of the 事務'); },
    level: 'error',
    requires: ['people.office.band', 'handlers.office.band'],
    rationale: 'しきい値判断は基礎項目評価書の対象人数・取扱者数で行います。重点・全項目評価書の人数と矛盾すると、しきい値判断の前提が誤っているおそれがあります。',
    basis: '特定個人情報保護評価指針 第6 1(対象人数・取扱者数)、基礎項目評価書 記載要領 [平成29年5月 様式2]',
    messages: bilingual({
      'office-band': '対象人数「{band}」が、同じ事務の{otherForm}の対象人数「{otherBand}」({otherAt})と違います。',
      'file-people': '{otherForm}の特定個人情報ファイルの対象となる本人の数「{otherBand}」({otherAt}、{otherMin}人以上)が、基礎項目評価書の対象人数「{band}」(上限 {max}人)を超えています。',
      'file-people-other': '対象となる本人の数「{band}」が、同じ事務の基礎項目評価書の対象人数「{otherBand}」({otherAt})より多い区分です。',
      'staff-over': '基礎項目評価書の取扱者数は「{band}」ですが、{otherForm}の使用者数と委託先の取扱者数の下限の合計が {sum}人です({otherAt})。',
      'staff-under': '基礎項目評価書の取扱者数は「{band}」ですが、{otherForm}の使用者数と委託先の取扱者数の上限の合計が {sum}人です({otherAt})。',
    }, {
      'office-band': 'The number of people 「{band}」 differs from 「{otherBand}」 in the {otherForm} of the same 事務 ({otherAt}).',
      'file-people': 'The number of people of a 特定個人情報ファイル in the {otherForm}, 「{otherBand}」 ({otherAt}, at least {otherMin}), exceeds the number of people of the 基礎項目評価書, 「{band}」 (at most {max}).',
      'file-people-other': 'The number of people 「{band}」 is a larger band than the number of people of the 基礎項目評価書 of the same 事務, 「{otherBand}」 ({otherAt}).',
      'staff-over': 'The 基礎項目評価書 gives the number of handlers as 「{band}」, but the lower bounds of the users and contractors\' handlers in the {otherForm} add up to {sum} ({otherAt}).',
      'staff-under': 'The 基礎項目評価書 gives the number of handlers as 「{band}」, but the upper bounds of the users and contractors\' handlers in the {otherForm} add up to {sum} ({otherAt}).',
    }),
    hints: bilingual({
      'office-band': '対象人数を数え直し、両方の評価書を同じ区分にしてください。',
      'file-people': '事務の対象人数(Ⅱ1)とファイルの本人の数の数え方を確かめてください。数え方の違い(保存期間中の過去の対象者を含むなど)によるなら、警告のままで構いません。',
      'file-people-other': '基礎項目評価書の対象人数と合わせて確かめてください。',
      'staff-over': '取扱者数(職員と委託先の従業者の合計)を数え直してください。500人以上ならしきい値判断結果が変わることがあります。',
      'staff-under': '取扱者数を数え直すか、使用者数・委託先の取扱者数の区分を確かめてください。',
    }, {
      'office-band': 'Count the people again and give both assessments the same band.',
      'file-people': 'Check how the 事務\'s number of people (Ⅱ1) and the file\'s number of people are counted. If the difference comes from the way of counting (past subjects kept during the retention period, …), the warning may stay.',
      'file-people-other': 'Check it together with the number of people of the 基礎項目評価書.',
      'staff-over': 'Count the handlers again (staff plus contractors\' employees). At 500 or more the result of the しきい値判断 can change.',
      'staff-under': 'Count the handlers again, or check the bands of the users and contractors\' handlers.',
    }),
  },
  check(offices) {
    const findings: OfficeFinding[] = [];
    for (const office of offices) {
      const pair = pairOf(office);
      if (!pair) continue;
      const { basic } = pair;
      const people = present(basic, 'people.office.band');
      const handlers = present(basic, 'handlers.office.band');
      for (const other of pair.others) {
        const otherPeople = present(other, 'people.office.band');
        if (people?.band && otherPeople?.band) {
          if (people.band.min !== otherPeople.band.min || people.band.max !== otherPeople.band.max) {
            findings.push({ messageId: 'office-band', file: basic.file, path: people.pointer, data: { band: String(people.raw), otherForm: other.formName, otherBand: String(otherPeople.raw), otherFile: other.file, otherPath: otherPeople.pointer } });
            findings.push({ messageId: 'office-band', file: other.file, path: otherPeople.pointer, data: { band: String(otherPeople.raw), otherForm: basic.formName, otherBand: String(people.raw), otherFile: basic.file, otherPath: people.pointer } });
          }
        } else if (people?.band && people.band.max !== null) {
          const max = people.band.max;
          for (const file of readRole(other.schema, other.data, 'people.file.band')) {
            if (!file.band || file.band.min <= max) continue;
            findings.push({ messageId: 'file-people', file: basic.file, path: people.pointer, level: 'warning', data: { band: String(people.raw), max: fmt(max), otherForm: other.formName, otherBand: String(file.raw), otherMin: fmt(file.band.min), otherFile: other.file, otherPath: file.pointer } });
            findings.push({ messageId: 'file-people-other', file: other.file, path: file.pointer, level: 'warning', data: { band: String(file.raw), otherBand: String(people.raw), otherFile: basic.file, otherPath: people.pointer } });
          }
        }
        if (!handlers?.band) continue;
        const byFile = staffByFile(other);
        if (byFile.size === 0) continue;
        // Staff may work on several files: the 事務's count is at least the largest file's and at most the sum.
        let lowest = 0;
        let lowestAt = '';
        let highest: number | null = 0;
        for (const [fileAt, values] of byFile) {
          const low = values.reduce((s, v) => s + v.band!.min, 0);
          if (low > lowest) [lowest, lowestAt] = [low, fileAt];
          for (const v of values) highest = highest === null || v.band!.max === null ? null : highest + v.band!.max;
        }
        if (lowest > (handlers.band.max ?? Infinity)) {
          findings.push({ messageId: 'staff-over', file: basic.file, path: handlers.pointer, level: 'warning', data: { band: String(handlers.raw), otherForm: other.formName, sum: fmt(lowest), otherFile: other.file, otherPath: lowestAt } });
        } else if (highest !== null && highest < handlers.band.min) {
          findings.push({ messageId: 'staff-under', file: basic.file, path: handlers.pointer, level: 'warning', data: { band: String(handlers.raw), otherForm: other.formName, sum: fmt(highest), otherFile: other.file, otherPath: '/' + [...byFile.keys()][0]!.split('/')[1] } });
        }
      }
    }
    return findings;
  },
};
