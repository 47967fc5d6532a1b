import fc from 'fast-check';
import { determinedUnknowns } from './linear-determination';

describe('determinedUnknowns', () => {
  it('x + y = a, x = b: both determined', () => {
    expect(
      determinedUnknowns(
        [
          [1, 1],
          [1, 0],
        ],
        2,
      ),
    ).toEqual([true, true]);
  });

  it('x + y = a alone: neither determined; z with no equation: not determined', () => {
    expect(determinedUnknowns([[1, 1, 0]], 3)).toEqual([false, false, false]);
  });

  it('x − y = a, y + z = b, x + z = c (dependent): none determined', () => {
    expect(
      determinedUnknowns(
        [
          [1, -1, 0],
          [0, 1, 1],
          [1, 0, 1],
        ],
        3,
      ),
    ).toEqual([false, false, false]);
  });

  it('needs exact fractions: 2x + 3y = a, 4x + 5y = b determines both', () => {
    expect(
      determinedUnknowns(
        [
          [2, 3],
          [4, 5],
        ],
        2,
      ),
    ).toEqual([true, true]);
  });

  it('x + y + z = a, y + z = b: x determined, y and z not', () => {
    expect(
      determinedUnknowns(
        [
          [1, 1, 1],
          [0, 1, 1],
        ],
        3,
      ),
    ).toEqual([true, false, false]);
  });

  /**
   * Cross-check against graph theory on the grid-with-margins systems the suppression uses: a
   * hidden position is determined iff it is a bridge of the bipartite graph (grid rows and
   * columns as nodes, hidden positions as edges). The bridge test below is written separately.
   */
  it('agrees with the bridge criterion on random hidden patterns of a grid', () => {
    const patternArb = fc
      .record({ rows: fc.integer({ min: 2, max: 6 }), cols: fc.integer({ min: 2, max: 6 }) })
      .chain(({ rows, cols }) =>
        fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(patternArb, (hidden) => {
        const rows = hidden.length;
        const cols = hidden[0].length;
        const unknowns: Array<[number, number]> = [];
        hidden.forEach((line, i) => line.forEach((h, j) => h && unknowns.push([i, j])));
        // Grid semantics: last column = row totals, last row = column totals.
        const equations: number[][] = [];
        for (let i = 0; i < rows; i++) {
          equations.push(unknowns.map(([r, c]) => (r === i ? (c === cols - 1 ? -1 : 1) : 0)));
        }
        for (let j = 0; j < cols; j++) {
          equations.push(unknowns.map(([r, c]) => (c === j ? (r === rows - 1 ? -1 : 1) : 0)));
        }
        const determined = determinedUnknowns(equations, unknowns.length);
        unknowns.forEach(([i, j], index) => {
          expect(determined[index]).toBe(isBridge(hidden, i, j));
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** Is edge (i, j) a bridge: removing it disconnects grid row i from grid column j? */
function isBridge(hidden: boolean[][], ti: number, tj: number): boolean {
  const rows = hidden.length;
  const cols = hidden[0].length;
  const reachedRows = new Set<number>([ti]);
  const reachedCols = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        if (!hidden[i][j] || (i === ti && j === tj)) continue;
        if (reachedRows.has(i) !== reachedCols.has(j)) {
          reachedRows.add(i);
          reachedCols.add(j);
          grew = true;
        }
      }
    }
  }
  return !reachedCols.has(tj);
}
