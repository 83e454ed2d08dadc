/** Every control-check rule, sorted by ID: the only registration point (`pia check --list-rules`). */
import { meta as assertion } from './rules/assertion.ts';
import { meta as attestation } from './rules/attestation.ts';
import { meta as claimReference } from './rules/claim-reference.ts';
import { meta as coverageGap } from './rules/coverage-gap.ts';
import type { CheckRuleMeta } from './rules/rule.ts';
import { meta as sourceError } from './rules/source-error.ts';
import { meta as staffThreshold } from './rules/staff-threshold.ts';

export const checkRules: readonly CheckRuleMeta[] = [assertion, attestation, claimReference, coverageGap, sourceError, staffThreshold];

export function ruleMeta(id: string): CheckRuleMeta {
  const meta = checkRules.find((r) => r.id === id);
  if (!meta) throw new Error(`unknown check rule ${id}`);
  return meta;
}
