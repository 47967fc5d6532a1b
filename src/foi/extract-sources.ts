import { ConflictError } from '../common/domain-error';
import { EntityManager } from 'typeorm';
import {
  CaseSourceRow,
  CountSourceRow,
  DeclarationSourceRow,
  ExtractOptions,
  ExtractSource,
  ExtractType,
} from './extract-definitions';
import { EmploymentStatus, OffenceCategory, PersonType } from './domain';

/**
 * The SQL behind each extract. Every query returns generalised values only — a year computed in
 * the database, enum categories and counts. Names, staff numbers, dates of birth, exact dates and
 * free text are compared inside the query where needed but never selected, so they never reach
 * this process. Statuses on a date come from the effective-dated history (latest change on or
 * before the date). Rows come back in no particular order: the builders sort by published values.
 *
 * Every query aggregates in the database: count tables come back as one row per cell, and
 * row-level extracts as one row per distinct combination of the values they publish, with a
 * count. What reaches this process is proportional to the number of distinct combinations, not
 * to the number of records, so an extract over many years needs no more memory than one year.
 */

/** Tables each extract reads; an extract whose tables are missing cannot be produced. */
export const SOURCE_TABLES: Readonly<Record<ExtractType, readonly string[]>> = {
  CONVICTIONS: ['person', 'person_status_change', 'criminal_case'],
  PENDING_CHARGES: ['person', 'person_status_change', 'criminal_case', 'criminal_case_stage'],
  HIGH_RISK_DECLARATIONS: ['declaration', 'declaration_assessment'],
  DECLARATION_NATURE: ['declaration', 'declaration_assessment', 'declaration_associate'],
  CONDUCT_OUTCOMES: ['conduct_case'],
  BARRED_LIST_REFERRALS: ['person', 'person_status_change', 'conduct_case', 'list_report'],
  BIOMETRIC_COVERAGE: ['person', 'person_status_change'],
};

export const SOURCE_NOT_AVAILABLE = 'FOI.SOURCE_NOT_AVAILABLE';

/** 409 when the register does not (yet) hold what an extract type reads. */
export async function assertSourceAvailable(m: EntityManager, type: ExtractType): Promise<void> {
  const tables = SOURCE_TABLES[type];
  const rows = await m.query<Array<{ name: string; present: boolean }>>(
    `SELECT name, to_regclass(name) IS NOT NULL AS present FROM unnest($1::text[]) AS name`,
    [tables],
  );
  const missing = rows.filter((row) => !row.present).map((row) => row.name);
  if (missing.length > 0) {
    throw new ConflictError(
      SOURCE_NOT_AVAILABLE,
      `The register does not hold the records a ${type} extract needs yet`,
      [{ field: 'type', message: `source tables missing: ${missing.join(', ')}` }],
    );
  }
}

/** Status on a date: the latest change effective on or before it (NULL before joining). */
const statusOn = (personId: string, onDate: string) => `(
  SELECT sc.status FROM person_status_change sc
   WHERE sc.person_id = ${personId} AND sc.effective_from <= ${onDate}
   ORDER BY sc.effective_from DESC LIMIT 1)`;

/** Period bounds as dates, computed in SQL from the two years ($1, $2). */
const PERIOD_START = `make_date($1::int, 1, 1)`;
const PERIOD_END_EXCLUSIVE = `make_date($2::int + 1, 1, 1)`;
/** The last day of the period, or today if the period has not ended. */
const PERIOD_AS_AT = `LEAST(make_date($2::int, 12, 31), CURRENT_DATE)`;

interface CaseQueryRow {
  year: number;
  person_type: PersonType;
  offence_category: OffenceCategory;
  status_at_offence: EmploymentStatus | null;
  status_now: EmploymentStatus;
  count: number;
}

interface DeclarationQueryRow {
  /** Comma-separated codes; NULL when the declaration names no associate or no reason. */
  relationships: string | null;
  reasons: string | null;
  count: number;
}

interface CountQueryRow {
  row_key: string;
  col_key: string;
  count: number;
}

export async function loadExtractSource(
  m: EntityManager,
  type: ExtractType,
  from: number,
  to: number,
  options: ExtractOptions,
): Promise<ExtractSource> {
  switch (type) {
    case 'CONVICTIONS':
      return cases(
        m,
        `SELECT EXTRACT(YEAR FROM c.convicted_on)::int AS year,
                p.person_type, c.offence_category,
                ${statusOn('c.person_id', 'c.offence_date')} AS status_at_offence,
                p.current_status AS status_now
           FROM criminal_case c JOIN person p ON p.id = c.person_id
          WHERE c.convicted_on >= ${PERIOD_START} AND c.convicted_on < ${PERIOD_END_EXCLUSIVE}`,
        [from, to],
      );
    case 'PENDING_CHARGES':
      // Charged or summonsed in the period and, at its end, still between charge and verdict.
      return cases(
        m,
        `SELECT EXTRACT(YEAR FROM c.offence_date)::int AS year,
                p.person_type, c.offence_category,
                ${statusOn('c.person_id', 'c.offence_date')} AS status_at_offence,
                p.current_status AS status_now
           FROM criminal_case c JOIN person p ON p.id = c.person_id
          WHERE c.charged_on >= ${PERIOD_START} AND c.charged_on < ${PERIOD_END_EXCLUSIVE}
            AND (SELECT st.stage FROM criminal_case_stage st
                  WHERE st.case_id = c.id AND st.stage_on <= ${PERIOD_AS_AT}
                  ORDER BY st.stage_on DESC, st.seq DESC LIMIT 1)
                IN ('CHARGED', 'SUMMONSED', 'AWAITING_TRIAL')`,
        [from, to],
      );
    case 'HIGH_RISK_DECLARATIONS':
      return counts(
        m,
        `${declarationsAtRisk}
         SELECT EXTRACT(YEAR FROM r.received_on)::int::text AS row_key, 'COUNT' AS col_key,
                count(*)::int AS count
           FROM at_risk r
          WHERE r.received_on >= ${PERIOD_START} AND r.received_on < ${PERIOD_END_EXCLUSIVE}
          GROUP BY 1`,
        [from, to, ['HIGH']],
      );
    case 'DECLARATION_NATURE': {
      // Per declaration, its associates' relationships (sorted, with repeats: "two friends" is
      // not "a friend") and distinct reasons; then one row per such pair with how many
      // declarations have it. The labels depend only on these multisets, never on their order.
      // Both come as comma-separated codes (the vocabularies have no commas): the driver's
      // array parsing costs far more memory per row than the rows themselves.
      // A declaration with no associate or no reason falls in a NULL group, dropped below: a
      // NULL test in SQL is pushed down and runs both subqueries for every declaration.
      const rows = await m.query<DeclarationQueryRow[]>(
        `${declarationsAtRisk}, natures AS (
           SELECT (SELECT string_agg(a.relationship::text, ',' ORDER BY a.relationship::text)
                     FROM declaration_associate a
                    WHERE a.declaration_id = r.live_id) AS relationships,
                  (SELECT string_agg(DISTINCT x, ',' ORDER BY x)
                     FROM declaration_associate a, unnest(a.reasons) x
                    WHERE a.declaration_id = r.live_id) AS reasons
             FROM at_risk r
            WHERE r.received_on >= ${PERIOD_START} AND r.received_on < ${PERIOD_END_EXCLUSIVE}
              AND r.live_id IS NOT NULL
         )
         SELECT relationships, reasons, count(*)::int AS count FROM natures GROUP BY 1, 2`,
        [from, to, options.riskLevels ?? ['HIGH']],
      );
      // Each distinct list is split once and shared by every row that has it.
      const lists = new Map<string, string[]>();
      const split = (codes: string): string[] => {
        let list = lists.get(codes);
        if (!list) {
          list = codes.split(',');
          lists.set(codes, list);
        }
        return list;
      };
      return {
        kind: 'declarations',
        rows: rows.flatMap(({ relationships, reasons, count }): DeclarationSourceRow[] =>
          relationships && reasons
            ? [
                {
                  relationships: split(relationships) as DeclarationSourceRow['relationships'],
                  reasons: split(reasons) as DeclarationSourceRow['reasons'],
                  count: Number(count),
                },
              ]
            : [],
        ),
      };
    }
    case 'CONDUCT_OUTCOMES': {
      const rowKey = options.byPersonType
        ? `EXTRACT(YEAR FROM cc.outcome_on)::int::text || ':' || cc.person_type_at_open`
        : `EXTRACT(YEAR FROM cc.outcome_on)::int::text`;
      return counts(
        m,
        `SELECT ${rowKey} AS row_key, cc.outcome AS col_key, count(*)::int AS count
           FROM conduct_case cc
          WHERE cc.outcome IS NOT NULL AND cc.status <> 'WITHDRAWN'
            AND cc.outcome_on >= ${PERIOD_START} AND cc.outcome_on < ${PERIOD_END_EXCLUSIVE}
          GROUP BY 1, 2`,
        [from, to],
      );
    }
    case 'BARRED_LIST_REFERRALS':
      return counts(
        m,
        `SELECT EXTRACT(YEAR FROM lr.trigger_on)::int::text || ':' || cc.person_type_at_open
                  AS row_key,
                COALESCE(${statusOn('lr.person_id', 'lr.trigger_on')}, p.current_status) AS col_key,
                count(*)::int AS count
           FROM list_report lr
           JOIN conduct_case cc ON cc.id = lr.conduct_case_id
           JOIN person p ON p.id = lr.person_id
          WHERE lr.list = ANY($3::text[])
            AND lr.trigger_on >= ${PERIOD_START} AND lr.trigger_on < ${PERIOD_END_EXCLUSIVE}
          GROUP BY 1, 2`,
        [from, to, options.lists ?? ['BARRED']],
      );
    case 'BIOMETRIC_COVERAGE':
      // Per year end (or today, for the current year): people of the given types in service
      // (serving, restricted duties or suspended) by which elimination records were held then.
      return counts(
        m,
        `WITH years AS (
           SELECT y, LEAST(make_date(y, 12, 31), CURRENT_DATE) AS as_at
             FROM generate_series($1::int, $2::int) AS y
         ), serving AS (
           SELECT y.y,
                  p.fingerprints_held_on IS NOT NULL AND p.fingerprints_held_on <= y.as_at AS fp,
                  p.dna_held_on IS NOT NULL AND p.dna_held_on <= y.as_at AS dna
             FROM years y CROSS JOIN person p
            WHERE p.person_type = ANY($3::text[])
              AND ${statusOn('p.id', 'y.as_at')} IN ('SERVING', 'RESTRICTED_DUTIES', 'SUSPENDED')
         )
         SELECT y::text AS row_key,
                CASE WHEN fp AND dna THEN 'BOTH' WHEN fp THEN 'FINGERPRINTS_ONLY'
                     WHEN dna THEN 'DNA_ONLY' ELSE 'NEITHER' END AS col_key,
                count(*)::int AS count
           FROM serving GROUP BY 1, 2`,
        [from, to, options.personTypes ?? ['POLICE_OFFICER']],
      );
  }
}

/**
 * Declarations (all versions of one declaration counted once, as received first) ever assessed
 * at one of the risk levels ($3), with the live version whose associates describe it now.
 * "Ever assessed" keeps a year's figure stable when a later review lowers the risk.
 */
const declarationsAtRisk = `
  WITH roots AS (
    SELECT d.root_id, min(d.received_on) AS received_on,
           (array_agg(d.id) FILTER (WHERE d.status <> 'SUPERSEDED'))[1] AS live_id
      FROM declaration d GROUP BY d.root_id
  ), risky AS (
    SELECT d.root_id FROM declaration d WHERE d.risk_level = ANY($3::text[])
    UNION
    SELECT d.root_id FROM declaration d
      JOIN declaration_assessment a ON a.declaration_id = d.id
     WHERE a.risk_level = ANY($3::text[])
  ), at_risk AS (
    SELECT roots.* FROM roots JOIN risky USING (root_id)
  )`;

/**
 * Row-level case extracts: `sql` gives one row per case; it is grouped here by every value
 * published, so one row comes back per distinct combination, with how many cases share it.
 */
async function cases(m: EntityManager, sql: string, params: unknown[]): Promise<ExtractSource> {
  const rows = await m.query<CaseQueryRow[]>(
    `SELECT c.year, c.person_type, c.offence_category, c.status_at_offence, c.status_now,
            count(*)::int AS count
       FROM (${sql}) AS c
      GROUP BY 1, 2, 3, 4, 5`,
    params,
  );
  return {
    kind: 'cases',
    rows: rows.map(
      (row): CaseSourceRow => ({
        year: Number(row.year),
        personType: row.person_type,
        offenceCategory: row.offence_category,
        statusAtOffence: row.status_at_offence,
        statusNow: row.status_now,
        count: Number(row.count),
      }),
    ),
  };
}

async function counts(m: EntityManager, sql: string, params: unknown[]): Promise<ExtractSource> {
  const rows = await m.query<CountQueryRow[]>(sql, params);
  return {
    kind: 'counts',
    rows: rows.map(
      (row): CountSourceRow => ({ row: row.row_key, col: row.col_key, count: Number(row.count) }),
    ),
  };
}
