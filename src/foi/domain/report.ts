import { KAnonymityResult, WeightedKAnonymityResult } from './k-anonymity';
import { DisclosurePolicy, WITHHELD_LABEL } from './policy';
import { SuppressedTable } from './suppression';

/**
 * The disclosure-control report every extract carries: each rule applied, how many values, cells
 * or rows it touched, the exemption that covers it, and a list of what was withheld. The texts
 * are written to be pasted into the response letter as they are.
 *
 * Each helper returns a `ReportPart`; `buildDisclosureReport` puts parts together in a fixed
 * rule order, so the same extract always gives the same report.
 */

export type ReportExemption = 'S40_2' | 'S31_1_A';

export type DisclosureRuleCode =
  | 'IDENTIFIERS_REMOVED'
  | 'DATES_REDUCED_TO_YEAR'
  | 'DATES_REMOVED'
  | 'BELOW_FORCE_LEVEL_NOT_GIVEN'
  | 'SMALL_NUMBERS_SUPPRESSED'
  | 'SECONDARY_SUPPRESSION'
  | 'CARRIED_FORWARD_SUPPRESSION'
  | 'K_ANONYMITY_GENERALISATION'
  | 'K_ANONYMITY_SUPPRESSION';

export interface DisclosureRule {
  readonly rule: DisclosureRuleCode;
  readonly description: string;
  /** Rows, cells or values the rule touched (what is counted is said in the description). */
  readonly affected: number;
  readonly exemption: ReportExemption | null;
  readonly reason: string;
}

export interface DisclosureReport {
  readonly rules: readonly DisclosureRule[];
  /** Plain-language list of what the requester does not get. */
  readonly withheld: readonly string[];
}

export interface ReportPart {
  readonly rules: readonly DisclosureRule[];
  readonly withheld: readonly string[];
}

const RULE_ORDER: readonly DisclosureRuleCode[] = [
  'IDENTIFIERS_REMOVED',
  'DATES_REDUCED_TO_YEAR',
  'DATES_REMOVED',
  'BELOW_FORCE_LEVEL_NOT_GIVEN',
  'SMALL_NUMBERS_SUPPRESSED',
  'SECONDARY_SUPPRESSION',
  'CARRIED_FORWARD_SUPPRESSION',
  'K_ANONYMITY_GENERALISATION',
  'K_ANONYMITY_SUPPRESSION',
];

export const EXEMPTION_TITLES: Readonly<Record<ReportExemption, string>> = {
  S40_2: 'Section 40(2) – Personal information',
  S31_1_A: 'Section 31(1)(a) – Law enforcement',
};

const PERSONAL_DATA_REASON =
  'Disclosure would allow living individuals to be identified and would reveal personal data, ' +
  'including criminal offence data, without a lawful basis under the data protection principles.';

/** Identifiers the FOI code path never loads. */
export const IDENTIFIER_KINDS = {
  NAMES: 'Names of officers, staff and associates',
  STAFF_NUMBERS: 'Staff (warrant or payroll) numbers',
  DATES_OF_BIRTH: 'Dates of birth and ages',
  FREE_TEXT: 'Free-text descriptions and circumstances',
  RANK_AND_GRADE: 'Rank or grade',
} as const;
export type IdentifierKind = keyof typeof IDENTIFIER_KINDS;

/** Names, staff numbers, dates of birth and free text are not given (s40(2)). Always applies. */
export function identifiersRemoved(
  records: number,
  kinds: readonly IdentifierKind[] = ['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH', 'FREE_TEXT'],
): ReportPart {
  const withheld = kinds.map((kind) => IDENTIFIER_KINDS[kind]);
  return {
    rules: [
      {
        rule: 'IDENTIFIERS_REMOVED',
        description: `Removed from all ${records} record(s): ${lowerList(withheld)}.`,
        affected: records,
        exemption: 'S40_2',
        reason:
          `${PERSONAL_DATA_REASON} Given the size of the workforce and the small number of ` +
          'cases, these details would identify the people concerned, particularly to colleagues.',
      },
    ],
    withheld,
  };
}

/** Exact dates replaced by the year (e.g. `['date of offence', 'date of conviction']`). */
export function datesReducedToYear(records: number, dateFields: readonly string[]): ReportPart {
  return {
    rules: [
      {
        rule: 'DATES_REDUCED_TO_YEAR',
        description: `The ${lowerList(dateFields)} of ${records} record(s) are given as the year only.`,
        affected: records,
        exemption: 'S40_2',
        reason:
          'An exact date, put together with what is known locally or reported in the press, ' +
          'could single out an individual. The year answers the question without doing so.',
      },
    ],
    withheld: dateFields.map((field) => `Exact ${field} (the year is given instead)`),
  };
}

/** No date of any kind (the association table), as DOMAIN.md §5 requires by default. */
export function datesRemoved(records: number, dateFields: readonly string[]): ReportPart {
  return {
    rules: [
      {
        rule: 'DATES_REMOVED',
        description: `No ${lowerList(dateFields)} (not even month or year) is given for ${records} record(s).`,
        affected: records,
        exemption: 'S40_2',
        reason:
          'The month or year, together with the nature of the association and the reason for ' +
          'declaring it, could identify the officer or member of staff and their associate.',
      },
    ],
    withheld: dateFields.map((field) => `The ${field}, including month and year`),
  };
}

/** Figures are force-wide; no breakdown by unit, borough or command (s31(1)(a)). */
export function belowForceLevelNotGiven(
  records: number,
  breakdown = 'unit, borough or command',
): ReportPart {
  return {
    rules: [
      {
        rule: 'BELOW_FORCE_LEVEL_NOT_GIVEN',
        description: `Figures cover the force as a whole; no breakdown by ${breakdown} is given (${records} record(s) aggregated).`,
        affected: records,
        exemption: 'S31_1_A',
        reason:
          'A local breakdown would show where vetting and counter-corruption attention is ' +
          'focused, which would be likely to prejudice the prevention or detection of crime. ' +
          'Force-wide figures meet the public interest in transparency; the public interest in ' +
          'withholding the local detail is stronger.',
      },
    ],
    withheld: [`Breakdown by ${breakdown}`],
  };
}

/** Primary, secondary and carried-forward suppression of a count table. */
export function tableSuppression(
  table: SuppressedTable,
  policy: DisclosurePolicy,
  tableName = 'the table',
): ReportPart {
  const { cells, totals } = table.tally;
  const primary = cells.primary + totals.primary;
  const secondary = cells.secondary + totals.secondary;
  const carried = cells.carriedForward + totals.carriedForward;
  const small = `1 to ${policy.threshold - 1}`;
  const rules: DisclosureRule[] = [];
  const withheld: string[] = [];
  if (primary > 0) {
    rules.push({
      rule: 'SMALL_NUMBERS_SUPPRESSED',
      description:
        `${primary} figure(s) in ${tableName} (${cells.primary} cell(s), ${totals.primary} ` +
        `total(s)) between ${small} are shown as "${policy.suppressedLabel}".`,
      affected: primary,
      exemption: 'S40_2',
      reason: `${PERSONAL_DATA_REASON} With numbers this small, the individuals could be identified.`,
    });
    withheld.push(`Exact figures of ${small} (shown as "${policy.suppressedLabel}")`);
  }
  if (secondary > 0) {
    rules.push({
      rule: 'SECONDARY_SUPPRESSION',
      description:
        `A further ${secondary} figure(s) in ${tableName} (${cells.secondary} cell(s), ` +
        `${totals.secondary} total(s)) are shown as "${WITHHELD_LABEL}" so that the small ` +
        'figures cannot be worked out from totals or from the other figures.',
      affected: secondary,
      exemption: 'S40_2',
      reason:
        'Withholding a small number is ineffective if it can be recovered by subtraction; ' +
        'these figures are withheld only to protect the small numbers.',
    });
    withheld.push(`${secondary} further figure(s) or total(s) (shown as "${WITHHELD_LABEL}")`);
  }
  if (carried > 0) {
    rules.push({
      rule: 'CARRIED_FORWARD_SUPPRESSION',
      description:
        `${carried} figure(s) in ${tableName} withheld in an earlier response covering the ` +
        `same period remain withheld (shown as "${WITHHELD_LABEL}").`,
      affected: carried,
      exemption: 'S40_2',
      reason:
        'Publishing them now would let the two responses be compared to reveal what was ' +
        'withheld before.',
    });
    withheld.push(`${carried} figure(s) withheld in an earlier response for the same period`);
  }
  return { rules, withheld };
}

/**
 * k-anonymity of a row-level extract. `columnLabels` gives the public column headings (defaults
 * to the column names).
 */
export function kAnonymity(
  result: KAnonymityResult | WeightedKAnonymityResult,
  columnLabels: Readonly<Record<string, string>> = {},
): ReportPart {
  const rules: DisclosureRule[] = [];
  const withheld: string[] = [];
  const label = (name: string): string => columnLabels[name] ?? name;
  const coarsened = Object.keys(result.levels).filter((name) => result.levels[name] > 0);
  const published = 'groups' in result ? result.publishedRows : result.rows.length;
  if (coarsened.length > 0 && published > 0) {
    const details = coarsened.map((name) => {
      const how =
        result.levels[name] === result.topLevels[name]
          ? `withheld (shown as "${WITHHELD_LABEL}")`
          : 'given as a broader category';
      return `${label(name)} ${how} (${result.generalisedRows[name]} record(s) changed)`;
    });
    rules.push({
      rule: 'K_ANONYMITY_GENERALISATION',
      description:
        `So that every combination of published values is shared by at least ${result.k} ` +
        `records: ${details.join('; ')}.`,
      affected: result.generalisedRowCount,
      exemption: 'S40_2',
      reason:
        'A combination of values shared by fewer records could be matched to a known ' +
        'individual by colleagues or others with local knowledge.',
    });
    withheld.push(...coarsened.map((name) => `Exact ${label(name)} (a broader value is given)`));
  }
  if (result.suppressedRows > 0) {
    rules.push({
      rule: 'K_ANONYMITY_SUPPRESSION',
      description:
        `${result.suppressedRows} record(s) are not listed because, even after broadening, ` +
        `fewer than ${result.k} records shared their combination of values.`,
      affected: result.suppressedRows,
      exemption: 'S40_2',
      reason: 'Listing them would allow the individuals concerned to be identified.',
    });
    withheld.push(`${result.suppressedRows} record(s) not listed`);
  }
  return { rules, withheld };
}

/** Puts parts together: rules in a fixed order, withheld items without repeats. */
export function buildDisclosureReport(...parts: readonly ReportPart[]): DisclosureReport {
  const rules = parts
    .flatMap((part) => part.rules)
    .map((rule, index) => ({ rule, index }))
    .sort(
      (a, b) =>
        RULE_ORDER.indexOf(a.rule.rule) - RULE_ORDER.indexOf(b.rule.rule) || a.index - b.index,
    )
    .map(({ rule }) => rule);
  const withheld = [...new Set(parts.flatMap((part) => part.withheld))];
  return { rules, withheld };
}

/** The exemptions cited by a report, in a fixed order. */
export function exemptionsCited(report: DisclosureReport): ReportExemption[] {
  const cited = new Set(report.rules.map((rule) => rule.exemption));
  return (Object.keys(EXEMPTION_TITLES) as ReportExemption[]).filter((code) => cited.has(code));
}

/** Plain text for the response letter: what was withheld, then each exemption and its rules. */
export function renderDisclosureReport(report: DisclosureReport): string {
  const lines: string[] = [];
  if (report.withheld.length > 0) {
    lines.push('The following information has not been provided:');
    lines.push(...report.withheld.map((item) => `- ${item}`));
    lines.push('');
  }
  for (const code of exemptionsCited(report)) {
    lines.push(EXEMPTION_TITLES[code]);
    for (const rule of report.rules.filter((r) => r.exemption === code)) {
      lines.push(`- ${rule.description} ${rule.reason}`);
    }
    lines.push('');
  }
  const other = report.rules.filter((rule) => rule.exemption === null);
  if (other.length > 0) {
    lines.push('Other changes made to protect individuals:');
    lines.push(...other.map((rule) => `- ${rule.description} ${rule.reason}`));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function lowerList(items: readonly string[]): string {
  const lower = items.map((item) => item.charAt(0).toLowerCase() + item.slice(1));
  if (lower.length <= 1) return lower.join('');
  return `${lower.slice(0, -1).join(', ')} and ${lower[lower.length - 1]}`;
}
