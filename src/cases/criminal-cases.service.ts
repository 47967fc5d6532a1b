import { Injectable } from '@nestjs/common';
import { assertNotOwnCase } from '../auth/domain/separation-of-duties';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/domain-error';
import { todayIso } from '../calendar/domain/dates';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Actor } from '../common/request-context';
import { FieldCipher } from '../crypto/field-cipher';
import { StatusEntry, statusOn } from '../people/domain/status-history';
import { loadHistories, loadPerson, nextReference } from './case-support';
import { CriminalCaseStage } from './criminal-case-stage.entity';
import { CriminalCase } from './criminal-case.entity';
import {
  appendCriminalStage,
  nextCriminalStages,
  summariseCriminalCase,
} from './domain/criminal-case';
import {
  AddStageDto,
  CreateCriminalCaseDto,
  CriminalCaseDto,
  ListCriminalCasesQuery,
} from './dto/criminal-case.dto';

const isCursor = (v: unknown): v is { r: string } =>
  typeof v === 'object' && v !== null && typeof (v as { r?: unknown }).r === 'string';

/** Criminal cases: the stage history is checked by the domain and summarised onto the case. */
@Injectable()
export class CriminalCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async create(dto: CreateCriminalCaseDto, actor: Actor): Promise<CriminalCaseDto> {
    assertNotOwnCase(actor, dto.personId);
    return this.dataSource.transaction(async (m) => {
      const { history } = await loadPerson(m, dto.personId);
      const c = await this.insert(m, dto, actor.id);
      await this.audit.record(m, {
        action: 'CRIMINAL_CASE.CREATE',
        entityType: 'criminal_case',
        entityId: c.id,
        details: { personId: c.personId, reference: c.reference },
      });
      return this.toDto(c, history, []);
    });
  }

  /** Shared by the API and the demo seed. */
  async insert(
    m: EntityManager,
    dto: CreateCriminalCaseDto,
    createdBy: string | null,
  ): Promise<CriminalCase> {
    return m.save(
      m.create(CriminalCase, {
        reference: await nextReference(m, 'CC', 'criminal_case_ref_seq'),
        personId: dto.personId,
        offenceCategory: dto.offenceCategory,
        offenceDescription: this.cipher.encrypt(dto.offenceDescription),
        offenceDate: dto.offenceDate,
        indictableOnly: dto.indictableOnly ?? false,
        currentStage: null,
        pending: false,
        concluded: false,
        chargedOn: null,
        convictedOn: null,
        sentencedOn: null,
        lastStageOn: null,
        createdBy,
      }),
    );
  }

  async list(q: ListCriminalCasesQuery, actor: Actor): Promise<Page<CriminalCaseDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isCursor);
    return this.dataSource.transaction(async (m) => {
      const qb = m
        .getRepository(CriminalCase)
        .createQueryBuilder('c')
        .orderBy('c.reference', 'DESC');
      if (actor.personId) qb.andWhere('c.person_id <> :me', { me: actor.personId });
      if (q.personId) qb.andWhere('c.person_id = :p', { p: q.personId });
      if (q.pending !== undefined) qb.andWhere('c.pending = :pending', { pending: q.pending });
      if (q.stage) qb.andWhere('c.current_stage = :s', { s: q.stage });
      if (after) qb.andWhere('c.reference < :r', { r: after.r });
      const rows = await qb.limit(limit + 1).getMany();
      const histories = await loadHistories(
        m,
        rows.map((r) => r.personId),
      );
      const page = toPage(
        rows,
        limit,
        (c) => this.toDto(c, histories.get(c.personId) ?? []),
        (c) => ({ r: c.reference }),
      );
      await this.audit.record(m, {
        action: 'CRIMINAL_CASE.LIST',
        entityType: 'criminal_case',
        details: { ids: page.items.map((c) => c.id) },
      });
      return page;
    });
  }

  async get(id: string, actor: Actor): Promise<CriminalCaseDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.find(m, id, actor);
      const { history } = await loadPerson(m, c.personId);
      const stages = await m.find(CriminalCaseStage, {
        where: { caseId: id },
        order: { seq: 'ASC' },
      });
      await this.audit.record(m, {
        action: 'CRIMINAL_CASE.READ',
        entityType: 'criminal_case',
        entityId: id,
      });
      return this.toDto(c, history, stages);
    });
  }

  async addStage(id: string, dto: AddStageDto, actor: Actor): Promise<CriminalCaseDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.find(m, id, actor, true);
      const { saved, stages } = await this.appendStage(m, c, dto, actor.id);
      const { history } = await loadPerson(m, c.personId);
      await this.audit.record(m, {
        action: 'CRIMINAL_CASE.STAGE_ADDED',
        entityType: 'criminal_case',
        entityId: id,
        details: { stage: dto.stage, on: dto.on, stageId: saved.id },
      });
      return this.toDto(c, history, stages);
    });
  }

  /** Checks and records the next stage on a locked case, in the caller's transaction. No audit. */
  async appendStage(
    m: EntityManager,
    c: CriminalCase,
    dto: AddStageDto,
    recordedBy: string | null,
  ): Promise<{ saved: CriminalCaseStage; stages: CriminalCaseStage[] }> {
    const stages = await m.find(CriminalCaseStage, {
      where: { caseId: c.id },
      order: { seq: 'ASC' },
    });
    const history = appendCriminalStage(stages, { stage: dto.stage, on: dto.on }, c.offenceDate);
    const summary = summariseCriminalCase(history, c.offenceDate);
    const saved = await m.save(
      m.create(CriminalCaseStage, {
        caseId: c.id,
        seq: stages.length + 1,
        stage: dto.stage,
        on: dto.on,
        details: this.cipher.encryptNullable(dto.details),
        recordedBy,
      }),
    );
    Object.assign(c, {
      currentStage: summary.currentStage,
      pending: summary.pending,
      concluded: summary.concluded,
      chargedOn: summary.chargedOn,
      convictedOn: summary.convictedOn,
      sentencedOn: summary.sentencedOn,
      lastStageOn: dto.on,
    });
    await m.save(c);
    return { saved, stages: [...stages, saved] };
  }

  /** Loads a case the caller may work on: missing → 404, about the caller → 403. */
  async find(m: EntityManager, id: string, actor: Actor, lock = false): Promise<CriminalCase> {
    const c = await m.findOne(CriminalCase, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!c) throw new NotFoundError('CRIMINAL_CASE.NOT_FOUND', 'No such criminal case');
    assertNotOwnCase(actor, c.personId);
    return c;
  }

  /** `stages` given: the single-case view, with the private description and stage details. */
  private toDto(
    c: CriminalCase,
    history: readonly StatusEntry[],
    stages?: CriminalCaseStage[],
  ): CriminalCaseDto {
    return {
      id: c.id,
      reference: c.reference,
      personId: c.personId,
      offenceCategory: c.offenceCategory,
      ...(stages ? { offenceDescription: this.cipher.decrypt(c.offenceDescription) } : {}),
      offenceDate: c.offenceDate,
      indictableOnly: c.indictableOnly,
      currentStage: c.currentStage,
      pending: c.pending,
      concluded: c.concluded,
      chargedOn: c.chargedOn,
      convictedOn: c.convictedOn,
      sentencedOn: c.sentencedOn,
      statusAtOffence: statusOn(history, c.offenceDate),
      statusNow: statusOn(history, todayIso()),
      ...(stages
        ? {
            stages: stages.map((s) => ({
              stage: s.stage,
              on: s.on,
              details: this.cipher.decryptNullable(s.details),
            })),
          }
        : {}),
      nextStages: [...nextCriminalStages(c.currentStage)],
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
