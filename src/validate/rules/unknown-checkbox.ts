/**
 * チェック欄の状態が「不明」(原本から読み取れない)のまま公表しない。下書きでは警告、--strict では誤り。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { renderedVisits, walkIndex } from '../../schema/walk.ts';
import { checkState, isObject } from '../../model/access.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const unknownCheckbox: Rule = {
  meta: {
    id: 'unknown-checkbox',
    get title() { return tr('チェック欄の状態が分かっている(公表用)', 'The state of each check box is known (for publication)'); },
    level: 'warning',
    rationale: 'PDF からの転記などでチェック欄の状態が失われた場合、推測で埋めずに「不明」と記録します。公表前に原本や担当課で確認して true / false にします。',
    messages: bilingual({
      unknown: '「{item}」のチェック欄のうち {count} 個の状態が不明です({options})。',
      'unknown-single': '「{item}」のチェック欄の状態が不明です。',
    }, {
      unknown: 'The state of {count} check box(es) of 「{item}」 is unknown ({options}).',
      'unknown-single': 'The state of the check box of 「{item}」 is unknown.',
    }),
    hints: bilingual({
      unknown: '原本や担当課で確認し、チェックありは true、なしは false にしてください(--strict では誤りになります)。',
      'unknown-single': '原本や担当課で確認し、チェックありは true、なしは false にしてください(--strict では誤りになります)。',
    }, {
      unknown: 'Check with the original document or the department in charge, and write true for checked, false for unchecked (with --strict this is an error).',
      'unknown-single': 'Check with the original document or the department in charge, and write true for checked, false for unchecked (with --strict this is an error).',
    }),
  },
  check({ data, schema }) {
    const findings: RuleFinding[] = [];
    for (const visit of renderedVisits(walkIndex(schema, data), 'checkboxes', 'checkbox')) {
      const { value, schema: sub, parent } = visit;
      const render = sub['x-render'];
      if (render === 'checkboxes' && isObject(value)) {
        const unknown = Object.entries(value).filter(([, v]) => checkState(v) === '不明').map(([k]) => k);
        if (unknown.length > 0) {
          const path = visit.pointer;
          findings.push({ messageId: 'unknown', path, completeness: true, data: { item: sub.title ?? path, count: unknown.length, options: unknown.join(tr('、', ', ')) } });
        }
      }
      // A lone checkbox (「提供・移転しない」); options inside a group are reported with their group.
      const inGroup = parent?.['x-render'] === 'checkboxes' || parent?.['x-render'] === 'checkbox';
      if (render === 'checkbox' && !inGroup && !isObject(value) && checkState(value) === '不明') {
        const path = visit.pointer;
        findings.push({ messageId: 'unknown-single', path, completeness: true, data: { item: sub.title ?? path } });
      }
    }
    return findings;
  },
};
