/** The one registration point of change classification rules, sorted by ID (STYLE.md 3.2). */
import type { ClassifyRule } from './rule.ts';
import { entryMoved } from './rules/entry-moved.ts';
import { formalChange } from './rules/formal-change.ts';
import { handlerThresholdCrossed } from './rules/handler-threshold-crossed.ts';
import { nonSignificantItem } from './rules/non-significant-item.ts';
import { organisationRenamed } from './rules/organisation-renamed.ts';
import { riskLowered } from './rules/risk-lowered.ts';
import { riskRaised } from './rules/risk-raised.ts';
import { significantItemChanged } from './rules/significant-item-changed.ts';
import { thresholdRaised } from './rules/threshold-raised.ts';
import { typoFix } from './rules/typo-fix.ts';

export const classificationRules: readonly ClassifyRule[] = [
  entryMoved,
  formalChange,
  handlerThresholdCrossed,
  nonSignificantItem,
  organisationRenamed,
  riskLowered,
  riskRaised,
  significantItemChanged,
  thresholdRaised,
  typoFix,
];

/**
 * ※ choice and checkbox items with no x-risk-order: no direction of risk can be read from their values, so
 * every change of them stays 事前 through significant-item-changed. The parity test fails when one is no
 * longer ※, gains an x-risk-order, or a ※ choice item is neither ordered nor listed here.
 */
export const riskOrderWaivers: readonly { pointer: string; reason: string }[] = [
  { pointer: '/特定個人情報ファイルの概要/[]/基本情報/ファイルの種類', reason: 'システム用ファイルと表計算ファイル等のどちらがリスクが高いかは一概に言えません(表計算ファイルは持ち出しやすく、システム用ファイルは大量に扱います)。' },
];
