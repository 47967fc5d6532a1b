import fc from 'fast-check';
import { ValidationError } from '../../common/domain-error';
import {
  compareRows,
  ExtractRow,
  kAnonymise,
  kAnonymiseWeighted,
  QuasiIdentifier,
  WeightedRow,
} from './k-anonymity';
import { assertSafeRow } from './output-guard';
import { DEFAULT_DISCLOSURE_POLICY, WITHHELD_LABEL } from './policy';
import {
  EMPLOYMENT_STATUS_LABELS,
  natureLabel,
  OFFENCE_CATEGORY_LABELS,
  PERSON_TYPE_LABELS,
  PUBLIC_HIERARCHIES,
  reasonLabel,
} from './public-labels';
import {
  ASSOCIATION_REASONS,
  EMPLOYMENT_STATUSES,
  OFFENCE_CATEGORIES,
  PERSON_TYPES,
  RELATIONSHIP_TYPES,
} from './vocabularies';
import { yearOnly } from './year';

const K = DEFAULT_DISCLOSURE_POLICY.k;

const CONVICTION_COLUMNS: QuasiIdentifier[] = [
  { name: 'year', hierarchy: PUBLIC_HIERARCHIES.year },
  { name: 'personType', hierarchy: PUBLIC_HIERARCHIES.personType },
  { name: 'offence', hierarchy: PUBLIC_HIERARCHIES.offenceCategory },
  { name: 'statusAtOffence', hierarchy: PUBLIC_HIERARCHIES.employmentStatus },
  { name: 'statusNow', hierarchy: PUBLIC_HIERARCHIES.employmentStatus },
];

const NATURE_COLUMNS: QuasiIdentifier[] = [
  { name: 'nature', hierarchy: PUBLIC_HIERARCHIES.nature },
  { name: 'reason', hierarchy: PUBLIC_HIERARCHIES.reason },
];

// A random register: people with identifiers, and their convictions. The extract only ever sees
// what the service's query would select: generalised values.
const personArb = fc.record({
  staffNumber: fc.integer({ min: 10000, max: 9999999 }).map(String),
  name: fc
    .tuple(
      fc.constantFrom('Alex', 'Sam', 'Jo', 'Priya', 'Tomasz'),
      fc.constantFrom('Smith', 'Khan', 'Nowak', 'Jones'),
    )
    .map((p) => p.join(' ')),
  dateOfBirth: fc
    .date({ min: new Date('1960-01-01'), max: new Date('2003-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  type: fc.constantFrom(...PERSON_TYPES),
});
const convictionArb = fc.record({
  person: personArb,
  convictedOn: fc
    .date({ min: new Date('2018-01-01'), max: new Date('2024-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  category: fc.constantFrom(...OFFENCE_CATEGORIES),
  statusAtOffence: fc.constantFrom(...EMPLOYMENT_STATUSES),
  statusNow: fc.constantFrom(...EMPLOYMENT_STATUSES),
});
type Conviction = typeof convictionArb extends fc.Arbitrary<infer T> ? T : never;

function convictionRow(c: Conviction): ExtractRow {
  return {
    year: yearOnly(c.convictedOn),
    personType: PERSON_TYPE_LABELS[c.person.type],
    offence: OFFENCE_CATEGORY_LABELS[c.category],
    statusAtOffence: EMPLOYMENT_STATUS_LABELS[c.statusAtOffence],
    statusNow: EMPLOYMENT_STATUS_LABELS[c.statusNow],
  };
}

// Skewed towards common values, as real registers are, so groups of k do occur.
const skewedConvictionArb = fc.tuple(convictionArb, fc.boolean()).map(([c, common]) =>
  common
    ? {
        ...c,
        category: 'VIOLENCE_AGAINST_THE_PERSON' as const,
        statusAtOffence: 'SERVING' as const,
        person: { ...c.person, type: 'POLICE_OFFICER' as const },
      }
    : c,
);
const registerArb = fc.array(skewedConvictionArb, { minLength: 0, maxLength: 60 });

const declarationArb = fc.record({
  relationships: fc.array(fc.constantFrom(...RELATIONSHIP_TYPES), { minLength: 1, maxLength: 3 }),
  reasons: fc.array(fc.constantFrom(...ASSOCIATION_REASONS), { minLength: 1, maxLength: 2 }),
});
function natureRow(d: {
  relationships: (typeof RELATIONSHIP_TYPES)[number][];
  reasons: (typeof ASSOCIATION_REASONS)[number][];
}): ExtractRow {
  return { nature: natureLabel(d.relationships), reason: reasonLabel(d.reasons) };
}

function groupSizes(rows: ReadonlyArray<Readonly<Record<string, string>>>, names: string[]) {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(names.map((n) => row[n]));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/** Applies a column's hierarchy up to `level` independently of the implementation. */
function coarsenTo(value: string, column: QuasiIdentifier, level: number): string {
  let result = value;
  for (let l = 0; l < level; l++) {
    result = l < column.hierarchy.length ? column.hierarchy[l](result) : WITHHELD_LABEL;
  }
  return result;
}

function checkResult(input: ExtractRow[], columns: QuasiIdentifier[], k: number) {
  const names = columns.map((c) => c.name);
  const result = kAnonymise(input, columns, k);
  // k-anonymous
  for (const size of groupSizes(result.rows, names).values())
    expect(size).toBeGreaterThanOrEqual(k);
  // only allowed values
  for (const row of result.rows) assertSafeRow(row);
  for (const row of result.rows) expect(Object.keys(row).sort()).toEqual([...names].sort());
  // nothing invented: each output row is an input row coarsened to the chosen levels
  const available = new Map<string, number>();
  for (const row of input) {
    const key = JSON.stringify(
      columns.map((c) => coarsenTo(row[c.name], c, result.levels[c.name])),
    );
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  for (const row of result.rows) {
    const key = JSON.stringify(names.map((n) => row[n]));
    expect(available.get(key) ?? 0).toBeGreaterThan(0);
    available.set(key, (available.get(key) ?? 0) - 1);
  }
  expect(result.rows.length + result.suppressedRows).toBe(input.length);
  // sorted by the published columns
  const keys = result.rows.map((row) => names.map((n) => row[n]));
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1].join('\u0000');
    const b = keys[i].join('\u0000');
    expect(a <= b).toBe(true);
  }
  return result;
}

describe('kAnonymise: examples', () => {
  const row = (year: string, offence: string, now = 'Dismissed'): ExtractRow => ({
    year,
    personType: 'Police officer',
    offence,
    statusAtOffence: 'Serving',
    statusNow: now,
  });

  it('coarsens the offence column when that is enough', () => {
    const input = [
      row('2021', 'Theft'),
      row('2021', 'Fraud'),
      row('2021', 'Burglary'),
      row('2022', 'Sexual offences'),
      row('2022', 'Sexual offences'),
      row('2022', 'Sexual offences'),
    ];
    const result = kAnonymise(input, CONVICTION_COLUMNS, 3);
    expect(result.levels).toEqual({
      year: 0,
      personType: 0,
      offence: 1,
      statusAtOffence: 0,
      statusNow: 0,
    });
    expect(result.rows.map((r) => r.offence)).toEqual([
      'Acquisitive and damage offences',
      'Acquisitive and damage offences',
      'Acquisitive and damage offences',
      'Violence and sexual offences',
      'Violence and sexual offences',
      'Violence and sexual offences',
    ]);
    expect(result.generalisedRows.offence).toBe(6);
    expect(result.suppressedRows).toBe(0);
  });

  it('drops a lone outlier rather than coarsening everyone', () => {
    const input = [
      ...Array.from({ length: 6 }, () => row('2020', 'Theft', 'Serving')),
      row('2019', 'Fraud', 'Resigned'),
    ];
    const result = kAnonymise(input, CONVICTION_COLUMNS, 3);
    expect(result.suppressedRows).toBe(1);
    expect(result.rows).toEqual(Array.from({ length: 6 }, () => row('2020', 'Theft', 'Serving')));
    expect(result.generalisedRowCount).toBe(0);
  });

  it('publishes nothing from fewer than k rows', () => {
    const result = kAnonymise([row('2020', 'Theft'), row('2020', 'Theft')], CONVICTION_COLUMNS, 3);
    expect(result.rows).toEqual([]);
    expect(result.suppressedRows).toBe(2);
  });

  it('sorts by the published columns, not by input order', () => {
    const input = [
      row('2022', 'Theft'),
      row('2020', 'Theft'),
      row('2022', 'Theft'),
      row('2020', 'Theft'),
    ];
    expect(kAnonymise(input, CONVICTION_COLUMNS, 2).rows.map((r) => r.year)).toEqual([
      '2020',
      '2020',
      '2022',
      '2022',
    ]);
  });

  it('refuses rows with extra or missing columns, bad k and duplicate columns', () => {
    expect(() =>
      kAnonymise([{ ...row('2020', 'Theft'), name: 'Alex Smith' }], CONVICTION_COLUMNS, 3),
    ).toThrow(ValidationError);
    expect(() => kAnonymise([{ year: '2020' }], CONVICTION_COLUMNS, 3)).toThrow(ValidationError);
    expect(() => kAnonymise([], CONVICTION_COLUMNS, 0)).toThrow(ValidationError);
    expect(() => kAnonymise([], [CONVICTION_COLUMNS[0], CONVICTION_COLUMNS[0]], 3)).toThrow(
      ValidationError,
    );
  });

  it('refuses a value outside the public vocabulary instead of publishing it', () => {
    const input = [row('2020', 'Theft'), row('2020', 'Theft'), row('2021', 'Punched Mr Jones')];
    expect(() => kAnonymise(input, CONVICTION_COLUMNS, 3)).toThrow(ValidationError);
  });
});

describe('kAnonymise: properties over random registers', () => {
  it('convictions extract: k-anonymous, only public values, nothing invented, no identifiers', () => {
    fc.assert(
      fc.property(registerArb, fc.integer({ min: 2, max: 5 }), (register, k) => {
        const input = register.map(convictionRow);
        const result = checkResult(input, CONVICTION_COLUMNS, k);
        const text = JSON.stringify(result.rows);
        for (const c of register) {
          expect(text).not.toContain(c.person.name);
          expect(text).not.toContain(c.person.staffNumber);
          expect(text).not.toContain(c.person.dateOfBirth);
          expect(text).not.toContain(c.convictedOn.slice(0, 7));
        }
        for (const r of result.rows)
          expect(r.year === WITHHELD_LABEL || /^\d{4}$/.test(r.year)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('declaration nature extract: k-anonymous with only public labels', () => {
    fc.assert(
      fc.property(fc.array(declarationArb, { maxLength: 40 }), (declarations) => {
        checkResult(declarations.map(natureRow), NATURE_COLUMNS, K);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same output for the same rows in any order', () => {
    fc.assert(
      fc.property(
        registerArb.chain((r) =>
          fc.tuple(fc.constant(r), fc.shuffledSubarray(r, { minLength: r.length })),
        ),
        ([register, shuffled]) => {
          const a = kAnonymise(register.map(convictionRow), CONVICTION_COLUMNS, K);
          const b = kAnonymise(shuffled.map(convictionRow), CONVICTION_COLUMNS, K);
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves an already k-anonymous extract unchanged (apart from order)', () => {
    fc.assert(
      fc.property(fc.array(convictionArb, { minLength: 1, maxLength: 8 }), (distinct) => {
        const input = distinct.flatMap((c) => Array.from({ length: K }, () => convictionRow(c)));
        const result = kAnonymise(input, CONVICTION_COLUMNS, K);
        expect(result.suppressedRows).toBe(0);
        expect(result.generalisedRowCount).toBe(0);
        expect(result.rows).toHaveLength(input.length);
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * The row-at-a-time algorithm as it was before grouped input existed, kept as an independent
 * reference: levels and figures chosen over one entry per row, published rows listed one by one.
 */
function referenceKAnonymise(rows: readonly ExtractRow[], columns: QuasiIdentifier[], k: number) {
  const names = columns.map((c) => c.name);
  const levelValues = columns.map((column) => {
    const levels: string[][] = [rows.map((row) => row[column.name])];
    for (const coarsen of column.hierarchy) levels.push(levels[levels.length - 1].map(coarsen));
    const last = levels[levels.length - 1];
    if (!(levels.length > 1 && last.every((v) => v === WITHHELD_LABEL))) {
      levels.push(rows.map(() => WITHHELD_LABEL));
    }
    return levels;
  });
  const tops = levelValues.map((levels) => levels.length - 1);
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const scale = tops.reduce((acc, top) => (acc / gcd(acc, top)) * top, 1);
  const size = tops.reduce((acc, top) => acc * (top + 1), 1);
  let best: { levels: number[]; loss: number; suppressed: number; kept: boolean[] } | null = null;
  for (let index = 0; index < size; index++) {
    const levels = new Array<number>(tops.length).fill(0);
    for (let c = tops.length - 1, i = index; c >= 0; c--) {
      levels[c] = i % (tops[c] + 1);
      i = Math.floor(i / (tops[c] + 1));
    }
    const keys = rows.map((_, r) => levels.map((l, c) => levelValues[c][l][r]).join('\u0000'));
    const sizes = new Map<string, number>();
    for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    const kept = keys.map((key) => (sizes.get(key) ?? 0) >= k);
    const suppressed = kept.filter((x) => !x).length;
    const perRow = levels.reduce((acc, l, c) => acc + (l * scale) / tops[c], 0);
    const loss = perRow * (rows.length - suppressed) + suppressed * columns.length * scale;
    if (!best || loss < best.loss || (loss === best.loss && suppressed < best.suppressed)) {
      best = { levels, loss, suppressed, kept };
    }
  }
  const chosen = best!;
  const generalisedRows: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let generalisedRowCount = 0;
  const published: Array<Record<string, string>> = [];
  rows.forEach((_, r) => {
    if (!chosen.kept[r]) return;
    const out: Record<string, string> = {};
    let coarsened = false;
    columns.forEach((column, c) => {
      out[column.name] = levelValues[c][chosen.levels[c]][r];
      if (out[column.name] !== levelValues[c][0][r]) {
        generalisedRows[column.name]++;
        coarsened = true;
      }
    });
    if (coarsened) generalisedRowCount++;
    published.push(out);
  });
  published.sort((a, b) => compareRows(a, b, names));
  return {
    rows: published,
    k,
    levels: Object.fromEntries(names.map((n, c) => [n, chosen.levels[c]])),
    topLevels: Object.fromEntries(names.map((n, c) => [n, tops[c]])),
    generalisedRows,
    generalisedRowCount,
    suppressedRows: chosen.suppressed,
  };
}

/** Identical rows given as (row, count) entries; one row may be split over several entries. */
function grouped(rows: readonly ExtractRow[], splits: readonly number[]): WeightedRow[] {
  const counts = new Map<string, { row: ExtractRow; count: number }>();
  for (const row of rows) {
    const key = JSON.stringify(row);
    const entry = counts.get(key) ?? { row, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const out: WeightedRow[] = [];
  [...counts.values()].forEach(({ row, count }, i) => {
    const first = Math.min(count - 1, splits[i % Math.max(splits.length, 1)] ?? 0);
    if (first > 0) out.push({ row, count: first });
    out.push({ row, count: count - first });
  });
  return out.reverse();
}

function expanded(groups: readonly WeightedRow[]): ExtractRow[] {
  return groups.flatMap(({ row, count }) => Array.from({ length: count }, () => ({ ...row })));
}

describe('kAnonymiseWeighted: grouped rows give exactly the row-at-a-time result', () => {
  it('convictions: same levels, figures and (expanded) rows as the reference and kAnonymise', () => {
    fc.assert(
      fc.property(
        registerArb,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(4), { maxLength: 5 }),
        (register, k, splits) => {
          const input = register.map(convictionRow);
          const reference = referenceKAnonymise(input, CONVICTION_COLUMNS, k);
          expect(kAnonymise(input, CONVICTION_COLUMNS, k)).toEqual(reference);
          const weighted = kAnonymiseWeighted(grouped(input, splits), CONVICTION_COLUMNS, k);
          const { groups, publishedRows, ...summary } = weighted;
          expect({ rows: expanded(groups), ...summary }).toEqual(reference);
          expect(publishedRows).toBe(reference.rows.length);
          // Published groups are distinct and already in published order.
          const keys = groups.map((g) => JSON.stringify(g.row));
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('declaration nature: same result as the reference', () => {
    fc.assert(
      fc.property(
        fc.array(declarationArb, { maxLength: 80 }),
        fc.array(fc.nat(6), { maxLength: 5 }),
        (declarations, splits) => {
          const input = declarations.map(natureRow);
          const reference = referenceKAnonymise(input, NATURE_COLUMNS, K);
          const { groups, publishedRows, ...summary } = kAnonymiseWeighted(
            grouped(input, splits),
            NATURE_COLUMNS,
            K,
          );
          expect({ rows: expanded(groups), ...summary }).toEqual(reference);
          expect(publishedRows).toBe(reference.rows.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('groups exactly when two columns have more possible value pairs than the pair table holds', () => {
    // 300 × 300 possible pairs (> 65,536): the search numbers them with a Map, not a table.
    const wide = (name: string): QuasiIdentifier => ({
      name,
      hierarchy: [(value) => `${name}-tens-${Math.floor(Number(value.split('-')[1]) / 10)}`],
    });
    const columns = [wide('a'), wide('b')];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(299), fc.nat(299)), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 4 }),
        (extra, k) => {
          // Every value of both columns appears, in 300 pairs given 4 times each, so the exact
          // level keeps them; the extra rows are mostly alone, and must be suppressed there.
          const all = Array.from({ length: 1200 }, (_, i) => [i % 300, (i * 7) % 300] as const);
          const input = [...all, ...extra].map(([a, b]) => ({
            a: `a-${a}`,
            b: `b-${b}`,
          }));
          const reference = referenceKAnonymise(input, columns, k);
          expect(kAnonymise(input, columns, k)).toEqual(reference);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses a count that is not a whole number >= 1', () => {
    const row = { nature: 'Friend', reason: 'journalist' };
    for (const count of [0, -1, 1.5, Number.NaN]) {
      expect(() => kAnonymiseWeighted([{ row, count }], NATURE_COLUMNS, K)).toThrow(
        ValidationError,
      );
    }
  });
});
