/** The one registration point of the rules across the 評価書 of a 事務 and of the city, sorted by ID. */
import type { OfficeRule } from '../rule.ts';
import { officeAssessedOn } from './office-assessed-on.ts';
import { officeBandsAgree } from './office-bands-agree.ts';
import { officeNumberUnique } from './office-number-unique.ts';
import { officeRequiredDocument } from './office-required-document.ts';
import { officeResultAgrees } from './office-result-agrees.ts';

export const officeRules: readonly OfficeRule[] = [
  officeAssessedOn,
  officeBandsAgree,
  officeNumberUnique,
  officeRequiredDocument,
  officeResultAgrees,
];
