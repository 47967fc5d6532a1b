import fc from 'fast-check';
import {
  ASSOCIATION_REASONS,
  DEFAULT_DISCLOSURE_POLICY,
  EMPLOYMENT_STATUSES,
  isSafeCell,
  OFFENCE_CATEGORIES,
  PERSON_TYPES,
  RELATIONSHIP_TYPES,
} from './domain';
import {
  buildExtract,
  buildPublishedExtract,
  CaseSourceRow,
  CountSourceRow,
  DeclarationSourceRow,
  ExtractRequest,
  ExtractSource,
  publishedRows,
  yearTypeKey,
} from './extract-definitions';

const policy = DEFAULT_DISCLOSURE_POLICY;

const caseRow = fc.record<CaseSourceRow>({
  year: fc.integer({ min: 2018, max: 2024 }),
  personType: fc.constantFrom(...PERSON_TYPES),
  offenceCategory: fc.constantFrom(...OFFENCE_CATEGORIES),
  statusAtOffence: fc.option(fc.constantFrom(...EMPLOYMENT_STATUSES), { nil: null }),
  statusNow: fc.constantFrom(...EMPLOYMENT_STATUSES),
});

const declarationRow = fc.record<DeclarationSourceRow>({
  relationships: fc.array(fc.constantFrom(...RELATIONSHIP_TYPES), { minLength: 1, maxLength: 4 }),
  reasons: fc.uniqueArray(fc.constantFrom(...ASSOCIATION_REASONS), { minLength: 1, maxLength: 3 }),
});

function groupSizes(rows: ReadonlyArray<readonly unknown[]>): number[] {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(JSON.stringify(row), (sizes.get(JSON.stringify(row)) ?? 0) + 1);
  return [...sizes.values()];
}

/** Source rows as the SQL now returns them: equal rows once, with how many there are. */
function groupedRows<T extends { count?: number }>(rows: readonly T[], splitEvery: number): T[] {
  const groups = new Map<string, T & { count: number }>();
  const out: T[] = [];
  for (const row of rows) {
    const key = JSON.stringify(row);
    const group = groups.get(key);
    if (group && group.count < splitEvery) group.count++;
    else {
      const fresh = { ...row, count: 1 };
      groups.set(key, fresh);
      out.push(fresh);
    }
  }
  return out.reverse();
}

describe('extract definitions', () => {
  it('builds the same extract from grouped source rows as from one row per record', () => {
    const carriedArb = fc.record({
      suppressedKeys: fc.constant(new Set<string>()),
      minLevels: fc.dictionary(
        fc.constantFrom('Nature of association', 'Reason for declaring', 'Person type'),
        fc.integer({ min: 0, max: 3 }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(caseRow, { maxLength: 80 }),
        fc.array(declarationRow, { maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        carriedArb,
        (cases, declarations, splitEvery, carried) => {
          const check = (
            request: ExtractRequest,
            expanded: ExtractSource,
            grouped: ExtractSource,
          ) => {
            const reference = buildExtract(request, expanded, policy, carried);
            expect(buildExtract(request, grouped, policy, carried)).toEqual(reference);
            const published = buildPublishedExtract(request, grouped, policy, carried);
            expect(published.rowCount).toBe(reference.rows.length);
            expect([...publishedRows(published.runs)]).toEqual(reference.rows);
            expect(published.report).toEqual(reference.report);
          };
          check(
            { type: 'CONVICTIONS', from: 2018, to: 2024, options: {} },
            { kind: 'cases', rows: cases },
            { kind: 'cases', rows: groupedRows(cases, splitEvery) },
          );
          check(
            { type: 'DECLARATION_NATURE', from: 2018, to: 2024, options: {} },
            { kind: 'declarations', rows: declarations },
            { kind: 'declarations', rows: groupedRows(declarations, splitEvery) },
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('expands runs into published rows in order, up to a limit when given', () => {
    const runs = [
      { cells: ['a'], count: 3 },
      { cells: ['b'], count: 1 },
      { cells: ['c'], count: 2 },
    ];
    expect([...publishedRows(runs)]).toEqual([['a'], ['a'], ['a'], ['b'], ['c'], ['c']]);
    expect([...publishedRows(runs, 4)]).toEqual([['a'], ['a'], ['a'], ['b']]);
    expect([...publishedRows(runs, 2)]).toEqual([['a'], ['a']]);
    expect([...publishedRows(runs, 0)]).toEqual([]);
  });

  it('row-level case extracts are k-anonymous, guarded, sorted and order-independent', () => {
    fc.assert(
      fc.property(fc.array(caseRow, { maxLength: 60 }), fc.boolean(), (rows, pending) => {
        const request = {
          type: pending ? ('PENDING_CHARGES' as const) : ('CONVICTIONS' as const),
          from: 2018,
          to: 2024,
          options: {},
        };
        const built = buildExtract(request, { kind: 'cases', rows }, policy);
        for (const size of groupSizes(built.rows)) expect(size).toBeGreaterThanOrEqual(policy.k);
        for (const row of built.rows) {
          for (const cell of row) expect(isSafeCell(cell, policy)).toBe(true);
          expect(/^((19|20)\d\d|\*)$/.test(String(row[0]))).toBe(true);
        }
        const sorted = [...built.rows].sort((a, b) =>
          a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0,
        );
        expect(built.rows).toEqual(sorted);
        const again = buildExtract(request, { kind: 'cases', rows: [...rows].reverse() }, policy);
        expect(again).toEqual(built);
      }),
      { numRuns: 60 },
    );
  });

  it('declaration nature has one combined row per declaration and no date at all', () => {
    fc.assert(
      fc.property(fc.array(declarationRow, { maxLength: 40 }), (rows) => {
        const built = buildExtract(
          { type: 'DECLARATION_NATURE', from: 2020, to: 2021, options: { riskLevels: ['HIGH'] } },
          { kind: 'declarations', rows },
          policy,
        );
        expect(built.columns).toEqual(['Nature of association', 'Reason for declaring']);
        const suppressed = built.report.rules.find((r) => r.rule === 'K_ANONYMITY_SUPPRESSION');
        expect(built.rows.length + (suppressed?.affected ?? 0)).toBe(rows.length);
        for (const row of built.rows)
          for (const cell of row) expect(String(cell)).not.toMatch(/\d/);
        for (const size of groupSizes(built.rows)) expect(size).toBeGreaterThanOrEqual(policy.k);
      }),
      { numRuns: 60 },
    );
  });

  it('count tables never show a count between 1 and threshold − 1', () => {
    const entry = fc.record<CountSourceRow>({
      row: fc.constantFrom('2019', '2020', '2021'),
      col: fc.constantFrom('NO_CASE_TO_ANSWER', 'WRITTEN_WARNING', 'DISMISSAL_WITHOUT_NOTICE'),
      count: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (rows) => {
        const built = buildExtract(
          { type: 'CONDUCT_OUTCOMES', from: 2019, to: 2021, options: { byPersonType: false } },
          { kind: 'counts', rows },
          policy,
        );
        for (const row of built.rows) {
          for (const cell of row) {
            if (typeof cell === 'number') expect(cell === 0 || cell >= policy.threshold).toBe(true);
          }
        }
        expect(built.rows[built.rows.length - 1][0]).toBe('Total');
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a carried-forward cell suppressed even when it is now large', () => {
    const rows: CountSourceRow[] = [
      { row: '2020', col: 'COUNT', count: 12 },
      { row: '2021', col: 'COUNT', count: 9 },
    ];
    const request = { type: 'HIGH_RISK_DECLARATIONS' as const, from: 2020, to: 2021, options: {} };
    const fresh = buildExtract(request, { kind: 'counts', rows }, policy);
    expect(fresh.rows).toEqual([
      ['2020', 12],
      ['2021', 9],
      ['Total', 21],
    ]);
    const carried = buildExtract(request, { kind: 'counts', rows }, policy, {
      suppressedKeys: new Set(['2021|COUNT']),
      minLevels: {},
    });
    expect(carried.rows[1]).toEqual(['2021', '*']);
    expect(carried.rows[2][1]).toBe('*');
    expect(carried.report.rules.map((r) => r.rule)).toContain('CARRIED_FORWARD_SUPPRESSION');
  });

  it('does not print a suppressed total as a record count in the report', () => {
    const built = buildExtract(
      { type: 'HIGH_RISK_DECLARATIONS', from: 2020, to: 2021, options: {} },
      { kind: 'counts', rows: [{ row: '2020', col: 'COUNT', count: 3 }] },
      policy,
    );
    expect(built.rows).toEqual([
      ['2020', '<5'],
      ['2021', 0],
      ['Total', '<5'],
    ]);
    expect(JSON.stringify(built.report)).not.toMatch(/\b3 record/);
  });

  it('biometric coverage derives each published figure from published parts only', () => {
    const rows: CountSourceRow[] = [
      { row: '2022', col: 'BOTH', count: 20 },
      { row: '2022', col: 'FINGERPRINTS_ONLY', count: 6 },
      { row: '2022', col: 'DNA_ONLY', count: 5 },
      { row: '2022', col: 'NEITHER', count: 7 },
      { row: '2023', col: 'BOTH', count: 21 },
      { row: '2023', col: 'FINGERPRINTS_ONLY', count: 6 },
      { row: '2023', col: 'DNA_ONLY', count: 5 },
      { row: '2023', col: 'NEITHER', count: 2 },
    ];
    const built = buildExtract(
      { type: 'BIOMETRIC_COVERAGE', from: 2022, to: 2023, options: {} },
      { kind: 'counts', rows },
      policy,
    );
    expect(built.columns).toEqual([
      'Year end',
      'Serving officers',
      'With fingerprints held',
      'With DNA profile held',
      'With neither held',
    ]);
    // 2022's "DNA only" and "neither" are hidden to protect 2023's small "neither" through the
    // columns; the head count and the fingerprint figure (both + fingerprints only) survive.
    expect(built.rows[0]).toEqual(['2022', 38, 26, '*', '*']);
    const [, serving, fp, dna, neither] = built.rows[1];
    expect(neither).toBe('<5');
    // With the total, fingerprints and DNA all shown, "neither" could be worked out; so one is not.
    expect([serving, fp, dna].some((v) => v === '*')).toBe(true);
  });

  it('uses one key format for year and person type rows', () => {
    const built = buildExtract(
      { type: 'BARRED_LIST_REFERRALS', from: 2024, to: 2024, options: { lists: ['BARRED'] } },
      { kind: 'counts', rows: [{ row: yearTypeKey(2024, 'PCSO'), col: 'RESIGNED', count: 6 }] },
      policy,
    );
    const pcso = built.rows.find((row) => row[1] === 'PCSO')!;
    expect(pcso[0]).toBe('2024');
    expect(pcso).toContain(6);
  });
});
