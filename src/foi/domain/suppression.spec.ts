import fc from 'fast-check';
import { ValidationError } from '../../common/domain-error';
import { DEFAULT_DISCLOSURE_POLICY, disclosurePolicy, DisclosurePolicy } from './policy';
import {
  cellKey,
  countTableFrom,
  CountTable,
  displayValue,
  isSuppressed,
  SuppressedTable,
  suppressTable,
  TableValue,
  TOTAL_KEY,
  TotalsRule,
} from './suppression';

const policy = DEFAULT_DISCLOSURE_POLICY;

// ---------------------------------------------------------------------------------------------
// Independent checker. It does not use linear algebra at all: it looks for a concrete second
// table — non-negative integers, same published cells and totals — that differs in the hidden
// value. Such a table exists iff the hidden position lies on a cycle of hidden positions in the
// grid (row total in the last column, column totals in the last row): moving ±1 alternately
// round the cycle keeps every row and column sum.
// ---------------------------------------------------------------------------------------------

/** The true grid with margins, computed here from the counts. */
function trueGrid(counts: number[][]): number[][] {
  const withRowTotals = counts.map((line) => [...line, line.reduce((a, b) => a + b, 0)]);
  const cols = withRowTotals[0].length;
  const totals = Array.from({ length: cols }, (_, j) =>
    withRowTotals.reduce((acc, line) => acc + line[j], 0),
  );
  return [...withRowTotals, totals];
}

/** The published grid: numbers where published, null where hidden. */
function publishedGrid(result: SuppressedTable): Array<Array<number | null>> {
  const show = (value: TableValue): number | null => (isSuppressed(value) ? null : value);
  return [
    ...result.cells.map((line, i) => [...line.map(show), show(result.rowTotals[i])]),
    [...result.colTotals.map(show), show(result.grandTotal)],
  ];
}

/**
 * A path from grid row `fromRow` to grid column `toCol` over hidden positions other than the
 * target, by breadth-first search; null if the target is a bridge (determined).
 */
function hiddenPath(
  hidden: boolean[][],
  [ti, tj]: [number, number],
): Array<[number, number]> | null {
  const rows = hidden.length;
  const cols = hidden[0].length;
  // node ids: rows 0..rows-1, columns rows..rows+cols-1
  const previous = new Map<number, { from: number; edge: [number, number] }>();
  const seen = new Set<number>([ti]);
  const queue = [ti];
  while (queue.length > 0) {
    const node = queue.shift()!;
    const edges: Array<[number, number, number]> =
      node < rows
        ? Array.from({ length: cols }, (_, j) => [node, j, rows + j])
        : Array.from({ length: rows }, (_, i) => [i, node - rows, i]);
    for (const [i, j, next] of edges) {
      if (!hidden[i][j] || (i === ti && j === tj) || seen.has(next)) continue;
      seen.add(next);
      previous.set(next, { from: node, edge: [i, j] });
      queue.push(next);
    }
  }
  if (!seen.has(rows + tj)) return null;
  const path: Array<[number, number]> = [];
  for (let node = rows + tj; node !== ti; ) {
    const step = previous.get(node)!;
    path.unshift(step.edge);
    node = step.from;
  }
  return path;
}

/**
 * A second table consistent with everything published that differs at the target, or null.
 * Only interior cells are moved; margins are recomputed and compared with what was published.
 */
function alternativeTable(
  counts: number[][],
  published: Array<Array<number | null>>,
  target: [number, number],
): number[][] | null {
  const hidden = published.map((line) => line.map((value) => value === null));
  const path = hiddenPath(hidden, target);
  if (!path) return null;
  const rows = counts.length;
  const cols = counts[0].length;
  for (const direction of [1, -1]) {
    const alt = counts.map((line) => [...line]);
    // Signs alternate round the cycle: target +1, then -1, +1, … along the path from its row.
    const moves: Array<[number, number, number]> = [[...target, direction]];
    path.forEach(([i, j], step) => moves.push([i, j, step % 2 === 0 ? -direction : direction]));
    for (const [i, j, delta] of moves) {
      if (i < rows && j < cols) alt[i][j] += delta;
    }
    if (alt.some((line) => line.some((value) => value < 0))) continue;
    const altGrid = trueGrid(alt);
    const samePublished = published.every((line, i) =>
      line.every((value, j) => value === null || value === altGrid[i][j]),
    );
    const original = trueGrid(counts);
    if (samePublished && altGrid[target[0]][target[1]] !== original[target[0]][target[1]]) {
      return alt;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Counts with many small numbers and zeros, like a real register broken down by year. */
const countArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 4, arbitrary: fc.integer({ min: 5, max: 40 }) },
);

const tableArb: fc.Arbitrary<CountTable> = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, cols }) =>
    fc
      .array(fc.array(countArb, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      })
      .map((counts) => ({
        rowKeys: Array.from({ length: rows }, (_, i) => `R${i}`),
        colKeys: Array.from({ length: cols }, (_, j) => String(2018 + j)),
        counts,
      })),
  );

function allKeys(table: CountTable): string[] {
  const rowKeys = [...table.rowKeys, TOTAL_KEY];
  const colKeys = [...table.colKeys, TOTAL_KEY];
  return rowKeys.flatMap((r) => colKeys.map((c) => cellKey(r, c)));
}

/** A table plus carried-forward keys; `nonZeroOnly` keeps forced values non-zero. */
function tableWithForcedArb(nonZeroOnly: boolean) {
  return tableArb.chain((table) => {
    const grid = trueGrid(table.counts.map((line) => [...line]));
    const flat = grid.flat();
    const candidates = allKeys(table).filter((_, index) => !nonZeroOnly || flat[index] > 0);
    return fc
      .subarray(candidates, { maxLength: Math.min(3, candidates.length) })
      .map((forced) => ({ table, forced: new Set(forced) }));
  });
}

const totalsRuleArb = fc.constantFrom<TotalsRule>(
  'HIDE_TOTALS_OF_SUPPRESSED',
  'PUBLISH_SAFE_TOTALS',
);
const policyArb: fc.Arbitrary<DisclosurePolicy> = fc
  .integer({ min: 2, max: 10 })
  .map((threshold) => disclosurePolicy({ threshold, k: 3 }));

function allValues(result: SuppressedTable): TableValue[] {
  return [...result.cells.flat(), ...result.rowTotals, ...result.colTotals, result.grandTotal];
}

// ---------------------------------------------------------------------------------------------

describe('suppressTable: examples', () => {
  it('one row per year: hides the small year and the total, keeps other years and zeros', () => {
    const result = suppressTable(
      {
        rowKeys: ['High risk'],
        colKeys: ['2020', '2021', '2022', '2023'],
        counts: [[3, 10, 12, 0]],
      },
      policy,
    );
    expect(result.cells[0].map((v) => displayValue(v, policy))).toEqual(['<5', 10, 12, 0]);
    expect(displayValue(result.rowTotals[0], policy)).toBe('*');
    expect(displayValue(result.grandTotal, policy)).toBe('*');
    expect(result.tally.cells).toEqual({ primary: 1, secondary: 0, carriedForward: 0 });
  });

  it('one row per year with safe totals: still hides the total, not a second year', () => {
    const result = suppressTable(
      { rowKeys: ['High risk'], colKeys: ['2020', '2021', '2022'], counts: [[3, 10, 12]] },
      policy,
      new Set(),
      { totalsRule: 'PUBLISH_SAFE_TOTALS' },
    );
    expect(result.cells[0].map((v) => displayValue(v, policy))).toEqual(['<5', 10, 12]);
    expect(isSuppressed(result.grandTotal)).toBe(true);
  });

  const twoWay: CountTable = {
    rowKeys: ['A', 'B', 'C'],
    colKeys: ['X', 'Y', 'Z'],
    counts: [
      [2, 10, 20],
      [8, 9, 30],
      [15, 40, 50],
    ],
  };

  it('default: hides the totals that include a small cell, and no other cell', () => {
    const result = suppressTable(twoWay, policy);
    expect(result.suppressedKeys).toEqual(['A|X', 'A|Total', 'Total|X', 'Total|Total']);
    expect(result.cells[0][0]).toEqual({ suppressed: true, reason: 'PRIMARY' });
    expect(result.rowTotals[0]).toEqual({ suppressed: true, reason: 'SECONDARY' });
    expect(result.rowTotals[1]).toBe(47);
    expect(result.tally.totals).toEqual({ primary: 0, secondary: 3, carriedForward: 0 });
  });

  it('safe totals: keeps every total and hides the cheapest cells that close a cycle', () => {
    const result = suppressTable(twoWay, policy, new Set(), { totalsRule: 'PUBLISH_SAFE_TOTALS' });
    // A|X (2) is protected by A|Y (10), B|Y (9), B|X (8): cheaper than any route via Z or C.
    expect(result.suppressedKeys).toEqual(['A|X', 'A|Y', 'B|X', 'B|Y']);
    expect(result.rowTotals).toEqual([32, 47, 105]);
    expect(result.colTotals).toEqual([25, 59, 100]);
    expect(result.grandTotal).toBe(184);
    expect(result.tally.cells).toEqual({ primary: 1, secondary: 3, carriedForward: 0 });
  });

  it('publishes a table with no small numbers untouched, zeros included', () => {
    const result = suppressTable({ rowKeys: ['A'], colKeys: ['X', 'Y'], counts: [[0, 7]] }, policy);
    expect(result.suppressedKeys).toEqual([]);
    expect(allValues(result)).toEqual([0, 7, 7, 0, 7, 7]);
  });

  it('keeps a carried-forward cell hidden even when it is now large', () => {
    const result = suppressTable(twoWay, policy, new Set(['C|Z']));
    expect(result.cells[2][2]).toEqual({ suppressed: true, reason: 'CARRIED_FORWARD' });
    expect(result.tally.cells.carriedForward).toBe(1);
  });

  it('protects a carried-forward total by hiding a cell of its row', () => {
    const result = suppressTable(
      {
        rowKeys: ['A', 'B'],
        colKeys: ['X', 'Y'],
        counts: [
          [10, 20],
          [30, 40],
        ],
      },
      policy,
      new Set(['A|Total']),
    );
    // A|Total = A|X + A|Y, so one of them must go; the cheaper one does.
    expect(result.cells[0][0]).toEqual({ suppressed: true, reason: 'SECONDARY' });
    expect(result.rowTotals[0]).toEqual({ suppressed: true, reason: 'CARRIED_FORWARD' });
  });

  it('shows "<5" only for primary cells and "*" for the rest', () => {
    expect(displayValue({ suppressed: true, reason: 'PRIMARY' }, policy)).toBe('<5');
    expect(displayValue({ suppressed: true, reason: 'SECONDARY' }, policy)).toBe('*');
    expect(displayValue({ suppressed: true, reason: 'CARRIED_FORWARD' }, policy)).toBe('*');
    expect(displayValue(12, policy)).toBe(12);
  });

  it.each([
    ['no rows', { rowKeys: [], colKeys: ['X'], counts: [] }],
    ['duplicate keys', { rowKeys: ['A', 'A'], colKeys: ['X'], counts: [[1], [2]] }],
    ['a key named Total', { rowKeys: ['Total'], colKeys: ['X'], counts: [[1]] }],
    ['a key with |', { rowKeys: ['A|B'], colKeys: ['X'], counts: [[1]] }],
    ['a ragged row', { rowKeys: ['A'], colKeys: ['X', 'Y'], counts: [[1]] }],
    ['a negative count', { rowKeys: ['A'], colKeys: ['X'], counts: [[-1]] }],
    ['a fractional count', { rowKeys: ['A'], colKeys: ['X'], counts: [[1.5]] }],
  ])('refuses %s', (_, table) => {
    expect(() => suppressTable(table, policy)).toThrow(ValidationError);
  });

  it('builds a table over fixed keys from grouped counts, refusing stray values', () => {
    expect(
      countTableFrom(
        ['Police officer', 'PCSO'],
        ['2021', '2022'],
        [
          { row: 'PCSO', col: '2022', count: 2 },
          { row: 'Police officer', col: '2021', count: 7 },
          { row: 'PCSO', col: '2022', count: 1 },
        ],
      ).counts,
    ).toEqual([
      [7, 0],
      [0, 3],
    ]);
    expect(() =>
      countTableFrom(['PCSO'], ['2021'], [{ row: 'Dog handler', col: '2021', count: 1 }]),
    ).toThrow(ValidationError);
  });

  it('refuses a carried-forward key that is not in the table', () => {
    expect(() =>
      suppressTable({ rowKeys: ['A'], colKeys: ['X'], counts: [[9]] }, policy, new Set(['B|X'])),
    ).toThrow(ValidationError);
  });
});

describe('suppressTable: properties', () => {
  it('never shows a count between 1 and threshold − 1, and shows true values elsewhere', () => {
    fc.assert(
      fc.property(
        tableWithForcedArb(false),
        policyArb,
        totalsRuleArb,
        ({ table, forced }, p, rule) => {
          const result = suppressTable(table, p, forced, { totalsRule: rule });
          const truth = trueGrid(table.counts.map((line) => [...line])).flat();
          publishedGrid(result)
            .flat()
            .forEach((value, index) => {
              if (value === null) return;
              expect(value >= 1 && value < p.threshold).toBe(false);
              expect(value).toBe(truth[index]);
            });
          for (const value of allValues(result)) {
            if (isSuppressed(value) && value.reason === 'PRIMARY') {
              expect(displayValue(value, p)).toBe(p.suppressedLabel);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves every hidden value undetermined: a second valid table differs there', () => {
    fc.assert(
      fc.property(tableWithForcedArb(true), totalsRuleArb, ({ table, forced }, rule) => {
        const result = suppressTable(table, policy, forced, { totalsRule: rule });
        const counts = table.counts.map((line) => [...line]);
        const published = publishedGrid(result);
        published.forEach((line, i) =>
          line.forEach((value, j) => {
            if (value !== null) return;
            expect(alternativeTable(counts, published, [i, j])).not.toBeNull();
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('leaves every hidden value on a cycle of hidden values, even with carried-forward zeros', () => {
    fc.assert(
      fc.property(tableWithForcedArb(false), totalsRuleArb, ({ table, forced }, rule) => {
        const result = suppressTable(table, policy, forced, { totalsRule: rule });
        const hidden = publishedGrid(result).map((line) => line.map((value) => value === null));
        hidden.forEach((line, i) =>
          line.forEach((isHidden, j) => {
            if (isHidden) expect(hiddenPath(hidden, [i, j])).not.toBeNull();
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps carried-forward cells hidden, and a re-run with the released keys hides the same set', () => {
    fc.assert(
      fc.property(tableWithForcedArb(false), totalsRuleArb, ({ table, forced }, rule) => {
        const first = suppressTable(table, policy, forced, { totalsRule: rule });
        for (const key of forced) expect(first.suppressedKeys).toContain(key);
        const again = suppressTable(table, policy, new Set(first.suppressedKeys), {
          totalsRule: rule,
        });
        expect(again.suppressedKeys).toEqual(first.suppressedKeys);
      }),
      { numRuns: 200 },
    );
  });

  it('never hides a zero as secondary unless protecting a carried-forward zero', () => {
    fc.assert(
      fc.property(tableWithForcedArb(true), totalsRuleArb, ({ table, forced }, rule) => {
        const result = suppressTable(table, policy, forced, { totalsRule: rule });
        const truth = trueGrid(table.counts.map((line) => [...line]));
        const values: TableValue[][] = [
          ...result.cells.map((line, i) => [...line, result.rowTotals[i]]),
          [...result.colTotals, result.grandTotal],
        ];
        values.forEach((line, i) =>
          line.forEach((value, j) => {
            if (isSuppressed(value)) expect(truth[i][j]).toBeGreaterThan(0);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('hides every total that includes a hidden cell under the default rule', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const result = suppressTable(table, policy);
        result.cells.forEach((line, i) =>
          line.forEach((value, j) => {
            if (!isSuppressed(value)) return;
            expect(isSuppressed(result.rowTotals[i])).toBe(true);
            expect(isSuppressed(result.colTotals[j])).toBe(true);
            expect(isSuppressed(result.grandTotal)).toBe(true);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and its tally matches the cells', () => {
    fc.assert(
      fc.property(tableWithForcedArb(false), totalsRuleArb, ({ table, forced }, rule) => {
        const a = suppressTable(table, policy, forced, { totalsRule: rule });
        const b = suppressTable(table, policy, new Set([...forced].reverse()), {
          totalsRule: rule,
        });
        expect(b).toEqual(a);
        const hidden = allValues(a).filter(isSuppressed).length;
        const { cells, totals } = a.tally;
        expect(
          cells.primary +
            cells.secondary +
            cells.carriedForward +
            totals.primary +
            totals.secondary +
            totals.carriedForward,
        ).toBe(hidden);
        expect(a.suppressedKeys).toHaveLength(hidden);
      }),
      { numRuns: 200 },
    );
  });
});
