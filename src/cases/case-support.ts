import { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../common/domain-error';
import { Actor } from '../common/request-context';
import { StatusEntry } from '../people/domain/status-history';
import { PersonStatusChange } from '../people/person-status-change.entity';
import { Person } from '../people/person.entity';

export const CASE_SELF = 'CASE.SELF';

/** Separation of duties: nobody works on, or reads, a case about themselves. */
export function assertNotSelf(actor: Actor | null, personId: string): void {
  if (actor?.personId && actor.personId === personId) {
    throw new ForbiddenError(CASE_SELF, 'You may not work on a case about yourself', [
      { field: 'personId', message: 'the case is about you' },
    ]);
  }
}

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
