/**
 * Which rules apply to which form. A rule declares the semantic roles it reads (`requires`); a form that lacks
 * one of them is a form the rule does not apply to. Each such gap must be explained in the form itself
 * (x-form.notApplicable: rule ID → reason), so a missing role is never a silent gap: see applicability.test.ts.
 */
import type { FormDefinition } from './registry.ts';
import { formRoles, missingRoles } from '../model/roles.ts';
import { validationRules } from '../validate/rules/catalogue.ts';
import { classificationRules } from '../classify/catalogue.ts';
import { checkRules } from '../checks/catalogue.ts';

export interface RuleApplicability {
  catalogue: 'validation' | 'classification' | 'check';
  id: string;
  title: string;
  applies: boolean;
  missing: string[];
  /** The form's recorded reason, where the rule does not apply. */
  reason?: string;
}

export function ruleApplicability(form: FormDefinition): RuleApplicability[] {
  const roles = formRoles(form.schema);
  const reasons = (form.schema['x-form'] as { notApplicable?: Record<string, string> } | undefined)?.notApplicable ?? {};
  const entry = (catalogue: RuleApplicability['catalogue'], id: string, title: string, requires: readonly string[] = []): RuleApplicability => {
    const missing = missingRoles({ requires }, roles);
    return { catalogue, id, title, applies: missing.length === 0, missing, reason: missing.length > 0 ? reasons[id] : undefined };
  };
  return [
    ...validationRules.map((r) => entry('validation', r.meta.id, r.meta.title, r.meta.requires)),
    ...classificationRules.map((r) => entry('classification', r.meta.id, r.meta.title, r.meta.requires)),
    ...checkRules.map((r) => entry('check', r.id, r.title, r.requires)),
  ];
}
