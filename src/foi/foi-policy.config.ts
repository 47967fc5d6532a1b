import { AppConfig } from '../config/app-config';
import { DisclosurePolicy, disclosurePolicy } from './domain';

/**
 * FOI policy (DOMAIN.md §5: configurable, with these defaults), built once when the module starts
 * from the validated application config (FOI_SUPPRESSION_THRESHOLD, FOI_K_ANONYMITY and
 * FOI_MAX_EXTRACT_YEARS, checked in src/config/env.validation.ts). Every number the FOI code path
 * depends on is here; nothing in src/foi reads the environment.
 */
export interface FoiPolicy {
  /** Suppression threshold and k for k-anonymity. */
  readonly disclosure: DisclosurePolicy;
  /** Statutory time for compliance, in working days after receipt (FOIA s10). */
  readonly responseWorkingDays: number;
  /** Earliest year an extract may cover (the register holds nothing older). */
  readonly earliestYear: number;
  /** Longest period, in years, one extract may cover. */
  readonly maxYears: number;
  /** Rows of a linked extract printed in the draft letter; larger tables are referred to. */
  readonly letterTableRows: number;
}

export const FOI_POLICY = Symbol('FOI_POLICY');

/** The fixed parts of the policy; the configurable ones default in src/config/app-config.ts. */
export const FOI_FIXED_POLICY = {
  responseWorkingDays: 20,
  earliestYear: 1990,
  letterTableRows: 100,
} as const;

/** The FOI policy from the `foi` section of the application config. */
export function foiPolicyFrom(foi: AppConfig['foi']): FoiPolicy {
  return Object.freeze({
    disclosure: disclosurePolicy({ threshold: foi.threshold, k: foi.k }),
    responseWorkingDays: FOI_FIXED_POLICY.responseWorkingDays,
    earliestYear: FOI_FIXED_POLICY.earliestYear,
    maxYears: foi.maxExtractYears,
    letterTableRows: FOI_FIXED_POLICY.letterTableRows,
  });
}
