import { ValidationError } from '../../common/domain-error';
import { FOI_ERROR_CODES } from './foi-errors';
import { WITHHELD_LABEL } from './policy';

/**
 * k-anonymity for row-level extracts (one row per conviction, per declaration, …).
 *
 * Every published column of such an extract is treated as a quasi-identifier: someone who knows
 * a colleague was convicted in 2021 while serving as a PCSO can look for that row. An extract is
 * k-anonymous when every combination of published values is shared by at least k rows.
 *
 * Method: global recoding over the generalisation lattice, then row suppression.
 * - Each column has a hierarchy: level 0 is the exact public label, each further level is
 *   coarser, and the top level is always `*` (withheld). A level applies to the whole column
 *   (global recoding): a published "Sexual offences" always means the exact category, never a
 *   value that some rows have and others were coarsened from, and the report can say in one
 *   line what was done to each column.
 * - Every combination of levels (the lattice; a handful of columns with two or three levels
 *   each, so at most a few hundred combinations) is tried. For each, rows left in groups smaller
 *   than k would be suppressed. The combination chosen has the least information loss, where a
 *   published value at level l of a column of height h loses l/h of a value and a suppressed row
 *   loses all its values. Ties go to fewer suppressed rows, then to the lexicographically lowest
 *   levels (columns listed first are kept finer).
 * - Rows still in groups smaller than k are dropped and counted.
 * The choice depends only on the multiset of rows, and the output is sorted by the published
 * columns in the order given, so the same register always gives the same extract, whatever order
 * the database returned the rows in. Nothing is ever sorted by date.
 */

/** A published column and how to coarsen it. */
export interface QuasiIdentifier {
  readonly name: string;
  /**
   * Coarser levels above the exact value, lowest first; each maps a value at the level below to
   * the level above. The top level `*` is implied: it is added unless the last function already
   * maps every value to `*`.
   */
  readonly hierarchy: ReadonlyArray<(value: string) => string>;
}

export type ExtractRow = Readonly<Record<string, string>>;

/**
 * Rows with the same values, given once with how many there are. A register of n rows and a
 * list of its distinct rows with their counts are the same multiset, so they give the same
 * result; the grouped form keeps memory proportional to the distinct combinations, not to n.
 */
export interface WeightedRow {
  readonly row: ExtractRow;
  /** How many rows have exactly these values: a whole number >= 1. */
  readonly count: number;
}

/** What was done, without the rows themselves (the disclosure report needs only this). */
export interface KAnonymitySummary {
  readonly k: number;
  /** The level chosen per column: 0 exact, `topLevels[name]` means every value is `*`. */
  readonly levels: Readonly<Record<string, number>>;
  readonly topLevels: Readonly<Record<string, number>>;
  /** Per column: published rows whose value there is coarser than their own. */
  readonly generalisedRows: Readonly<Record<string, number>>;
  /** Published rows with at least one coarsened value. */
  readonly generalisedRowCount: number;
  /** Rows dropped because their group stayed smaller than k. */
  readonly suppressedRows: number;
}

export interface KAnonymityResult extends KAnonymitySummary {
  /** Published rows: only the quasi-identifier columns, sorted by them in column order. */
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

export interface WeightedKAnonymityResult extends KAnonymitySummary {
  /**
   * Published rows as distinct combinations with their counts, sorted by the published columns
   * in column order: writing each `count` times, in this order, gives `kAnonymise`'s rows.
   */
  readonly groups: readonly WeightedRow[];
  /** Sum of the counts: the number of published rows. */
  readonly publishedRows: number;
}

/** The lattice is searched exhaustively; beyond this many level combinations we refuse. */
const MAX_LATTICE_SIZE = 100_000;
const GROUP_KEY_SEPARATOR = '\u0000';

export function kAnonymise(
  rows: readonly ExtractRow[],
  columns: readonly QuasiIdentifier[],
  k: number,
): KAnonymityResult {
  validate(rows, columns, k);
  const result = anonymiseGroups(
    rows.map((row) => ({ row, count: 1 })),
    columns,
    k,
  );
  const published: Array<Record<string, string>> = [];
  for (const group of result.groups) {
    for (let i = 0; i < group.count; i++) published.push({ ...group.row });
  }
  return {
    rows: published,
    k: result.k,
    levels: result.levels,
    topLevels: result.topLevels,
    generalisedRows: result.generalisedRows,
    generalisedRowCount: result.generalisedRowCount,
    suppressedRows: result.suppressedRows,
  };
}

/**
 * `kAnonymise` over rows given once per distinct combination with a count: the same levels,
 * the same figures and, expanded, the same rows as `kAnonymise` over the expanded input.
 */
export function kAnonymiseWeighted(
  groups: readonly WeightedRow[],
  columns: readonly QuasiIdentifier[],
  k: number,
): WeightedKAnonymityResult {
  validate(
    groups.map((group) => group.row),
    columns,
    k,
  );
  groups.forEach((group, index) => {
    if (!Number.isSafeInteger(group.count) || group.count < 1) {
      throw invalid('rows', `row ${index} must have a count that is a whole number >= 1`);
    }
  });
  return anonymiseGroups(groups, columns, k);
}

function anonymiseGroups(
  input: readonly WeightedRow[],
  columns: readonly QuasiIdentifier[],
  k: number,
): WeightedKAnonymityResult {
  const names = columns.map((column) => column.name);
  const groups = mergeGroups(input, names);
  const weights = groups.map((group) => group.count);
  const n = weights.reduce((total, weight) => total + weight, 0);

  // levelValues[c][level][group], and the same as small whole numbers (see valueCodes)
  const levelValues = columns.map((column) => valuesByLevel(groups, column));
  const levelCodes = levelValues.map((levels) => levels.map(valueCodes));
  const tops = levelValues.map((levels) => levels.length - 1);
  const latticeSize = tops.reduce((size, top) => size * (top + 1), 1);
  if (latticeSize > MAX_LATTICE_SIZE) {
    throw invalid('columns', 'too many quasi-identifier levels to search');
  }

  // Losses are kept as integers by scaling with the lcm of the column heights.
  const scale = tops.reduce((acc, top) => lcm(acc, top), 1);
  let best: { levels: number[]; loss: number; suppressed: number; kept: boolean[] } | null = null;
  // combined[c]: the codes of columns 0..c together at the current levels. Consecutive
  // combinations differ only from some column on (the last column changes fastest), so only the
  // combinations from that column on are made again.
  const combined = new Array<ValueCodes>(columns.length);
  let previous: number[] | null = null;
  for (let index = 0; index < latticeSize; index++) {
    const levels = decodeLevels(index, tops);
    let from = 0;
    while (previous !== null && from < levels.length && levels[from] === previous[from]) from++;
    for (let c = from; c < columns.length; c++) {
      const own = levelCodes[c][levels[c]];
      combined[c] = c === 0 ? own : combineCodes(combined[c - 1], own);
    }
    previous = levels;
    const kept = keptGroups(weights, combined[columns.length - 1], k);
    const suppressed = weights.reduce((total, weight, g) => (kept[g] ? total : total + weight), 0);
    const perRowLoss = levels.reduce((acc, level, c) => acc + (level * scale) / tops[c], 0);
    const loss = perRowLoss * (n - suppressed) + suppressed * columns.length * scale;
    if (
      best === null ||
      loss < best.loss ||
      (loss === best.loss && suppressed < best.suppressed)
      // Equal loss and suppression: keep the earlier (lexicographically lower) combination.
    ) {
      best = { levels, loss, suppressed, kept };
    }
  }
  if (best === null) throw new Error('The generalisation lattice is never empty');
  const chosen = best;

  const generalisedRows: Record<string, number> = Object.fromEntries(
    names.map((name) => [name, 0]),
  );
  let generalisedRowCount = 0;
  const published = new Map<string, { row: Record<string, string>; count: number }>();
  for (let g = 0; g < groups.length; g++) {
    if (!chosen.kept[g]) continue;
    const count = weights[g];
    const output: Record<string, string> = {};
    let coarsened = false;
    columns.forEach((column, c) => {
      const value = levelValues[c][chosen.levels[c]][g];
      output[column.name] = value;
      if (value !== levelValues[c][0][g]) {
        generalisedRows[column.name] += count;
        coarsened = true;
      }
    });
    if (coarsened) generalisedRowCount += count;
    const key = names.map((name) => output[name]).join(GROUP_KEY_SEPARATOR);
    const same = published.get(key);
    if (same) same.count += count;
    else published.set(key, { row: output, count });
  }
  const sorted = [...published.values()].sort((a, b) => compareRows(a.row, b.row, names));

  return {
    groups: sorted,
    publishedRows: n - chosen.suppressed,
    k,
    levels: Object.fromEntries(names.map((name, c) => [name, chosen.levels[c]])),
    topLevels: Object.fromEntries(names.map((name, c) => [name, tops[c]])),
    generalisedRows,
    generalisedRowCount,
    suppressedRows: chosen.suppressed,
  };
}

/** Identical rows given more than once become one group with the summed count. */
function mergeGroups(input: readonly WeightedRow[], names: readonly string[]): WeightedRow[] {
  const merged = new Map<string, { row: ExtractRow; count: number }>();
  for (const { row, count } of input) {
    const key = names.map((name) => row[name]).join(GROUP_KEY_SEPARATOR);
    const same = merged.get(key);
    if (same) same.count += count;
    else merged.set(key, { row, count });
  }
  return [...merged.values()];
}

/** Compares by the published columns in order, by UTF-16 code units (locale-independent). */
export function compareRows(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
  columnNames: readonly string[],
): number {
  for (const name of columnNames) {
    if (a[name] < b[name]) return -1;
    if (a[name] > b[name]) return 1;
  }
  return 0;
}

function valuesByLevel(groups: readonly WeightedRow[], column: QuasiIdentifier): string[][] {
  const levels: string[][] = [groups.map((group) => group.row[column.name])];
  for (const coarsen of column.hierarchy) {
    levels.push(levels[levels.length - 1].map((value) => coarsen(value)));
  }
  const last = levels[levels.length - 1];
  const topIsWithheld = levels.length > 1 && last.every((value) => value === WITHHELD_LABEL);
  if (!topIsWithheld) levels.push(groups.map(() => WITHHELD_LABEL));
  return levels;
}

function decodeLevels(index: number, tops: readonly number[]): number[] {
  // Mixed radix with the first column most significant, so lower indexes keep it finer.
  const levels = new Array<number>(tops.length).fill(0);
  for (let c = tops.length - 1; c >= 0; c--) {
    levels[c] = index % (tops[c] + 1);
    index = Math.floor(index / (tops[c] + 1));
  }
  return levels;
}

/** Values as whole numbers, one per input group (see valueCodes and combineCodes). */
interface ValueCodes {
  readonly codes: Int32Array;
  /** How many distinct values: every code is below it. */
  readonly distinct: number;
}

/**
 * A column's values at one level as whole numbers: equal values get equal numbers, from 0 in
 * order of first appearance.
 */
function valueCodes(values: readonly string[]): ValueCodes {
  const seen = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((value, group) => {
    let code = seen.get(value);
    if (code === undefined) {
      code = seen.size;
      seen.set(value, code);
    }
    codes[group] = code;
  });
  return { codes, distinct: seen.size };
}

/** Up to this many possible pairs, `combineCodes` numbers them in a table instead of a Map. */
const PAIR_TABLE_LIMIT = 1 << 16;

/**
 * Two columns' codes as one: equal pairs of codes get equal numbers, from 0 in order of first
 * appearance, so the result stays below the number of groups and can be combined again exactly.
 */
function combineCodes(first: ValueCodes, second: ValueCodes): ValueCodes {
  const width = second.distinct;
  const span = first.distinct * width;
  // Numbers given so far, by pair: a typed table when the pairs are few enough, else a Map.
  const table = span <= PAIR_TABLE_LIMIT ? new Int32Array(span).fill(-1) : null;
  const seen = table ? null : new Map<number, number>();
  const codes = new Int32Array(first.codes.length);
  let distinct = 0;
  for (let g = 0; g < codes.length; g++) {
    const pair = first.codes[g] * width + second.codes[g];
    let code = table ? table[pair] : (seen!.get(pair) ?? -1);
    if (code < 0) {
      code = distinct++;
      if (table) table[pair] = code;
      else seen!.set(pair, code);
    }
    codes[g] = code;
  }
  return { codes, distinct };
}

/**
 * Per input group: whether the rows sharing its combination of values (`combination`, one code
 * per group for all the columns at the levels tried) number k or more.
 */
function keptGroups(weights: readonly number[], combination: ValueCodes, k: number): boolean[] {
  const sizes = new Float64Array(combination.distinct);
  const { codes } = combination;
  for (let g = 0; g < weights.length; g++) sizes[codes[g]] += weights[g];
  return Array.from(codes, (code) => sizes[code] >= k);
}

function validate(rows: readonly ExtractRow[], columns: readonly QuasiIdentifier[], k: number) {
  if (!Number.isSafeInteger(k) || k < 1) throw invalid('k', 'k must be a whole number >= 1');
  if (columns.length === 0) throw invalid('columns', 'at least one column is published');
  const names = columns.map((column) => column.name);
  if (names.some((name) => typeof name !== 'string' || name === '')) {
    throw invalid('columns', 'column names must be non-empty');
  }
  if (new Set(names).size !== names.length) throw invalid('columns', 'column names must be unique');
  const expected = [...names].sort();
  rows.forEach((row, index) => {
    const keys = Object.keys(row).sort();
    const sameColumns =
      keys.length === expected.length && keys.every((key, i) => key === expected[i]);
    if (!sameColumns || names.some((name) => typeof row[name] !== 'string')) {
      // Extra columns are refused rather than passed through: every published value is a QI.
      throw invalid('rows', `row ${index} must have exactly the listed columns, as strings`);
    }
  });
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(FOI_ERROR_CODES.invalidRows, message, [{ field, message }]);
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}
