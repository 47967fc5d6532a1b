import {
  ASSOCIATION_REASONS,
  AssociationReason,
  assertSafeRow,
  belowForceLevelNotGiven,
  buildDisclosureReport,
  cellKey,
  CONDUCT_OUTCOME_LABELS,
  CONDUCT_OUTCOMES,
  ConductOutcome,
  countTableFrom,
  datesReducedToYear,
  datesRemoved,
  DisclosurePolicy,
  DisclosureReport,
  DisclosureRule,
  displayValue,
  EMPLOYMENT_STATUS_LABELS,
  EMPLOYMENT_STATUSES,
  EmploymentStatus,
  ExtractRow,
  IdentifierKind,
  identifiersRemoved,
  isSuppressed,
  kAnonymiseWeighted,
  kAnonymity,
  natureLabel,
  OFFENCE_CATEGORY_LABELS,
  OffenceCategory,
  PERSON_TYPE_LABELS,
  PERSON_TYPES,
  PersonType,
  PUBLIC_HIERARCHIES,
  QuasiIdentifier,
  reasonLabel,
  RelationshipType,
  ReportPart,
  RISK_LEVELS,
  RiskLevel,
  suppressTable,
  SuppressedTable,
  tableSuppression,
  TableValue,
  TOTAL_KEY,
  TOTAL_LABEL,
  TotalsRule,
  WeightedRow,
  WITHHELD_LABEL,
} from './domain';

/**
 * What each extract type publishes, as pure functions from the generalised values the SQL returns
 * (years, enum values, counts) to the published table and its disclosure-control report. The
 * service runs the query, calls `buildPublishedExtract`, checks every cell with the output guard
 * and stores the result; nothing here touches the database.
 *
 * Row-level sources come grouped (one entry per distinct combination of values, with a count) and
 * the published rows stay grouped (`runs`) until they are written, so memory follows the number
 * of distinct published combinations, not the number of records behind them.
 */

export const EXTRACT_TYPES = [
  'CONVICTIONS',
  'PENDING_CHARGES',
  'HIGH_RISK_DECLARATIONS',
  'DECLARATION_NATURE',
  'CONDUCT_OUTCOMES',
  'BARRED_LIST_REFERRALS',
  'BIOMETRIC_COVERAGE',
] as const;
export type ExtractType = (typeof EXTRACT_TYPES)[number];

export const REFERRAL_LISTS = ['BARRED', 'ADVISORY'] as const;
export type ReferralList = (typeof REFERRAL_LISTS)[number];

/** Options an extract type accepts; anything else is refused when the extract is requested. */
export interface ExtractOptions {
  /** DECLARATION_NATURE: risk levels included (default HIGH). */
  riskLevels?: RiskLevel[];
  /** CONDUCT_OUTCOMES: add person type to the rows (default false). */
  byPersonType?: boolean;
  /** BIOMETRIC_COVERAGE: who counts as an officer (default POLICE_OFFICER). */
  personTypes?: PersonType[];
  /** BARRED_LIST_REFERRALS: which College of Policing lists (default BARRED). */
  lists?: ReferralList[];
}

export const OPTIONS_BY_TYPE: Readonly<Record<ExtractType, ReadonlyArray<keyof ExtractOptions>>> = {
  CONVICTIONS: [],
  PENDING_CHARGES: [],
  HIGH_RISK_DECLARATIONS: [],
  DECLARATION_NATURE: ['riskLevels'],
  CONDUCT_OUTCOMES: ['byPersonType'],
  BARRED_LIST_REFERRALS: ['lists'],
  BIOMETRIC_COVERAGE: ['personTypes'],
};

/** Fills in defaults and puts list options in vocabulary order, so equal requests compare equal. */
export function normaliseOptions(type: ExtractType, options: ExtractOptions): ExtractOptions {
  const inOrder = <T extends string>(vocabulary: readonly T[], values: readonly T[]): T[] =>
    vocabulary.filter((v) => values.includes(v));
  switch (type) {
    case 'DECLARATION_NATURE':
      return { riskLevels: inOrder(RISK_LEVELS, options.riskLevels ?? ['HIGH']) };
    case 'CONDUCT_OUTCOMES':
      return { byPersonType: options.byPersonType ?? false };
    case 'BARRED_LIST_REFERRALS':
      return { lists: inOrder(REFERRAL_LISTS, options.lists ?? ['BARRED']) };
    case 'BIOMETRIC_COVERAGE':
      return { personTypes: inOrder(PERSON_TYPES, options.personTypes ?? ['POLICE_OFFICER']) };
    default:
      return {};
  }
}

// ------------------------------------------------------------------ source rows (from SQL)

/**
 * Convictions or pending charges with these values: a year and enum values, nothing else.
 * `count` is how many (the SQL groups them); 1 when absent.
 */
export interface CaseSourceRow {
  readonly year: number;
  readonly personType: PersonType;
  readonly offenceCategory: OffenceCategory;
  /** Null when the register has no status for that date (not yet joined). */
  readonly statusAtOffence: EmploymentStatus | null;
  readonly statusNow: EmploymentStatus;
  readonly count?: number;
}

/**
 * Declarations whose associates have these relationships and reasons (enum values only).
 * `count` is how many (the SQL groups them); 1 when absent.
 */
export interface DeclarationSourceRow {
  readonly relationships: readonly RelationshipType[];
  readonly reasons: readonly AssociationReason[];
  readonly count?: number;
}

/** A grouped count, as `GROUP BY` returns it. */
export interface CountSourceRow {
  readonly row: string;
  readonly col: string;
  readonly count: number;
}

export type ExtractSource =
  | { readonly kind: 'cases'; readonly rows: readonly CaseSourceRow[] }
  | { readonly kind: 'declarations'; readonly rows: readonly DeclarationSourceRow[] }
  | { readonly kind: 'counts'; readonly rows: readonly CountSourceRow[] };

/** What earlier releases of the same type and period force on this run. */
export interface CarriedForward {
  /** Table cells and totals suppressed in a release (keys as `suppressTable` gives them). */
  readonly suppressedKeys: ReadonlySet<string>;
  /** Row-level extracts: the coarsest level each column was published at. */
  readonly minLevels: Readonly<Record<string, number>>;
}

export const NOTHING_CARRIED: CarriedForward = { suppressedKeys: new Set(), minLevels: {} };

export type Cell = string | number;

export interface BuiltExtract {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
  readonly report: DisclosureReport;
  /** Count tables: every suppressed key, to store with a release. */
  readonly suppressedKeys: readonly string[];
  /** Row-level extracts: generalisation level per column, to store with a release. */
  readonly levels: Readonly<Record<string, number>>;
}

/** `count` consecutive published rows that are all `cells`. */
export interface PublishedRun {
  readonly cells: readonly Cell[];
  readonly count: number;
}

/** A built extract with its rows run-length encoded, in published order. */
export interface PublishedExtract extends Omit<BuiltExtract, 'rows'> {
  readonly runs: readonly PublishedRun[];
  /** Sum of the runs' counts: the number of published rows. */
  readonly rowCount: number;
}

/**
 * The published rows of `runs`, one at a time (each run's cells array is shared), at most
 * `limit` of them. Extracts are stored as runs too (foi_extract_row.run_length), so this also
 * expands what is read back.
 */
export function* publishedRows(
  runs: readonly PublishedRun[],
  limit = Infinity,
): Generator<readonly Cell[]> {
  let left = limit;
  for (const run of runs) {
    for (let i = 0; i < run.count; i++) {
      if (left-- <= 0) return;
      yield run.cells;
    }
  }
}

/**
 * The output guard on published runs: every value is on the allow-list, or nothing is published
 * (`assertSafeRow` throws). The rows of a run are all the same, so checking each run checks every
 * row. Run where extracts are built and again wherever stored runs leave the service.
 */
export function assertSafeRuns(
  columns: readonly string[],
  runs: readonly Pick<PublishedRun, 'cells'>[],
  policy: DisclosurePolicy,
): void {
  for (const run of runs) {
    assertSafeRow(Object.fromEntries(columns.map((c, i) => [c, run.cells[i]])), policy);
  }
}

export interface ExtractRequest {
  readonly type: ExtractType;
  readonly from: number;
  readonly to: number;
  readonly options: ExtractOptions;
}

/** The extract with every published row listed (one array per row). */
export function buildExtract(
  request: ExtractRequest,
  source: ExtractSource,
  policy: DisclosurePolicy,
  carried: CarriedForward = NOTHING_CARRIED,
): BuiltExtract {
  const built = buildPublishedExtract(request, source, policy, carried);
  return {
    columns: built.columns,
    rows: [...publishedRows(built.runs)],
    report: built.report,
    suppressedKeys: built.suppressedKeys,
    levels: built.levels,
  };
}

/** The extract with its published rows as runs: what the job writes, a batch at a time. */
export function buildPublishedExtract(
  request: ExtractRequest,
  source: ExtractSource,
  policy: DisclosurePolicy,
  carried: CarriedForward = NOTHING_CARRIED,
): PublishedExtract {
  const built = build(request, source, policy, carried);
  assertSafeRuns(built.columns, built.runs, policy);
  return built;
}

function build(
  request: ExtractRequest,
  source: ExtractSource,
  policy: DisclosurePolicy,
  carried: CarriedForward,
): PublishedExtract {
  const years = yearKeys(request.from, request.to);
  switch (request.type) {
    case 'CONVICTIONS':
    case 'PENDING_CHARGES':
      return caseExtract(request.type, expect(source, 'cases'), policy, carried);
    case 'DECLARATION_NATURE':
      return natureExtract(expect(source, 'declarations'), policy, carried);
    case 'HIGH_RISK_DECLARATIONS':
      return countExtract({
        source: expect(source, 'counts'),
        policy,
        carried,
        rowKeys: years,
        colKeys: ['COUNT'],
        rowHeadings: ['Year'],
        rowLabels: (key) => [key],
        colLabels: ['High-risk declarations received'],
        showRowTotals: false,
        showColumnTotals: true,
        context: [
          datesReducedToYear(0, ['date the declaration was received']),
          identifiers(['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH', 'FREE_TEXT']),
        ],
      });
    case 'CONDUCT_OUTCOMES': {
      const byType = request.options.byPersonType === true;
      return countExtract({
        source: expect(source, 'counts'),
        policy,
        carried,
        rowKeys: byType ? yearTypeKeys(years) : years,
        colKeys: CONDUCT_OUTCOMES,
        rowHeadings: byType ? ['Year', 'Person type'] : ['Year'],
        rowLabels: byType ? yearTypeLabels : (key) => [key],
        colLabels: CONDUCT_OUTCOMES.map((o: ConductOutcome) => CONDUCT_OUTCOME_LABELS[o]),
        showRowTotals: true,
        showColumnTotals: true,
        context: [
          datesReducedToYear(0, ['date of the outcome']),
          identifiers(['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH', 'FREE_TEXT', 'RANK_AND_GRADE']),
        ],
      });
    }
    case 'BARRED_LIST_REFERRALS':
      return countExtract({
        source: expect(source, 'counts'),
        policy,
        carried,
        rowKeys: yearTypeKeys(years),
        colKeys: EMPLOYMENT_STATUSES,
        rowHeadings: ['Year', 'Person type'],
        rowLabels: yearTypeLabels,
        colLabels: EMPLOYMENT_STATUSES.map(
          (s) => `Status when referred: ${EMPLOYMENT_STATUS_LABELS[s]}`,
        ),
        showRowTotals: true,
        showColumnTotals: true,
        context: [
          datesReducedToYear(0, ['date the referral became due']),
          identifiers(['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH', 'FREE_TEXT', 'RANK_AND_GRADE']),
        ],
      });
    case 'BIOMETRIC_COVERAGE':
      return biometricExtract(expect(source, 'counts'), years, policy, carried);
  }
}

// ------------------------------------------------------------------ row-level extracts

const CASE_COLUMNS = {
  CONVICTIONS: {
    year: 'Year of conviction',
    reduced: 'date of conviction',
    removed: 'date of the offence',
  },
  PENDING_CHARGES: {
    year: 'Year of alleged offence',
    reduced: 'date of the alleged offence',
    removed: 'date of charge',
  },
} as const;

/** Hierarchy functions never see `*` (no status recorded): it stays as it is. */
const keepWithheld =
  (coarsen: (value: string) => string) =>
  (value: string): string =>
    value === WITHHELD_LABEL ? value : coarsen(value);

function caseExtract(
  type: 'CONVICTIONS' | 'PENDING_CHARGES',
  rows: readonly CaseSourceRow[],
  policy: DisclosurePolicy,
  carried: CarriedForward,
): PublishedExtract {
  const headings = CASE_COLUMNS[type];
  const columns: QuasiIdentifier[] = [
    { name: headings.year, hierarchy: PUBLIC_HIERARCHIES.year },
    { name: 'Person type', hierarchy: PUBLIC_HIERARCHIES.personType },
    { name: 'Offence category', hierarchy: PUBLIC_HIERARCHIES.offenceCategory },
    {
      name: 'Status at time of offence',
      hierarchy: PUBLIC_HIERARCHIES.employmentStatus.map(keepWithheld),
    },
    { name: 'Status now', hierarchy: PUBLIC_HIERARCHIES.employmentStatus.map(keepWithheld) },
  ];
  const labelled: WeightedRow[] = rows.map((row) => ({
    row: {
      [headings.year]: String(row.year),
      'Person type': PERSON_TYPE_LABELS[row.personType],
      'Offence category': OFFENCE_CATEGORY_LABELS[row.offenceCategory],
      'Status at time of offence': row.statusAtOffence
        ? EMPLOYMENT_STATUS_LABELS[row.statusAtOffence]
        : WITHHELD_LABEL,
      'Status now': EMPLOYMENT_STATUS_LABELS[row.statusNow],
    },
    count: row.count ?? 1,
  }));
  const records = recordCount(labelled);
  return rowLevelExtract(labelled, columns, policy, carried, [
    identifiers(['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH', 'FREE_TEXT', 'RANK_AND_GRADE']),
    datesReducedToYear(records, [headings.reduced]),
    datesRemoved(records, [headings.removed]),
    belowForceLevelNotGiven(records),
  ]);
}

function natureExtract(
  rows: readonly DeclarationSourceRow[],
  policy: DisclosurePolicy,
  carried: CarriedForward,
): PublishedExtract {
  const columns: QuasiIdentifier[] = [
    { name: 'Nature of association', hierarchy: PUBLIC_HIERARCHIES.nature },
    { name: 'Reason for declaring', hierarchy: PUBLIC_HIERARCHIES.reason },
  ];
  // One combined label per declaration, however many associates it names. Source rows often
  // share their lists (the loader splits each distinct list once), so labels are cached by list,
  // and rows with the same pair of labels are counted together.
  const natures = new Map<readonly RelationshipType[], string>();
  const reasons = new Map<readonly AssociationReason[], string>();
  const labelled = new Map<string, { row: ExtractRow; count: number }>();
  for (const row of rows) {
    let nature = natures.get(row.relationships);
    if (nature === undefined) {
      nature = natureLabel(row.relationships);
      natures.set(row.relationships, nature);
    }
    let reason = reasons.get(row.reasons);
    if (reason === undefined) {
      reason = reasonLabel(ASSOCIATION_REASONS.filter((r) => row.reasons.includes(r)));
      reasons.set(row.reasons, reason);
    }
    const key = `${nature}\u0000${reason}`;
    const same = labelled.get(key);
    if (same) {
      same.count += row.count ?? 1;
    } else {
      labelled.set(key, {
        row: { 'Nature of association': nature, 'Reason for declaring': reason },
        count: row.count ?? 1,
      });
    }
  }
  const groups = [...labelled.values()];
  const records = recordCount(groups);
  return rowLevelExtract(groups, columns, policy, carried, [
    identifiers(['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH', 'FREE_TEXT']),
    datesRemoved(records, ['date the declaration was made', 'dates of the association']),
    belowForceLevelNotGiven(records),
  ]);
}

/** Records behind grouped rows: the sum of their counts. */
function recordCount(rows: readonly WeightedRow[]): number {
  return rows.reduce((total, row) => total + row.count, 0);
}

/**
 * k-anonymity, after first coarsening each column to the level an earlier release of the same
 * period used: a value published only as "Family member" before is never published exactly now.
 */
function rowLevelExtract(
  rows: readonly WeightedRow[],
  columns: readonly QuasiIdentifier[],
  policy: DisclosurePolicy,
  carried: CarriedForward,
  context: readonly ReportPart[],
): PublishedExtract {
  const start = columns.map((column) =>
    Math.min(carried.minLevels[column.name] ?? 0, column.hierarchy.length + 1),
  );
  const coarsened = rows.map(({ row, count }): WeightedRow => {
    const out: Record<string, string> = {};
    columns.forEach((column, c) => {
      let value = row[column.name];
      for (let level = 0; level < start[c]; level++) {
        value = level < column.hierarchy.length ? column.hierarchy[level](value) : WITHHELD_LABEL;
      }
      out[column.name] = value;
    });
    return { row: out, count };
  });
  const remaining = columns.map((column, c) => ({
    name: column.name,
    hierarchy: column.hierarchy.slice(Math.min(start[c], column.hierarchy.length)),
  }));
  const result = kAnonymiseWeighted(coarsened, remaining, policy.k);
  const levels: Record<string, number> = {};
  columns.forEach((column, c) => {
    const top = column.hierarchy.length + 1;
    levels[column.name] =
      start[c] >= top ? top : Math.min(top, start[c] + result.levels[column.name]);
  });
  const carriedColumns = columns.filter((_, c) => start[c] > 0).map((column) => column.name);
  const carriedPart: ReportPart =
    carriedColumns.length === 0
      ? { rules: [], withheld: [] }
      : {
          rules: [
            {
              rule: 'CARRIED_FORWARD_SUPPRESSION',
              description:
                `${carriedColumns.join(', ')}: given no more precisely than in an earlier ` +
                'response covering the same period.',
              affected: result.publishedRows,
              exemption: 'S40_2',
              reason:
                'A more precise value now, compared with the earlier response, could identify ' +
                'the people concerned.',
            },
          ],
          withheld: carriedColumns.map((name) => `Exact ${name} (as in the earlier response)`),
        };
  return {
    columns: columns.map((column) => column.name),
    runs: result.groups.map(({ row, count }) => ({
      cells: columns.map((column) => row[column.name]),
      count,
    })),
    rowCount: result.publishedRows,
    report: buildDisclosureReport(...context, kAnonymity(result), carriedPart),
    suppressedKeys: [],
    levels,
  };
}

// ------------------------------------------------------------------ count tables

interface CountTableSpec {
  source: readonly CountSourceRow[];
  policy: DisclosurePolicy;
  carried: CarriedForward;
  rowKeys: readonly string[];
  colKeys: readonly string[];
  rowHeadings: readonly string[];
  rowLabels: (rowKey: string) => string[];
  colLabels: readonly string[];
  showRowTotals: boolean;
  showColumnTotals: boolean;
  totalsRule?: TotalsRule;
  context: readonly ReportPart[];
}

/** Count-table rows, one run each. */
function singleRuns(
  rows: ReadonlyArray<readonly Cell[]>,
): Pick<PublishedExtract, 'runs' | 'rowCount'> {
  return { runs: rows.map((cells) => ({ cells, count: 1 })), rowCount: rows.length };
}

function countExtract(spec: CountTableSpec): PublishedExtract {
  const table = suppressed(spec);
  const show = (value: TableValue) => displayValue(value, spec.policy);
  const rows: Cell[][] = table.rowKeys.map((key, i) => [
    ...spec.rowLabels(key),
    ...table.cells[i].map(show),
    ...(spec.showRowTotals ? [show(table.rowTotals[i])] : []),
  ]);
  if (spec.showColumnTotals) {
    rows.push([
      ...spec.rowHeadings.map(() => TOTAL_LABEL),
      ...table.colTotals.map(show),
      ...(spec.showRowTotals ? [show(table.grandTotal)] : []),
    ]);
  }
  return {
    columns: [...spec.rowHeadings, ...spec.colLabels, ...(spec.showRowTotals ? ['Total'] : [])],
    ...singleRuns(rows),
    report: tableReport(spec, table),
    suppressedKeys: table.suppressedKeys,
    levels: {},
  };
}

function suppressed(spec: CountTableSpec): SuppressedTable {
  const counts = countTableFrom(spec.rowKeys, spec.colKeys, spec.source);
  // Keys from a release of another period (or breakdown) that this table does not have are
  // irrelevant to it; the rest stay suppressed.
  const present = new Set<string>();
  for (const r of [...spec.rowKeys, TOTAL_KEY]) {
    for (const c of [...spec.colKeys, TOTAL_KEY]) present.add(cellKey(r, c));
  }
  const forced = new Set([...spec.carried.suppressedKeys].filter((key) => present.has(key)));
  return suppressTable(counts, spec.policy, forced, { totalsRule: spec.totalsRule });
}

function tableReport(spec: CountTableSpec, table: SuppressedTable): DisclosureReport {
  return withoutRecordCounts(
    buildDisclosureReport(
      ...spec.context,
      belowForceLevelNotGiven(0),
      tableSuppression(table, spec.policy),
    ),
  );
}

/**
 * The context rules of a count table are built without a record count: the number of records
 * behind a table is its grand total, which may itself be suppressed, so the report must not
 * print it. "0 record(s)" is reworded to "every record counted".
 */
function withoutRecordCounts(report: DisclosureReport): DisclosureReport {
  const reword = (rule: DisclosureRule): DisclosureRule =>
    rule.rule === 'SMALL_NUMBERS_SUPPRESSED' ||
    rule.rule === 'SECONDARY_SUPPRESSION' ||
    rule.rule === 'CARRIED_FORWARD_SUPPRESSION'
      ? rule
      : {
          ...rule,
          description: rule.description
            .replace('all 0 record(s)', 'every record counted')
            .replace('of 0 record(s)', 'of every record counted')
            .replace('for 0 record(s)', 'for any record counted')
            .replace(' (0 record(s) aggregated)', ''),
        };
  return { rules: report.rules.map(reword), withheld: report.withheld };
}

function identifiers(kinds: readonly IdentifierKind[]): ReportPart {
  return identifiersRemoved(0, kinds);
}

// ------------------------------------------------------------------ biometric coverage

export const BIOMETRIC_CATEGORIES = ['BOTH', 'FINGERPRINTS_ONLY', 'DNA_ONLY', 'NEITHER'] as const;
export type BiometricCategory = (typeof BIOMETRIC_CATEGORIES)[number];

/**
 * The four published figures per year end are sums of a partition (both held, fingerprints
 * only, DNA only, neither), so suppression runs on the partition, with the number of serving
 * officers as its row total, and each published figure is derived from published parts only:
 * "fingerprints held" = both + fingerprints only, shown only when both parts are shown.
 * Summing year-end head counts over years means nothing, so no column totals are published
 * (withholding them only removes equations a reader could use). Totals are kept where
 * possible: the head count is the figure most asked for.
 */
function biometricExtract(
  source: readonly CountSourceRow[],
  years: readonly string[],
  policy: DisclosurePolicy,
  carried: CarriedForward,
): PublishedExtract {
  const spec: CountTableSpec = {
    source,
    policy,
    carried,
    rowKeys: years,
    colKeys: BIOMETRIC_CATEGORIES,
    rowHeadings: ['Year end'],
    rowLabels: (key) => [key],
    colLabels: [],
    showRowTotals: true,
    showColumnTotals: false,
    totalsRule: 'PUBLISH_SAFE_TOTALS',
    context: [
      identifiers(['NAMES', 'STAFF_NUMBERS', 'DATES_OF_BIRTH']),
      datesRemoved(0, ['date fingerprints or a DNA profile were taken']),
    ],
  };
  const table = suppressed(spec);
  const show = (value: TableValue) => displayValue(value, policy);
  const sumOf = (values: TableValue[]): Cell =>
    values.some(isSuppressed)
      ? WITHHELD_LABEL
      : values.reduce<number>((total, value) => total + (value as number), 0);
  const rows: Cell[][] = table.rowKeys.map((key, i) => {
    const [both, fingerprintsOnly, dnaOnly, neither] = table.cells[i];
    return [
      key,
      show(table.rowTotals[i]),
      sumOf([both, fingerprintsOnly]),
      sumOf([both, dnaOnly]),
      show(neither),
    ];
  });
  return {
    columns: [
      'Year end',
      'Serving officers',
      'With fingerprints held',
      'With DNA profile held',
      'With neither held',
    ],
    ...singleRuns(rows),
    report: tableReport(spec, table),
    suppressedKeys: table.suppressedKeys,
    levels: {},
  };
}

// ------------------------------------------------------------------ keys

export function yearKeys(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

const YEAR_TYPE_SEPARATOR = ':';

export function yearTypeKey(year: number | string, personType: PersonType): string {
  return `${year}${YEAR_TYPE_SEPARATOR}${personType}`;
}

function yearTypeKeys(years: readonly string[]): string[] {
  return years.flatMap((year) => PERSON_TYPES.map((type) => yearTypeKey(year, type)));
}

function yearTypeLabels(key: string): string[] {
  const [year, type] = key.split(YEAR_TYPE_SEPARATOR) as [string, PersonType];
  return [year, PERSON_TYPE_LABELS[type]];
}

interface SourceRows {
  cases: readonly CaseSourceRow[];
  declarations: readonly DeclarationSourceRow[];
  counts: readonly CountSourceRow[];
}

function expect<K extends ExtractSource['kind']>(source: ExtractSource, kind: K): SourceRows[K] {
  if (source.kind !== kind) throw new Error(`Extract source is ${source.kind}, expected ${kind}`);
  return source.rows as SourceRows[K];
}
