import { kAnonymise } from './k-anonymity';
import { DEFAULT_DISCLOSURE_POLICY } from './policy';
import { PUBLIC_HIERARCHIES } from './public-labels';
import {
  belowForceLevelNotGiven,
  buildDisclosureReport,
  datesReducedToYear,
  exemptionsCited,
  identifiersRemoved,
  kAnonymity,
  renderDisclosureReport,
  tableSuppression,
} from './report';
import { suppressTable } from './suppression';

const policy = DEFAULT_DISCLOSURE_POLICY;

describe('disclosure report', () => {
  const table = suppressTable(
    {
      rowKeys: ['Police officer', 'PCSO'],
      colKeys: ['2021', '2022'],
      counts: [
        [12, 3],
        [7, 9],
      ],
    },
    policy,
    new Set(['PCSO|2021']),
  );

  it('reports primary, secondary and carried-forward suppression with counts and s40(2)', () => {
    const part = tableSuppression(table, policy, 'the table of conduct outcomes');
    expect(part.rules.map((r) => [r.rule, r.affected, r.exemption])).toEqual([
      ['SMALL_NUMBERS_SUPPRESSED', 1, 'S40_2'],
      [
        'SECONDARY_SUPPRESSION',
        table.tally.cells.secondary + table.tally.totals.secondary,
        'S40_2',
      ],
      ['CARRIED_FORWARD_SUPPRESSION', 1, 'S40_2'],
    ]);
    expect(part.rules[0].description).toContain('"<5"');
    expect(part.withheld).toContain('Exact figures of 1 to 4 (shown as "<5")');
  });

  it('reports nothing for a table that needed no suppression', () => {
    const clean = suppressTable({ rowKeys: ['A'], colKeys: ['X'], counts: [[10]] }, policy);
    expect(tableSuppression(clean, policy)).toEqual({ rules: [], withheld: [] });
  });

  it('reports k-anonymity generalisation per column and suppressed rows', () => {
    const base = { year: '2021', personType: 'Police officer', statusNow: 'Dismissed' };
    const result = kAnonymise(
      [
        { ...base, offence: 'Theft' },
        { ...base, offence: 'Fraud' },
        { ...base, offence: 'Burglary' },
        { ...base, offence: 'Drug offences', year: '2019' },
      ],
      [
        { name: 'year', hierarchy: PUBLIC_HIERARCHIES.year },
        { name: 'personType', hierarchy: PUBLIC_HIERARCHIES.personType },
        { name: 'offence', hierarchy: PUBLIC_HIERARCHIES.offenceCategory },
        { name: 'statusNow', hierarchy: PUBLIC_HIERARCHIES.employmentStatus },
      ],
      3,
    );
    const part = kAnonymity(result, { offence: 'offence category' });
    expect(part.rules.map((r) => [r.rule, r.affected])).toEqual([
      ['K_ANONYMITY_GENERALISATION', 3],
      ['K_ANONYMITY_SUPPRESSION', 1],
    ]);
    expect(part.rules[0].description).toContain(
      'offence category given as a broader category (3 record(s) changed)',
    );
  });

  it('assembles rules in a fixed order and renders paste-able text with both exemptions', () => {
    const report = buildDisclosureReport(
      tableSuppression(table, policy),
      belowForceLevelNotGiven(31),
      datesReducedToYear(31, ['date of offence', 'date of conviction']),
      identifiersRemoved(31),
    );
    expect(report.rules.map((r) => r.rule)).toEqual([
      'IDENTIFIERS_REMOVED',
      'DATES_REDUCED_TO_YEAR',
      'BELOW_FORCE_LEVEL_NOT_GIVEN',
      'SMALL_NUMBERS_SUPPRESSED',
      'SECONDARY_SUPPRESSION',
      'CARRIED_FORWARD_SUPPRESSION',
    ]);
    expect(exemptionsCited(report)).toEqual(['S40_2', 'S31_1_A']);
    expect(report.withheld).toEqual(
      expect.arrayContaining([
        'Names of officers, staff and associates',
        'Staff (warrant or payroll) numbers',
        'Dates of birth and ages',
        'Exact date of conviction (the year is given instead)',
        'Breakdown by unit, borough or command',
      ]),
    );
    const text = renderDisclosureReport(report);
    expect(text).toContain('Section 40(2) – Personal information');
    expect(text).toContain('Section 31(1)(a) – Law enforcement');
    expect(text).toContain('given as the year only');
    expect(text.indexOf('Section 40(2)')).toBeLessThan(text.indexOf('Section 31(1)(a)'));
  });
});
