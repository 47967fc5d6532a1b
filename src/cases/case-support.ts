import { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { StatusEntry } from '../people/domain/status-history';
import { PersonStatusChange } from '../people/person-status-change.entity';
import { Person } from '../people/person.entity';
import { ConductCase } from './conduct-case.entity';
import { ConductCaseState, openConductCase } from './domain/conduct-case';
import { CONDUCT_CASE_ERRORS } from './domain/error-codes';
import { CONDUCT_STATUSES } from './domain/vocabulary';

export interface PersonFacts {
  person: Person;
  history: StatusEntry[];
}

export async function loadPerson(m: EntityManager, personId: string): Promise<PersonFacts> {
  const person = await m.findOne(Person, { where: { id: personId } });
  if (!person) throw new NotFoundError('PERSON.NOT_FOUND', 'No such person');
  return { person, history: await m.find(PersonStatusChange, { where: { personId } }) };
}

/** Status histories of several people in one query. */
export async function loadHistories(
  m: EntityManager,
  personIds: string[],
): Promise<Map<string, StatusEntry[]>> {
  const out = new Map<string, StatusEntry[]>();
  if (personIds.length === 0) return out;
  const rows = await m
    .getRepository(PersonStatusChange)
    .createQueryBuilder('h')
    .where('h.person_id IN (:...ids)', { ids: [...new Set(personIds)] })
    .getMany();
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ status: r.status, effectiveFrom: r.effectiveFrom });
    out.set(r.personId, list);
  }
  return out;
}

/** `CC-2026-000001`: prefix, the year (UTC) and a sequence that runs on across years. */
export async function nextReference(
  m: EntityManager,
  prefix: 'CC' | 'MC',
  sequence: 'criminal_case_ref_seq' | 'conduct_case_ref_seq',
): Promise<string> {
  const [row] = await m.query<Array<{ ref: string }>>(
    `SELECT $1 || '-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' ||
            lpad(nextval('${sequence}')::text, 6, '0') AS ref`,
    [prefix],
  );
  return row.ref;
}

const STATE_KEYS = Object.keys(openConductCase('2000-01-01')) as Array<keyof ConductCaseState>;

/** The stored jsonb has every field of a ConductCaseState, each a string or null. */
function isConductCaseState(value: unknown): value is ConductCaseState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    STATE_KEYS.every((k) => k in v && (v[k] === null || typeof v[k] === 'string')) &&
    (CONDUCT_STATUSES as readonly unknown[]).includes(v.status)
  );
}

export interface ReadConductState {
  state: ConductCaseState;
  /** False when `state` was rebuilt from the columns because the stored one is unreadable. */
  intact: boolean;
}

/**
 * A case's state for reading. The jsonb is the source of truth, but one that is not a
 * ConductCaseState (edited by hand, or written by other code) must not fail every list that
 * includes the case, so the state is then rebuilt from the columns that copy it (status,
 * severity, form, finding, outcomes and their dates, constrained by the schema). Fields with no
 * column read null: investigation form, case to answer, referral and appeal.
 */
export function readConductState(c: ConductCase): ReadConductState {
  if (isConductCaseState(c.state)) return { state: c.state, intact: true };
  return {
    intact: false,
    state: {
      ...openConductCase(c.cameToAttentionOn),
      status: c.status,
      lastEventOn: c.lastEventOn,
      severity: c.severity,
      severityAssessedOn: c.severityAssessedOn,
      investigationStartedOn: c.investigationStartedOn,
      investigationEndedOn: c.investigationEndedOn,
      proceedingsForm: c.proceedingsForm,
      finding: c.finding,
      outcome: c.forumOutcome,
      finalOutcome: c.outcome,
      finalOutcomeOn: c.outcomeOn,
      allegationClosedOn: c.allegationClosedOn,
    },
  };
}

/** The state to apply an event to: a rebuilt one would lose fields, so it is refused (409). */
export function writableConductState(c: ConductCase): ConductCaseState {
  const { state, intact } = readConductState(c);
  if (!intact) {
    throw new ConflictError(
      CONDUCT_CASE_ERRORS.STATE_UNREADABLE,
      'The stored state of this case cannot be read, so no event can be recorded until it is repaired',
      [{ field: 'id', message: 'stored state is not readable' }],
    );
  }
  return state;
}
