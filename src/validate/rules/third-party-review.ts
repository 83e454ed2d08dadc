/**
 * 全項目評価書 Ⅵ3 第三者点検 と Ⅵ4 個人情報保護委員会の承認【行政機関等のみ】: 地方公共団体等は第三者点検を受け、
 * 行政機関等は個人情報保護委員会の承認を受ける。
 * 地方公共団体等は「個人情報の保護に関する学識経験のある者を含む者で構成される合議制の機関…その他指針に照らして
 * 適当と認められる者」の点検を受ける(特定個人情報保護評価に関する規則 第7条第4項、二次資料による。FORMS.md §5)。
 * 承認は行政機関等だけで、表紙の「個人情報保護委員会 承認日」も【行政機関等のみ】と印字されている。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { bodyKind, roleText } from '../procedure.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const thirdPartyReview: Rule = {
  meta: {
    id: 'third-party-review',
    get title() { return tr('地方公共団体等は第三者点検を、行政機関等だけが委員会の承認を記載する', 'Local government bodies state a third-party review; only national administrative bodies state the Commission\'s approval'); },
    level: 'error',
    rationale: '全項目評価書は、地方公共団体等では第三者点検を、行政機関等では個人情報保護委員会の承認を経て公表します。地方公共団体等の評価書に承認の記載があると、受けていない手続を受けたように読めます。評価実施機関名から区分が分からないときは指摘しません。',
    basis: '特定個人情報保護評価に関する規則 第7条第4項(第三者点検)・第5項(委員会の承認); 全項目評価書 様式4 表紙「個人情報保護委員会 承認日【行政機関等のみ】」、Ⅵ3、Ⅵ4',
    requires: ['cover.organisation', 'third-party.date', 'third-party.method', 'third-party.result', 'ppc.submitted-on', 'cover.ppc-approved-on'],
    messages: bilingual({
      'third-party-missing': '評価実施機関「{organisation}」は地方公共団体等ですが、第三者点検の「{item}」がありません。',
      'approval-not-local': '評価実施機関「{organisation}」は地方公共団体等です。個人情報保護委員会の承認は行政機関等だけが受けるもので、「{item}」は記載しません。',
      'approval-missing': '評価実施機関「{organisation}」は行政機関等ですが、個人情報保護委員会の承認の「{item}」がありません。',
    }, {
      'third-party-missing': 'The assessing body 「{organisation}」 is a local government body, but 「{item}」 of the third-party review is missing.',
      'approval-not-local': 'The assessing body 「{organisation}」 is a local government body. Only national administrative bodies are approved by the Personal Information Protection Commission, so 「{item}」 is not stated.',
      'approval-missing': 'The assessing body 「{organisation}」 is a national administrative body, but 「{item}」 of the Commission\'s approval is missing.',
    }),
    hints: bilingual({
      'third-party-missing': '個人情報保護審議会等による第三者点検の実施日・方法・結果を記載してください。点検前の下書きなら公表までに記載します。',
      'approval-not-local': 'この欄を空欄にしてください。評価実施機関名が誤っているなら、評価実施機関名を直してください。',
      'approval-missing': '委員会に提出した日と審査の結果を記載し、承認を受けたら表紙の承認日を記載してください。',
    }, {
      'third-party-missing': 'State the date, method and result of the third-party review by the privacy council (個人情報保護審議会 or similar). In a draft before the review, fill them in before publication.',
      'approval-not-local': 'Leave this field blank. If the name of the assessing body is wrong, correct it.',
      'approval-missing': 'State the date of submission to the Commission and the result of its review, and once approved, the date of approval on the cover.',
    }),
  },
  check({ data, schema }) {
    const organisation = roleText(schema, data, 'cover.organisation');
    if (!organisation?.text) return [];
    const kind = bodyKind(organisation.text);
    if (kind === 'unknown') return [];
    const findings: RuleFinding[] = [];
    const title = (pointer: string) => pointer.split('/').at(-1)!;
    const thirdParty = ['third-party.date', 'third-party.method', 'third-party.result'].map((r) => roleText(schema, data, r)!);
    const approval = ['ppc.submitted-on', 'ppc.review', 'cover.ppc-approved-on'].map((r) => roleText(schema, data, r)).filter((r) => r !== undefined);
    const present = (r: { text?: string }) => r.text !== undefined && r.text !== '—';
    if (kind === 'local') {
      for (const r of thirdParty) if (!present(r)) findings.push({ messageId: 'third-party-missing', path: r.pointer, completeness: true, data: { organisation: organisation.text, item: title(r.pointer) } });
      for (const r of approval) if (present(r)) findings.push({ messageId: 'approval-not-local', path: r.pointer, data: { organisation: organisation.text, item: title(r.pointer) } });
    } else {
      for (const r of approval) if (!present(r)) findings.push({ messageId: 'approval-missing', path: r.pointer, completeness: true, data: { organisation: organisation.text, item: title(r.pointer) } });
    }
    return findings;
  },
};
