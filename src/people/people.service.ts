import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError } from '../common/domain-error';
import { todayIso } from '../calendar/domain/dates';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Actor } from '../common/request-context';
import { JOBS, PeopleImportPayload, QUEUES } from '../jobs/job-names';
import { JobRegistry } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { leftOn, sortHistory, statusOn } from './domain/status-history';
import { parsePeopleCsv } from './domain/people-csv';
import {
  CreatePersonDto,
  ImportStatusDto,
  ListPeopleQuery,
  PersonDto,
  StatusChangeDto,
  StatusOnDto,
} from './dto/person.dto';
import { PersonStatusChange } from './person-status-change.entity';
import { Person } from './person.entity';

export function toPersonDto(p: Person, history?: PersonStatusChange[]): PersonDto {
  return {
    id: p.id,
    staffNumber: p.staffNumber,
    forenames: p.forenames,
    surname: p.surname,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    personType: p.personType,
    rank: p.rank,
    grade: p.grade,
    unit: p.unit,
    vettingLevel: p.vettingLevel,
    vettingExpiresOn: p.vettingExpiresOn,
    joinedOn: p.joinedOn,
    leftOn: p.leftOn,
    fingerprintsHeldOn: p.fingerprintsHeldOn,
    dnaHeldOn: p.dnaHeldOn,
    status: p.currentStatus,
    ...(history
      ? {
          statusHistory: sortHistory(history).map((h) => ({
            status: h.status,
            effectiveFrom: h.effectiveFrom,
          })),
        }
      : {}),
  };
}

const isCursor = (v: unknown): v is { s: string; i: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { s?: unknown }).s === 'string' &&
  typeof (v as { i?: unknown }).i === 'string';

interface ImportRow {
  id: string;
  status: string;
  total_rows: number | null;
  imported_rows: number;
  errors: Array<{ row: number; field: string; message: string }>;
  created_at: Date;
  finished_at: Date | null;
}

/** Listeners told when a person's employment status changes (conduct cases react to leavers). */
export type StatusChangeListener = (
  manager: EntityManager,
  change: { personId: string; status: string; effectiveFrom: string },
) => Promise<void>;

@Injectable()
export class PeopleService implements OnModuleInit {
  private readonly logger = new Logger(PeopleService.name);
  private readonly statusListeners: StatusChangeListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(JOBS.PEOPLE_IMPORT, (payload) =>
      this.runImport((payload as unknown as PeopleImportPayload).importId),
    );
  }

  onStatusChange(listener: StatusChangeListener): void {
    this.statusListeners.push(listener);
  }

  async create(dto: CreatePersonDto, _actor: Actor): Promise<PersonDto> {
    return this.dataSource.transaction(async (m) => {
      const person = await this.insertPerson(m, dto);
      await this.audit.record(m, {
        action: 'PERSON.CREATE',
        entityType: 'person',
        entityId: person.id,
      });
      return toPersonDto(
        person,
        await m.find(PersonStatusChange, { where: { personId: person.id } }),
      );
    });
  }

  /** Shared by the API, the CSV import and the demo seed. */
  async insertPerson(
    m: EntityManager,
    dto: CreatePersonDto,
    actorId: string | null = null,
  ): Promise<Person> {
    if (await m.exists(Person, { where: { staffNumber: dto.staffNumber } })) {
      throw new ConflictError(
        'PERSON.STAFF_NUMBER_TAKEN',
        'A person with this staff number exists',
        [{ field: 'staffNumber', message: 'already in the register' }],
      );
    }
    const since = dto.joinedOn ?? todayIso();
    const person = await m.save(
      m.create(Person, {
        staffNumber: dto.staffNumber,
        forenames: dto.forenames,
        surname: dto.surname,
        dateOfBirth: dto.dateOfBirth,
        gender: dto.gender,
        personType: dto.personType,
        rank: dto.rank ?? null,
        grade: dto.grade ?? null,
        unit: dto.unit,
        vettingLevel: dto.vettingLevel ?? null,
        vettingExpiresOn: dto.vettingExpiresOn ?? null,
        joinedOn: dto.joinedOn ?? null,
        fingerprintsHeldOn: dto.fingerprintsHeldOn ?? null,
        dnaHeldOn: dto.dnaHeldOn ?? null,
        currentStatus: 'SERVING',
      }),
    );
    await m.save(
      m.create(PersonStatusChange, {
        personId: person.id,
        status: 'SERVING',
        effectiveFrom: since,
        recordedBy: actorId,
      }),
    );
    return person;
  }

  async list(q: ListPeopleQuery): Promise<Page<PersonDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isCursor);
    const qb = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .orderBy('p.staff_number', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (q.personType) qb.andWhere('p.person_type = :t', { t: q.personType });
    if (q.status) qb.andWhere('p.current_status = :s', { s: q.status });
    if (q.staffNumber) qb.andWhere('p.staff_number = :n', { n: q.staffNumber });
    if (after) qb.andWhere('(p.staff_number, p.id) > (:s, :i)', { s: after.s, i: after.i });
    const rows = await qb.limit(limit + 1).getMany();
    const page = toPage(
      rows,
      limit,
      (p) => toPersonDto(p),
      (p) => ({ s: p.staffNumber, i: p.id }),
    );
    await this.audit.recordStandalone({
      action: 'PERSON.LIST',
      entityType: 'person',
      details: { ids: page.items.map((p) => p.id) },
    });
    return page;
  }

  async get(id: string): Promise<PersonDto> {
    return this.dataSource.transaction(async (m) => {
      const person = await m.findOne(Person, { where: { id } });
      if (!person) throw new NotFoundError('PERSON.NOT_FOUND', 'No such person');
      const history = await m.find(PersonStatusChange, { where: { personId: id } });
      await this.audit.record(m, { action: 'PERSON.READ', entityType: 'person', entityId: id });
      return toPersonDto(person, history);
    });
  }

  async statusOn(id: string, on: string): Promise<StatusOnDto> {
    return this.dataSource.transaction(async (m) => {
      if (!(await m.exists(Person, { where: { id } })))
        throw new NotFoundError('PERSON.NOT_FOUND', 'No such person');
      const history = await m.find(PersonStatusChange, { where: { personId: id } });
      await this.audit.record(m, {
        action: 'PERSON.STATUS_READ',
        entityType: 'person',
        entityId: id,
        details: { on },
      });
      return { personId: id, on, status: statusOn(history, on) };
    });
  }

  async addStatusChange(id: string, dto: StatusChangeDto, actor: Actor): Promise<PersonDto> {
    return this.dataSource.transaction(async (m) => {
      const person = await m.findOne(Person, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!person) throw new NotFoundError('PERSON.NOT_FOUND', 'No such person');
      const history = await m.find(PersonStatusChange, { where: { personId: id } });
      if (history.some((h) => h.effectiveFrom === dto.effectiveFrom)) {
        throw new ConflictError(
          'PERSON.STATUS_DATE_TAKEN',
          'A status change is already recorded for that date',
          [{ field: 'effectiveFrom', message: 'already has a status change' }],
        );
      }
      if (person.dateOfBirth >= dto.effectiveFrom) {
        throw new ValidationError(
          'VALIDATION_FAILED',
          'A status cannot start before the person was born',
          [{ field: 'effectiveFrom', message: 'must be after the date of birth' }],
        );
      }
      const change = await m.save(
        m.create(PersonStatusChange, {
          personId: id,
          status: dto.status,
          effectiveFrom: dto.effectiveFrom,
          recordedBy: actor.id,
        }),
      );
      history.push(change);
      person.currentStatus = statusOn(history, todayIso()) ?? sortHistory(history)[0].status;
      person.leftOn = leftOn(history);
      await m.save(person);
      for (const listener of this.statusListeners) {
        await listener(m, { personId: id, status: dto.status, effectiveFrom: dto.effectiveFrom });
      }
      await this.audit.record(m, {
        action: 'PERSON.STATUS_CHANGE',
        entityType: 'person',
        entityId: id,
        details: { status: dto.status, effectiveFrom: dto.effectiveFrom },
      });
      return toPersonDto(person, history);
    });
  }

  async startImport(csv: string, actor: Actor): Promise<{ id: string; status: string }> {
    if (!csv.trim()) {
      throw new ValidationError('IMPORT.EMPTY_FILE', 'The CSV file is empty', [
        { field: 'body', message: 'empty' },
      ]);
    }
    const id = await this.dataSource.transaction(async (m) => {
      const rows = await m.query<Array<{ id: string }>>(
        `INSERT INTO people_import (status, created_by, csv) VALUES ('QUEUED', $1, $2) RETURNING id`,
        [actor.id, csv],
      );
      const importId = rows[0].id;
      await this.jobs.enqueue(m, QUEUES.DEFAULT, JOBS.PEOPLE_IMPORT, { importId });
      await this.audit.record(m, {
        action: 'PERSON.IMPORT_STARTED',
        entityType: 'people_import',
        entityId: importId,
        details: { bytes: Buffer.byteLength(csv) },
      });
      return importId;
    });
    this.jobs.wake();
    return { id, status: 'QUEUED' };
  }

  async importStatus(id: string): Promise<ImportStatusDto> {
    const rows = await this.dataSource.query<ImportRow[]>(
      `SELECT id, status, total_rows, imported_rows, errors, created_at, finished_at FROM people_import WHERE id = $1`,
      [id],
    );
    if (!rows.length) throw new NotFoundError('IMPORT.NOT_FOUND', 'No such import');
    const r = rows[0];
    return {
      id: r.id,
      status: r.status,
      totalRows: r.total_rows,
      importedRows: r.imported_rows,
      errors: r.errors,
      createdAt: r.created_at.toISOString(),
      finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    };
  }

  /**
   * The import job: validates every row first; any error fails the whole file with row-level
   * errors and imports nothing. Otherwise all rows go in one transaction. Idempotent: a retried
   * job finds the import finished and does nothing.
   */
  async runImport(importId: string): Promise<void> {
    const claimed = await this.dataSource.query<
      [Array<{ csv: string; created_by: string | null }>, number]
    >(
      `UPDATE people_import SET status = 'RUNNING' WHERE id = $1 AND status IN ('QUEUED','RUNNING') RETURNING csv, created_by`,
      [importId],
    );
    const row = claimed[0]?.[0];
    if (!row) return;
    const parsed = parsePeopleCsv(row.csv);
    if (parsed.errors.length === 0) {
      const staffNumbers = parsed.rows.map((r) => r.dto.staffNumber);
      const existing = await this.dataSource.query<Array<{ staff_number: string }>>(
        `SELECT staff_number FROM person WHERE staff_number = ANY($1)`,
        [staffNumbers],
      );
      const taken = new Set(existing.map((e) => e.staff_number));
      for (const r of parsed.rows) {
        if (taken.has(r.dto.staffNumber)) {
          parsed.errors.push({
            row: r.line,
            field: 'staffNumber',
            message: 'already in the register',
          });
        }
      }
    }
    await this.dataSource.transaction(async (m) => {
      if (parsed.errors.length) {
        await m.query(
          `UPDATE people_import SET status = 'FAILED', total_rows = $2, errors = $3, finished_at = now() WHERE id = $1`,
          [
            importId,
            parsed.rows.length + parsed.invalidRows,
            JSON.stringify(parsed.errors.slice(0, 1000)),
          ],
        );
      } else {
        for (const r of parsed.rows) await this.insertPerson(m, r.dto, row.created_by);
        await m.query(
          `UPDATE people_import SET status = 'COMPLETED', total_rows = $2, imported_rows = $2, finished_at = now() WHERE id = $1`,
          [importId, parsed.rows.length],
        );
      }
      await this.audit.record(m, {
        action: parsed.errors.length ? 'PERSON.IMPORT_FAILED' : 'PERSON.IMPORT_COMPLETED',
        entityType: 'people_import',
        entityId: importId,
        actor: null,
        details: { rows: parsed.rows.length, errors: parsed.errors.length },
      });
    });
    this.logger.log(
      `Import ${importId}: ${parsed.rows.length} rows, ${parsed.errors.length} errors`,
    );
  }
}
