import { ConfigValidationError } from '../config/env.validation';
import { DisclosurePolicy, disclosurePolicy } from './domain';

/**
 * FOI policy (DOMAIN.md §5: configurable, with these defaults), read once when the module starts.
 * Every number the FOI code path depends on is here; nothing else reads the environment.
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

export const FOI_POLICY_DEFAULTS = {
  threshold: 5,
  k: 3,
  responseWorkingDays: 20,
  earliestYear: 1990,
  maxYears: 30,
  letterTableRows: 100,
} as const;

const VARIABLES = {
  threshold: { name: 'FOI_SUPPRESSION_THRESHOLD', min: 2, max: 100 },
  k: { name: 'FOI_K_ANONYMITY', min: 1, max: 100 },
  maxYears: { name: 'FOI_MAX_EXTRACT_YEARS', min: 1, max: 100 },
} as const;

/** Reads the optional FOI_* variables; a bad value stops start-up with its name. */
export function loadFoiPolicy(env: NodeJS.ProcessEnv = process.env): FoiPolicy {
  const errors: string[] = [];
  const read = (key: keyof typeof VARIABLES): number => {
    const { name, min, max } = VARIABLES[key];
    const raw = env[name];
    if (raw === undefined || raw === '') return FOI_POLICY_DEFAULTS[key];
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      errors.push(`  ${name}: must be a whole number from ${min} to ${max}`);
      return FOI_POLICY_DEFAULTS[key];
    }
    return value;
  };
  const threshold = read('threshold');
  const k = read('k');
  const maxYears = read('maxYears');
  if (errors.length > 0) {
    throw new ConfigValidationError(`Invalid configuration:\n${errors.join('\n')}`);
  }
  return Object.freeze({
    disclosure: disclosurePolicy({ threshold, k }),
    responseWorkingDays: FOI_POLICY_DEFAULTS.responseWorkingDays,
    earliestYear: FOI_POLICY_DEFAULTS.earliestYear,
    maxYears,
    letterTableRows: FOI_POLICY_DEFAULTS.letterTableRows,
  });
}
