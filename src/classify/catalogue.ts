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

// ※ choice and checkbox items with no x-risk-order carry the reason in the form definition (x-no-risk-order):
// every change of them stays 事前 through significant-item-changed. catalogue.test.ts checks the parity.
