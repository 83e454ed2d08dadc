/**
 * 公表する評価書では、様式の必須項目を空欄(null)にしない。下書きでは警告、--strict では誤り。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { walkIndex } from '../../schema/walk.ts';
import { isObject } from '../../model/access.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const blankRequiredItem: Rule = {
  meta: {
    id: 'blank-required-item',
    get title() { return tr('必須項目が空欄でない(公表用)', 'Required items are not blank (for publication)'); },
    level: 'warning',
    rationale: '空欄の必須項目は、記載漏れか原本からの転記漏れです。公表前に記載するか、該当しない場合は「—」と記載します。',
    basis: '重点項目評価書 記載要領(各項目の記載)',
    messages: bilingual({
      blank: '「{item}」が空欄です。',
    }, {
      blank: '「{item}」 is blank.',
    }),
    hints: bilingual({
      blank: '記載してください。該当しない場合は「—」と書きます(--strict では誤りになります)。',
    }, {
      blank: 'Fill it in. If it does not apply, write 「—」 (with --strict this is an error).',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const visit of walkIndex(schema, data).required) {
      const { value, schema: sub } = visit;
      if (!isObject(value) || !sub.required) continue;
      for (const key of sub.required) {
        // Read once: a value that is null or a string is there (as `key in value` asked before).
        const item = value[key];
        if (item === null || (typeof item === 'string' && item.trim() === '')) {
          const child = sub.properties?.[key];
          findings.push({ messageId: 'blank', path: `${visit.pointer}/${key}`, completeness: true, data: { item: child?.title ?? key } });
        }
      }
    }
    return findings;
  },
};
