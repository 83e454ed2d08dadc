/** The one registration point of semantic validation rules, sorted by ID. */
import type { Rule } from '../rule.ts';
import { blankRequiredItem } from './blank-required-item.ts';
import { changeEntryDate } from './change-entry-date.ts';
import { changeRowCurrent } from './change-row-current.ts';
import { doubledWord } from './doubled-word.ts';
import { draftChangeExplanation } from './draft-change-explanation.ts';
import { duplicateId } from './duplicate-id.ts';
import { duplicateRecordItem } from './duplicate-record-item.ts';
import { entrustmentConsistency } from './entrustment-consistency.ts';
import { fileReference } from './file-reference.ts';
import { hearingPeriod } from './hearing-period.ts';
import { hearingReflection } from './hearing-reflection.ts';
import { linkedFacts } from './linked-facts.ts';
import { provisionConsistency } from './provision-consistency.ts';
import { publicationAfterProcedure } from './publication-after-procedure.ts';
import { recordsBandCount } from './records-band-count.ts';
import { termVariant } from './term-variant.ts';
import { thirdPartyReview } from './third-party-review.ts';
import { thresholdConsistency } from './threshold-consistency.ts';
import { unknownCheckbox } from './unknown-checkbox.ts';
import { warekiDate } from './wareki-date.ts';
import { withheldPart } from './withheld-part.ts';

export const validationRules: readonly Rule[] = [
  blankRequiredItem,
  changeEntryDate,
  changeRowCurrent,
  doubledWord,
  draftChangeExplanation,
  duplicateId,
  duplicateRecordItem,
  entrustmentConsistency,
  fileReference,
  hearingPeriod,
  hearingReflection,
  linkedFacts,
  provisionConsistency,
  publicationAfterProcedure,
  recordsBandCount,
  termVariant,
  thirdPartyReview,
  thresholdConsistency,
  unknownCheckbox,
  warekiDate,
  withheldPart,
];
