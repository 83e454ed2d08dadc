/**
 * しきい値判断結果は、対象人数・取扱者数・重大事故から しきい値判断(src/threshold)で求まる結果と合っていること。
 * 表は特定個人情報保護評価指針 第6 1 のしきい値判断(schemas/threshold.v1.json、PPC-RULES.md §2)。
 */
import type { Rule, RuleFinding } from '../rule.ts';
import { choiceFor, readOne } from '../../model/roles.ts';
import { assessThreshold, inputsText, isLevel, levelForms, levelLabel, levelRank, thresholdTable } from '../../threshold/threshold.ts';
import { bilingual, tr } from '../../report/i18n.ts';

export const thresholdConsistency: Rule = {
  meta: {
    id: 'threshold-consistency',
    get title() { return tr('しきい値判断結果が対象人数・取扱者数・重大事故と合っている', 'The result of the しきい値判断 agrees with the number of people, of handlers and serious incidents'); },
    level: 'error',
    requires: ['threshold.result'],
    rationale: 'しきい値判断結果は、その事務で義務付けられる評価を示します。対象人数・取扱者数(委託先の従業者を含む)・重大事故から求まる結果より低いと、義務の評価を行っていないことになり、高いと、任意の評価を義務と誤って示すことになります。',
    basis: `${thresholdTable.basis}(${thresholdTable.edition})`,
    messages: bilingual({
      'below-duty': 'しきい値判断結果が「{result}」ですが、しきい値判断項目からは{required}です({inputs})。',
      'wrong-form': 'しきい値判断結果が「{result}」ですが、しきい値判断項目からは{required}です({inputs})。この様式({form})ではこの結果を記録できません。',
      'above-duty': 'しきい値判断結果が「{result}」ですが、しきい値判断項目からは{required}です({inputs})。',
      'may-be-higher': 'この評価書の記載(区分)だけでは、しきい値判断結果は{possible}のどちらとも決まりません({inputs})。',
      incident: '{incidentItem}が「発生あり」です。過去1年以内の重大事故なら、しきい値判断では取扱者数500人以上と同じ扱いになり、必要な評価が上がることがあります。',
    }, {
      'below-duty': 'The result of the しきい値判断 is 「{result}」, but its items require {required} ({inputs}).',
      'wrong-form': 'The result of the しきい値判断 is 「{result}」, but its items require {required} ({inputs}). This form ({form}) cannot record that result.',
      'above-duty': 'The result of the しきい値判断 is 「{result}」, but its items give {required} ({inputs}).',
      'may-be-higher': 'From the bands stated in this assessment alone, the result of the しきい値判断 can be either of {possible} ({inputs}).',
      incident: '{incidentItem} is 「発生あり」 (occurred). A serious incident within the past year counts like 500 or more handlers in the しきい値判断, and may raise the assessment required.',
    }),
    hints: bilingual({
      'below-duty': 'しきい値判断結果を「{choice}」にするか、対象人数・取扱者数の記載を確認してください。判断の根拠があるなら 検証の例外 に理由を記録してください。',
      'wrong-form': '{forms}を作成してください(しきい値判断の結果が上がったときは、上の段階の評価を実施します)。',
      'above-duty': '義務付けられる評価より詳しい評価を任意に行う場合も、しきい値判断結果は義務の結果「{choice}」とし、任意の実施はその選択肢の「(任意に…)」で示します。',
      'may-be-higher': '基礎項目評価書のしきい値判断項目(対象人数・取扱者数・重大事故)で確かめてください。',
      incident: '重大事故の発生日が過去1年以内かを確かめ、基礎項目評価書の しきい値判断項目 と合わせてください。',
    }, {
      'below-duty': 'Set the result of the しきい値判断 to 「{choice}」, or check the number of people and of handlers. If there are grounds for the judgement, record the reason in `検証の例外`.',
      'wrong-form': 'Make the {forms} (when the result of the しきい値判断 rises, the higher level of assessment is carried out).',
      'above-duty': 'Even when a more detailed assessment than required is done voluntarily, the result of the しきい値判断 stays the required one, 「{choice}」, and the voluntary assessment is shown by that choice\'s 「(任意に…)」.',
      'may-be-higher': 'Check with the しきい値判断項目 of the 基礎項目評価書 (number of people, number of handlers, serious incidents).',
      incident: 'Check whether the serious incident occurred within the past year, and make it agree with the しきい値判断項目 of the 基礎項目評価書.',
    }),
  },
  check({ data, schema }) {
    const recorded = readOne(schema, data, 'threshold.result');
    if (!recorded || !isLevel(recorded.value)) return [];
    const path = recorded.pointer;
    const result = assessThreshold(schema, data);
    const base = { result: String(recorded.raw), inputs: inputsText(result.inputs) };
    const findings: RuleFinding[] = [];
    const rank = levelRank(recorded.value);
    if (rank < levelRank(result.min) || rank > levelRank(result.max)) {
      const required = result.definite ?? result.min;
      const choice = choiceFor(schema, 'threshold.result', required);
      const requiredText = result.definite ? `「${levelLabel(required)}」` : tr(`少なくとも「${levelLabel(required)}」`, `at least 「${levelLabel(required)}」`);
      if (rank > levelRank(result.max)) {
        const upTo = result.definite ? `「${levelLabel(result.max)}」` : tr(`多くとも「${levelLabel(result.max)}」`, `at most 「${levelLabel(result.max)}」`);
        findings.push({ messageId: 'above-duty', path, level: 'warning', data: { ...base, required: upTo, choice: choiceFor(schema, 'threshold.result', result.max) ?? levelLabel(result.max) } });
      } else if (choice) {
        findings.push({ messageId: 'below-duty', path, data: { ...base, required: requiredText, choice } });
      } else {
        const form = String((schema.properties?.['様式'] as { const?: string } | undefined)?.const ?? '');
        findings.push({ messageId: 'wrong-form', path, data: { ...base, required: requiredText, form, forms: levelForms(required).join(tr('と', ' and ')) } });
      }
    } else if (!result.definite && rank < levelRank(result.max)) {
      findings.push({ messageId: 'may-be-higher', path, level: 'info', data: { ...base, possible: result.possible.filter((l) => levelRank(l) >= rank).map((l) => `「${levelLabel(l)}」`).join(tr('と', ' and ')) } });
    }
    const recent = readOne(schema, data, 'incident.recent');
    if (recent?.value === 'yes' && result.inputs.incident === 'unknown') {
      findings.push({ messageId: 'incident', path: recent.pointer, level: 'info', data: { incidentItem: result.inputs.incidentSource ?? '' } });
    }
    return findings;
  },
};
