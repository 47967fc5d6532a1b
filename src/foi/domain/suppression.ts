import { ValidationError } from '../../common/domain-error';
import { FOI_ERROR_CODES } from './foi-errors';
import { determinedUnknowns } from './linear-determination';
import { DisclosurePolicy, WITHHELD_LABEL } from './policy';

/**
 * Cell suppression for published count tables (DOMAIN.md §5).
 *
 * A table is published with its margins: a total per row, a total per column and a grand total.
 * Think of it as an (R+1)×(C+1) grid whose last column holds the row totals and whose last row
 * holds the column totals and, in the corner, the grand total. The reader knows every published
 * value and the equations that tie the grid together (each row of cells sums to its row total,
 * each column to its column total, the totals to the grand total).
 *
 * 1. Primary: every value — cell or total — from 1 to threshold − 1 is suppressed. A true 0 is
 *    published: "nobody" discloses nothing about anybody.
 * 2. Carried forward: values suppressed in an earlier release for the same period stay
 *    suppressed, whatever they are now, so comparing releases reveals nothing new.
 * 3. Totals (`HIDE_TOTALS_OF_SUPPRESSED`, the default, as the FOI issue asks): a row or column
 *    total that includes a suppressed cell is suppressed, and so is the grand total once anything
 *    is. Every suppressed cell then sits on the closed path cell → row total → grand total →
 *    column total, which on its own keeps it undetermined. A total in a row with no suppressed
 *    cell is the sum of published cells and tells the reader nothing new. With
 *    `PUBLISH_SAFE_TOTALS` this step is skipped and step 4 alone decides, usually hiding a few
 *    more cells instead of the totals.
 * 4. Secondary: while the published values and the equations still determine some suppressed
 *    value (checked exactly, see linear-determination.ts), suppress more, then re-apply step 3.
 *    Under the default rule this only happens for a carried-forward total.
 *
 * Choosing secondary values. Every equation here is a line sum, so a suppressed value can change
 * without changing anything published exactly when it lies on a closed path that alternates
 * between rows and columns through suppressed positions only (add 1, subtract 1, add 1, … round
 * the path). To protect a determined value we find the cheapest such path through it (shortest
 * path from its row to its column, suppressed positions costing nothing) and suppress what the
 * path crosses: it leaves through a cell of the same row and arrives through a cell of the same
 * column, margins included. Costs:
 * - a non-zero cell costs its count (hide as little as possible);
 * - a total, in a table with several rows and several columns, costs a large penalty plus its
 *   value, so totals survive unless nothing else works;
 * - a total in a one-row or one-column table (a count per year) is cheap: the reader asked for
 *   the breakdown, so we hide the overall total rather than a second year;
 * - a zero costs more than anything else. It is never needed to protect a non-zero value (the
 *   path row total → grand total → column total is never zero), so a zero is only suppressed as
 *   secondary to protect a carried-forward zero.
 * Ties go to the node that comes first (rows, then columns, in table order): deterministic.
 *
 * Limitation: protection is against exact recovery (linear determination) within one table. It
 * does not widen the interval a hidden value is known to lie in, and links between different
 * tables are handled only through carried-forward suppression.
 */

/** The key of row totals, column totals and the grand total in cell keys. */
export const TOTAL_KEY = 'Total';
const KEY_SEPARATOR = '|';

/** `${rowKey}|${colKey}`, with `Total` standing for a margin. */
export function cellKey(rowKey: string, colKey: string): string {
  return `${rowKey}${KEY_SEPARATOR}${colKey}`;
}

/** Counts by row and column; margins are computed here, never taken from the caller. */
export interface CountTable {
  readonly rowKeys: readonly string[];
  readonly colKeys: readonly string[];
  /** counts[row][col], non-negative integers. */
  readonly counts: ReadonlyArray<ReadonlyArray<number>>;
}

/**
 * Builds a `CountTable` over fixed keys (every value of the vocabulary, in vocabulary order) from
 * grouped counts such as a SQL `GROUP BY` returns. Missing combinations are 0; a key outside the
 * fixed lists is refused, so a rare or unexpected value can never create a row of its own.
 */
export function countTableFrom(
  rowKeys: readonly string[],
  colKeys: readonly string[],
  entries: Iterable<{ readonly row: string; readonly col: string; readonly count: number }>,
): CountTable {
  const rowIndex = new Map(rowKeys.map((key, i) => [key, i]));
  const colIndex = new Map(colKeys.map((key, j) => [key, j]));
  const counts = rowKeys.map(() => colKeys.map(() => 0));
  for (const { row, col, count } of entries) {
    const i = rowIndex.get(row);
    const j = colIndex.get(col);
    if (i === undefined || j === undefined) {
      throw invalidTable('entries', 'a count falls outside the fixed rows and columns');
    }
    counts[i][j] += count;
  }
  return { rowKeys: [...rowKeys], colKeys: [...colKeys], counts };
}

export type SuppressionReason = 'PRIMARY' | 'SECONDARY' | 'CARRIED_FORWARD';

export interface SuppressedValue {
  readonly suppressed: true;
  readonly reason: SuppressionReason;
}

/** A published count, or the marker of a suppressed one (the count itself is not kept). */
export type TableValue = number | SuppressedValue;

export interface SuppressionTally {
  readonly primary: number;
  readonly secondary: number;
  readonly carriedForward: number;
}

export interface SuppressedTable {
  readonly rowKeys: readonly string[];
  readonly colKeys: readonly string[];
  readonly cells: ReadonlyArray<ReadonlyArray<TableValue>>;
  readonly rowTotals: readonly TableValue[];
  readonly colTotals: readonly TableValue[];
  readonly grandTotal: TableValue;
  /**
   * Keys of every suppressed cell and total, in row-major order (totals keyed with `Total`).
   * Store them with a release and pass them back as `forced` when the period is extracted again.
   */
  readonly suppressedKeys: readonly string[];
  /** How many cells and how many totals were suppressed, by reason, for the report. */
  readonly tally: { readonly cells: SuppressionTally; readonly totals: SuppressionTally };
}

export function isSuppressed(value: TableValue): value is SuppressedValue {
  return typeof value === 'object';
}

/**
 * What a reader sees: the count, the policy's `<5` label for a primary-suppressed value, or `*`
 * for a secondary or carried-forward one (which may be 5 or more, so `<5` would be untrue).
 */
export function displayValue(value: TableValue, policy: DisclosurePolicy): number | string {
  if (!isSuppressed(value)) return value;
  return value.reason === 'PRIMARY' ? policy.suppressedLabel : WITHHELD_LABEL;
}

/** How totals of suppressed cells are treated (step 3 of the file comment). */
export type TotalsRule = 'HIDE_TOTALS_OF_SUPPRESSED' | 'PUBLISH_SAFE_TOTALS';

export interface SuppressionOptions {
  readonly totalsRule?: TotalsRule;
}

/** Cost ranks for choosing secondary suppressions (see the file comment). */
const ZERO_COST = 1e13;
const MARGIN_PENALTY_2D = 1e7;
const MARGIN_COST_1D = 1;

/**
 * Applies primary, carried-forward and secondary suppression to a count table.
 * `forced` holds keys (see `cellKey`, `TOTAL_KEY`) that must stay suppressed.
 */
export function suppressTable(
  table: CountTable,
  policy: DisclosurePolicy,
  forced: ReadonlySet<string> = new Set(),
  options: SuppressionOptions = {},
): SuppressedTable {
  const totalsRule = options.totalsRule ?? 'HIDE_TOTALS_OF_SUPPRESSED';
  const grid = buildGrid(table);
  const { rows, cols, values } = grid;
  const status: Array<Array<SuppressionReason | null>> = values.map((line) =>
    line.map((value) => (value >= 1 && value < policy.threshold ? 'PRIMARY' : null)),
  );

  const positionOfKey = new Map<string, [number, number]>();
  grid.keys.forEach((line, i) => line.forEach((key, j) => positionOfKey.set(key, [i, j])));
  for (const key of forced) {
    const position = positionOfKey.get(key);
    if (!position) {
      throw new ValidationError(
        FOI_ERROR_CODES.invalidTable,
        'A carried-forward suppression names a cell that is not in this table',
        [{ field: 'forced', message: `unknown cell key ${key}` }],
      );
    }
    const [i, j] = position;
    status[i][j] ??= 'CARRIED_FORWARD';
  }

  const oneDimensional = rows === 1 || cols === 1;
  const costOf = (i: number, j: number): number => {
    const value = values[i][j];
    if (value === 0) return ZERO_COST;
    const isTotal = i === rows || j === cols;
    if (!isTotal) return value;
    return oneDimensional ? MARGIN_COST_1D : MARGIN_PENALTY_2D + value;
  };

  // Each pass adds at least one suppression, so this ends; the bound guards against a defect.
  const maxPasses = (rows + 1) * (cols + 1) + 1;
  for (let pass = 0; ; pass++) {
    if (totalsRule === 'HIDE_TOTALS_OF_SUPPRESSED') hideTotalsOfSuppressed(status, rows, cols);
    const target = firstDeterminedPosition(status, rows, cols);
    if (!target) break;
    const path = cheapestProtectingPath(target, status, costOf, rows, cols);
    const added = path.filter(([i, j]) => status[i][j] === null);
    if (added.length === 0 || pass >= maxPasses) {
      throw new Error('Secondary suppression made no progress; this is a defect');
    }
    for (const [i, j] of added) status[i][j] = 'SECONDARY';
  }

  const publish = (i: number, j: number): TableValue => {
    const reason = status[i][j];
    return reason === null ? values[i][j] : { suppressed: true, reason };
  };
  const tallyOf = (positions: Array<[number, number]>): SuppressionTally => ({
    primary: positions.filter(([i, j]) => status[i][j] === 'PRIMARY').length,
    secondary: positions.filter(([i, j]) => status[i][j] === 'SECONDARY').length,
    carriedForward: positions.filter(([i, j]) => status[i][j] === 'CARRIED_FORWARD').length,
  });
  const cellPositions: Array<[number, number]> = [];
  const totalPositions: Array<[number, number]> = [];
  for (let i = 0; i <= rows; i++) {
    for (let j = 0; j <= cols; j++) {
      (i < rows && j < cols ? cellPositions : totalPositions).push([i, j]);
    }
  }

  return {
    rowKeys: [...table.rowKeys],
    colKeys: [...table.colKeys],
    cells: table.rowKeys.map((_, i) => table.colKeys.map((__, j) => publish(i, j))),
    rowTotals: table.rowKeys.map((_, i) => publish(i, cols)),
    colTotals: table.colKeys.map((_, j) => publish(rows, j)),
    grandTotal: publish(rows, cols),
    suppressedKeys: grid.keys.flatMap((line, i) => line.filter((_, j) => status[i][j] !== null)),
    tally: { cells: tallyOf(cellPositions), totals: tallyOf(totalPositions) },
  };
}

/** Step 3: a total that includes a suppressed value becomes SECONDARY (unless already hidden). */
function hideTotalsOfSuppressed(
  status: Array<Array<SuppressionReason | null>>,
  rows: number,
  cols: number,
): void {
  const hide = (i: number, j: number): void => {
    status[i][j] ??= 'SECONDARY';
  };
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (status[i][j] !== null) {
        hide(i, cols);
        hide(rows, j);
      }
    }
  }
  if (status.some((line) => line.some((reason) => reason !== null))) hide(rows, cols);
}

interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** (rows+1)×(cols+1): cells, row totals in the last column, column totals in the last row. */
  readonly values: number[][];
  readonly keys: string[][];
}

function buildGrid(table: CountTable): Grid {
  assertKeys(table.rowKeys, 'rowKeys');
  assertKeys(table.colKeys, 'colKeys');
  const rows = table.rowKeys.length;
  const cols = table.colKeys.length;
  if (table.counts.length !== rows || table.counts.some((line) => line.length !== cols)) {
    throw invalidTable('counts', 'counts must have one row per row key and one entry per column');
  }
  const values = table.counts.map((line) => {
    for (const count of line) {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw invalidTable('counts', 'counts must be non-negative whole numbers');
      }
    }
    return [...line, sum(line)];
  });
  const columnTotals = Array.from({ length: cols + 1 }, (_, j) =>
    sum(values.map((line) => line[j])),
  );
  if (!Number.isSafeInteger(columnTotals[cols])) {
    throw invalidTable('counts', 'the grand total is too large');
  }
  values.push(columnTotals);
  const rowKeys = [...table.rowKeys, TOTAL_KEY];
  const colKeys = [...table.colKeys, TOTAL_KEY];
  const keys = rowKeys.map((rowKey) => colKeys.map((colKey) => cellKey(rowKey, colKey)));
  return { rows, cols, values, keys };
}

function assertKeys(keys: readonly string[], field: string): void {
  if (keys.length === 0) throw invalidTable(field, 'a table needs at least one row and column');
  for (const key of keys) {
    if (typeof key !== 'string' || key === '' || key === TOTAL_KEY || key.includes(KEY_SEPARATOR)) {
      throw invalidTable(field, `keys must be non-empty, not "${TOTAL_KEY}" and without "|"`);
    }
  }
  if (new Set(keys).size !== keys.length) throw invalidTable(field, 'keys must be unique');
}

function invalidTable(field: string, message: string): ValidationError {
  return new ValidationError(FOI_ERROR_CODES.invalidTable, message, [{ field, message }]);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The first suppressed position (row-major) that the published values determine. The unknowns
 * are the suppressed positions; the equations are the R + C + 2 line sums of the grid.
 */
function firstDeterminedPosition(
  status: ReadonlyArray<ReadonlyArray<SuppressionReason | null>>,
  rows: number,
  cols: number,
): [number, number] | null {
  const unknowns: Array<[number, number]> = [];
  const unknownIndex = new Map<number, number>();
  for (let i = 0; i <= rows; i++) {
    for (let j = 0; j <= cols; j++) {
      if (status[i][j] !== null) {
        unknownIndex.set(i * (cols + 1) + j, unknowns.length);
        unknowns.push([i, j]);
      }
    }
  }
  if (unknowns.length === 0) return null;

  const equation = (terms: Array<[number, number, number]>): number[] => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    for (const [i, j, coefficient] of terms) {
      const index = unknownIndex.get(i * (cols + 1) + j);
      if (index !== undefined) coefficients[index] += coefficient;
    }
    return coefficients;
  };
  const equations: number[][] = [];
  // Row i (the totals row included): its cells minus its total. Column j likewise.
  for (let i = 0; i <= rows; i++) {
    const terms: Array<[number, number, number]> = [[i, cols, -1]];
    for (let j = 0; j < cols; j++) terms.push([i, j, 1]);
    equations.push(equation(terms));
  }
  for (let j = 0; j <= cols; j++) {
    const terms: Array<[number, number, number]> = [[rows, j, -1]];
    for (let i = 0; i < rows; i++) terms.push([i, j, 1]);
    equations.push(equation(terms));
  }

  const determined = determinedUnknowns(equations, unknowns.length);
  const index = determined.indexOf(true);
  return index < 0 ? null : unknowns[index];
}

/**
 * Dijkstra from the target's row to its column over the bipartite graph whose nodes are the grid
 * lines and whose edges are the grid positions (the target excluded). Suppressed positions cost 0.
 * Returns the positions on the cheapest path.
 */
function cheapestProtectingPath(
  [targetRow, targetCol]: [number, number],
  status: ReadonlyArray<ReadonlyArray<SuppressionReason | null>>,
  costOf: (i: number, j: number) => number,
  rows: number,
  cols: number,
): Array<[number, number]> {
  // Nodes 0..rows are grid rows, rows+1..rows+1+cols are grid columns.
  const nodeCount = rows + cols + 2;
  const columnNode = (j: number): number => rows + 1 + j;
  const distance = new Array<number>(nodeCount).fill(Infinity);
  const previous = new Array<{ node: number; position: [number, number] } | null>(nodeCount).fill(
    null,
  );
  const done = new Array<boolean>(nodeCount).fill(false);
  distance[targetRow] = 0;

  const weight = (i: number, j: number): number | null => {
    if (i === targetRow && j === targetCol) return null;
    return status[i][j] === null ? costOf(i, j) : 0;
  };

  for (;;) {
    let node = -1;
    for (let candidate = 0; candidate < nodeCount; candidate++) {
      if (!done[candidate] && distance[candidate] < (node < 0 ? Infinity : distance[node])) {
        node = candidate;
      }
    }
    if (node < 0 || node === columnNode(targetCol)) break;
    done[node] = true;
    const neighbours: Array<{ next: number; position: [number, number] }> =
      node <= rows
        ? Array.from({ length: cols + 1 }, (_, j) => ({
            next: columnNode(j),
            position: [node, j] as [number, number],
          }))
        : Array.from({ length: rows + 1 }, (_, i) => ({
            next: i,
            position: [i, node - rows - 1] as [number, number],
          }));
    for (const { next, position } of neighbours) {
      const w = weight(position[0], position[1]);
      if (w === null || done[next]) continue;
      if (distance[node] + w < distance[next]) {
        distance[next] = distance[node] + w;
        previous[next] = { node, position };
      }
    }
  }

  const path: Array<[number, number]> = [];
  for (let node = columnNode(targetCol); node !== targetRow; ) {
    const step = previous[node];
    if (!step) throw new Error('No protecting path exists; this is a defect');
    path.push(step.position);
    node = step.node;
  }
  return path;
}
