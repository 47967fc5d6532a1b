import { ValidationError } from '../../common/domain-error';
import { FOI_ERROR_CODES } from './foi-errors';

/**
 * Exact test of which unknowns a system of linear equations pins down.
 *
 * An attacker who sees a published table knows the published numbers and the equations that tie
 * cells to totals. Write the equations as A·x = b, where x are the suppressed (unknown) values
 * and b is computed from published values. Because the true table is a solution, the system is
 * consistent, and x_u is uniquely determined exactly when every solution of A·d = 0 has d_u = 0,
 * i.e. when the unit vector e_u lies in the row space of A. That depends on A only, not on b.
 *
 * We bring A to reduced row echelon form with exact rational arithmetic (bigint numerators and
 * denominators, so no rounding can ever hide a determination). In RREF each pivot variable equals
 * a constant minus a combination of the free variables in its row, so:
 * - a free (non-pivot) unknown is not determined;
 * - a pivot unknown is determined iff its row has no non-zero entry in a free column.
 *
 * Tables here are at most a few hundred unknowns by a few dozen equations, and the matrices are
 * sparse, so the zero-skipping elimination below is fast enough to run after every secondary
 * suppression step.
 */
export function determinedUnknowns(
  equations: ReadonlyArray<ReadonlyArray<number>>,
  unknownCount: number,
): boolean[] {
  const rows: Rational[][] = equations.map((equation) => {
    if (equation.length !== unknownCount) {
      throw new ValidationError(
        FOI_ERROR_CODES.invalidTable,
        'Every equation must have one coefficient per unknown',
      );
    }
    return equation.map((coefficient) => {
      if (!Number.isSafeInteger(coefficient)) {
        throw new ValidationError(FOI_ERROR_CODES.invalidTable, 'Coefficients must be integers');
      }
      return rational(BigInt(coefficient));
    });
  });

  const pivotColumnOfRow: number[] = [];
  let pivotRow = 0;
  for (let column = 0; column < unknownCount && pivotRow < rows.length; column++) {
    const found = rows.findIndex((row, index) => index >= pivotRow && row[column].n !== 0n);
    if (found < 0) continue;
    [rows[pivotRow], rows[found]] = [rows[found], rows[pivotRow]];
    const pivot = rows[pivotRow];
    const inverse = invert(pivot[column]);
    for (let c = column; c < unknownCount; c++) {
      if (pivot[c].n !== 0n) pivot[c] = multiply(pivot[c], inverse);
    }
    for (let r = 0; r < rows.length; r++) {
      if (r === pivotRow || rows[r][column].n === 0n) continue;
      const factor = rows[r][column];
      const target = rows[r];
      for (let c = column; c < unknownCount; c++) {
        if (pivot[c].n !== 0n) target[c] = subtract(target[c], multiply(factor, pivot[c]));
      }
    }
    pivotColumnOfRow.push(column);
    pivotRow++;
  }

  const isPivot = new Array<boolean>(unknownCount).fill(false);
  for (const column of pivotColumnOfRow) isPivot[column] = true;

  const determined = new Array<boolean>(unknownCount).fill(false);
  pivotColumnOfRow.forEach((column, rowIndex) => {
    const row = rows[rowIndex];
    determined[column] = row.every((value, c) => isPivot[c] || value.n === 0n);
  });
  return determined;
}

/** A fraction n/d in lowest terms with d > 0. */
interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function rational(n: bigint, d = 1n): Rational {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n < 0n ? -n : n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function multiply(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

function subtract(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d - b.n * a.d, a.d * b.d);
}

function invert(a: Rational): Rational {
  return rational(a.d, a.n);
}
