import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { assertNotOwnCase } from '../auth/domain/separation-of-duties';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { todayIso } from '../calendar/domain/dates';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Actor } from '../common/request-context';
import { FieldCipher } from '../crypto/field-cipher';
import { StatusEntry, statusOn } from '../people/domain/status-history';
import { DeclarationsService } from '../declarations/declarations.service';
import { PeopleService } from '../people/people.service';
import {
  loadHistories,
  loadPerson,
  nextReference,
  readConductState,
  writableConductState,
} from './case-support';
import { ConductCaseEvent } from './conduct-case-event.entity';
import { ConductCase } from './conduct-case.entity';
import { toConductEvent } from './conduct-event-input';
import { CriminalCase } from './criminal-case.entity';
import {
  allowedConductEvents,
  applyConductEvent,
  ConductCaseState,
  ConductEvent,
  ConductContext,
  openConductCase,
  TERMINAL_CONDUCT_STATUSES,
} from './domain/conduct-case';
import { standingConviction } from './domain/criminal-case';
import { displayStatus, overrunReportsDue, procedureFor, Warning } from './domain/rules';
import { CaseOrigin, WARNING_TYPES, WarningType } from './domain/vocabulary';
import {
  ConductCaseDto,
  ConductEventDto,
  CreateConductCaseDto,
  ListConductCasesQuery,
} from './dto/conduct-case.dto';
import { ListReport } from './list-report.entity';
import { ListReportChanges, ListReportsService, toListReportDto } from './list-reports.service';

const isCursor = (v: unknown): v is { r: string } =>
  typeof v === 'object' && v !== null && typeof (v as { r?: unknown }).r === 'string';

export interface OpenConductCaseInput {
  personId: string;
  cameToAttentionOn: string;
  origin: CaseOrigin;
  criminalCaseId?: string | null;
  declarationId?: string | null;
}

/** The next overrun report while an investigation is open (reg 19: from came-to-attention). */
export function nextOverrunReportOn(c: ConductCase, today: string): string | null {
  if (c.investigationStartedOn === null || c.investigationEndedOn !== null) return null;
  return overrunReportsDue(c.cameToAttentionOn, today).next;
}

/**
 * Conduct cases: each event is judged by the domain (conduct-case.ts) against the facts of its
 * day (the person's status and type, the linked criminal case, earlier warnings), then list
 * reports are brought in line in the same transaction.
 */
@Injectable()
export class ConductCasesService implements OnModuleInit {
  private readonly logger = new Logger(ConductCasesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly people: PeopleService,
    private readonly listReports: ListReportsService,
    private readonly declarations: DeclarationsService,
  ) {}

  onModuleInit(): void {
    // Resigning or retiring with a live allegation calls for an advisory-list report.
    this.people.onStatusChange((m, change) => this.onPersonStatusChange(m, change.personId));
    // A REFER_PSD assessment opens a conduct case, in the assessment's transaction.
    this.declarations.onAssessed(async (m, e) => {
      if (e.outcome === 'REFER_PSD') await this.openFromDeclaration(m, e);
    });
  }

  async create(dto: CreateConductCaseDto, actor: Actor): Promise<ConductCaseDto> {
    assertNotOwnCase(actor, dto.personId);
    return this.dataSource.transaction(async (m) => {
      const { history } = await loadPerson(m, dto.personId);
      if (dto.criminalCaseId) {
        const cc = await m.findOne(CriminalCase, { where: { id: dto.criminalCaseId } });
        if (!cc) throw new NotFoundError('CRIMINAL_CASE.NOT_FOUND', 'No such criminal case');
        if (cc.personId !== dto.personId) {
          throw new ConflictError(
            'CONDUCT_CASE.CRIMINAL_CASE_OTHER_PERSON',
            'The criminal case is about someone else',
            [{ field: 'criminalCaseId', message: 'must be about the same person' }],
          );
        }
      }
      if (dto.declarationId) {
        const found = await m.query<unknown[]>(
          `SELECT 1 FROM declaration WHERE id = $1 AND declarant_person_id = $2`,
          [dto.declarationId, dto.personId],
        );
        if (!found.length) {
          throw new NotFoundError('DECLARATION.NOT_FOUND', 'No such declaration by this person');
        }
        if (await m.exists(ConductCase, { where: { declarationId: dto.declarationId } })) {
          throw new ConflictError(
            'CONDUCT_CASE.DECLARATION_ALREADY_REFERRED',
            'A conduct case is already open for this declaration',
            [{ field: 'declarationId', message: 'already has a conduct case' }],
          );
        }
      }
      const { c, changes } = await this.open(m, dto, history, actor.id);
      await this.audit.record(m, {
        action: 'CONDUCT_CASE.CREATE',
        entityType: 'conduct_case',
        entityId: c.id,
        details: {
          personId: c.personId,
          reference: c.reference,
          origin: c.origin,
          criminalCaseId: c.criminalCaseId,
          declarationId: c.declarationId,
          ...this.changeDetails(changes),
        },
      });
      return this.toDto(m, c, history);
    });
  }

  /**
   * Opens a case in the caller's transaction (the API, a declaration referral, the demo seed).
   * A person who already left while the allegation was live gets their advisory report now.
   */
  async open(
    m: EntityManager,
    input: OpenConductCaseInput,
    history: readonly StatusEntry[],
    createdBy: string | null,
  ): Promise<{ c: ConductCase; changes: ListReportChanges }> {
    const { person } = await loadPerson(m, input.personId);
    const state = openConductCase(input.cameToAttentionOn);
    const c = await m.save(
      m.create(ConductCase, {
        reference: await nextReference(m, 'MC', 'conduct_case_ref_seq'),
        personId: input.personId,
        cameToAttentionOn: input.cameToAttentionOn,
        origin: input.origin,
        criminalCaseId: input.criminalCaseId ?? null,
        declarationId: input.declarationId ?? null,
        personTypeAtOpen: person.personType,
        createdBy,
        ...this.columnsFrom(state),
      }),
    );
    const changes = await this.listReports.sync(m, c, history);
    return { c, changes };
  }

  async list(q: ListConductCasesQuery, actor: Actor): Promise<Page<ConductCaseDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isCursor);
    return this.dataSource.transaction(async (m) => {
      const qb = m
        .getRepository(ConductCase)
        .createQueryBuilder('c')
        .orderBy('c.reference', 'DESC');
      if (actor.personId) qb.andWhere('c.person_id <> :me', { me: actor.personId });
      if (q.personId) qb.andWhere('c.person_id = :p', { p: q.personId });
      if (q.status) qb.andWhere('c.status = :s', { s: q.status });
      if (q.criminalCaseId) qb.andWhere('c.criminal_case_id = :cc', { cc: q.criminalCaseId });
      if (after) qb.andWhere('c.reference < :r', { r: after.r });
      const rows = await qb.limit(limit + 1).getMany();
      const histories = await loadHistories(
        m,
        rows.map((r) => r.personId),
      );
      const pending = await this.pendingCriminalCases(m, rows);
      const page = toPage(
        rows,
        limit,
        (c) => this.toView(c, histories.get(c.personId) ?? [], pending.has(c.criminalCaseId ?? '')),
        (c) => ({ r: c.reference }),
      );
      await this.audit.record(m, {
        action: 'CONDUCT_CASE.LIST',
        entityType: 'conduct_case',
        details: { ids: page.items.map((c) => c.id) },
      });
      return page;
    });
  }

  async get(id: string, actor: Actor): Promise<ConductCaseDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.find(m, id, actor);
      const { history } = await loadPerson(m, c.personId);
      await this.audit.record(m, {
        action: 'CONDUCT_CASE.READ',
        entityType: 'conduct_case',
        entityId: id,
      });
      return this.toDto(m, c, history);
    });
  }

  async addEvent(id: string, dto: ConductEventDto, actor: Actor): Promise<ConductCaseDto> {
    const event = toConductEvent(dto);
    return this.dataSource.transaction(async (m) => {
      const c = await this.find(m, id, actor, true);
      const { eventId, changes, history } = await this.applyEvent(m, c, event, actor.id);
      await this.audit.record(m, {
        action: 'CONDUCT_CASE.EVENT',
        entityType: 'conduct_case',
        entityId: id,
        details: {
          eventId,
          type: event.type,
          on: event.on,
          status: c.status,
          ...this.changeDetails(changes),
        },
      });
      return this.toDto(m, c, history);
    });
  }

  /**
   * Judges one event against the facts of its day, records it, updates the (locked) case and
   * its list reports, in the caller's transaction (the API and the demo seed). No audit.
   */
  async applyEvent(
    m: EntityManager,
    c: ConductCase,
    event: ConductEvent,
    recordedBy: string | null,
  ): Promise<{ eventId: string; changes: ListReportChanges; history: StatusEntry[] }> {
    const current = writableConductState(c);
    const { person, history } = await loadPerson(m, c.personId);
    const criminal = c.criminalCaseId
      ? await m.findOneOrFail(CriminalCase, { where: { id: c.criminalCaseId } })
      : null;
    const conviction =
      criminal && criminal.convictedOn !== null && criminal.convictedOn <= event.on
        ? standingConviction(criminal, criminal.indictableOnly)
        : undefined;
    const ctx: ConductContext = {
      linkedCriminalCasePending: criminal?.pending ?? false,
      personType: person.personType,
      // Before the first recorded status the person was joining: treat as serving.
      personStatusOnEventDate: statusOn(history, event.on) ?? 'SERVING',
      liveWarnings: await this.warningsOf(m, c),
      linkedConviction: conviction,
    };
    const next: ConductCaseState = {
      ...applyConductEvent(current, event, ctx),
      // The reason is kept encrypted on the event, not in the case's state.
      withdrawnReason: null,
    };
    const payload: Record<string, string> = {};
    for (const [k, v] of Object.entries(event as unknown as Record<string, string>)) {
      if (k !== 'type' && k !== 'on') payload[k] = k === 'reason' ? this.cipher.encrypt(v) : v;
    }
    const seq = (await m.count(ConductCaseEvent, { where: { caseId: c.id } })) + 1;
    const saved = await m.save(
      m.create(ConductCaseEvent, {
        caseId: c.id,
        seq,
        type: event.type,
        on: event.on,
        payload,
        recordedBy,
      }),
    );
    Object.assign(c, this.columnsFrom(next));
    await m.save(c);
    const changes = await this.listReports.sync(m, c, history);
    return { eventId: saved.id, changes, history };
  }

  /**
   * Runs inside the people register's status-change transaction: every case of the person is
   * re-checked for list reports (an advisory report when they resigned or retired while an
   * allegation was live). Cases whose allegation closed long ago are untouched.
   */
  async onPersonStatusChange(m: EntityManager, personId: string): Promise<void> {
    const cases = await m.find(ConductCase, { where: { personId } });
    if (!cases.length) return;
    const { history } = await loadPerson(m, personId);
    for (const c of cases) {
      const changes = await this.listReports.sync(m, c, history);
      if (changes.created.length || changes.statusChanged.length) {
        await this.audit.record(m, {
          action: 'LIST_REPORT.TRIGGERED',
          entityType: 'conduct_case',
          entityId: c.id,
          details: { cause: 'PERSON_STATUS_CHANGE', ...this.changeDetails(changes) },
        });
      }
    }
  }

  /** Opens a case for a declaration referred to PSD, once (a repeated referral is a no-op). */
  async openFromDeclaration(
    m: EntityManager,
    referral: { declarationId: string; declarantPersonId: string; assessedOn: string },
  ): Promise<ConductCase | null> {
    if (await m.exists(ConductCase, { where: { declarationId: referral.declarationId } })) {
      return null;
    }
    const { history } = await loadPerson(m, referral.declarantPersonId);
    const { c, changes } = await this.open(
      m,
      {
        personId: referral.declarantPersonId,
        cameToAttentionOn: referral.assessedOn,
        origin: 'DECLARATION_REFERRAL',
        declarationId: referral.declarationId,
      },
      history,
      null,
    );
    await this.audit.record(m, {
      action: 'CONDUCT_CASE.CREATE',
      entityType: 'conduct_case',
      entityId: c.id,
      details: {
        personId: c.personId,
        reference: c.reference,
        origin: c.origin,
        declarationId: c.declarationId,
        ...this.changeDetails(changes),
      },
    });
    this.logger.log(`Conduct case ${c.id} opened from declaration ${referral.declarationId}`);
    return c;
  }

  async find(m: EntityManager, id: string, actor: Actor, lock = false): Promise<ConductCase> {
    const c = await m.findOne(ConductCase, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!c) throw new NotFoundError('CONDUCT_CASE.NOT_FOUND', 'No such conduct case');
    assertNotOwnCase(actor, c.personId);
    return c;
  }

  /**
   * Warnings from the person's other cases (their final outcomes), each given on its outcome
   * date. The domain keeps those live at this case's first severity assessment.
   */
  private async warningsOf(m: EntityManager, c: ConductCase): Promise<Warning[]> {
    const rows = await m.find(ConductCase, {
      where: { personId: c.personId, outcome: In([...WARNING_TYPES]) },
      select: { id: true, outcome: true, outcomeOn: true },
    });
    return rows
      .filter((r) => r.id !== c.id && r.outcomeOn !== null)
      .map((r) => ({ type: r.outcome as WarningType, givenOn: r.outcomeOn as string }));
  }

  private async pendingCriminalCases(m: EntityManager, rows: ConductCase[]): Promise<Set<string>> {
    const ids = [...new Set(rows.map((r) => r.criminalCaseId).filter((x): x is string => !!x))];
    if (!ids.length) return new Set();
    const pending = await m.find(CriminalCase, {
      where: { id: In(ids), pending: true },
      select: { id: true },
    });
    return new Set(pending.map((p) => p.id));
  }

  private columnsFrom(state: ConductCaseState): Partial<ConductCase> {
    return {
      state,
      status: state.status,
      severity: state.severity,
      proceedingsForm: state.proceedingsForm,
      finding: state.finding,
      forumOutcome: state.outcome,
      outcome: state.finalOutcome,
      outcomeOn: state.finalOutcomeOn,
      severityAssessedOn: state.severityAssessedOn,
      investigationStartedOn: state.investigationStartedOn,
      investigationEndedOn: state.investigationEndedOn,
      allegationClosedOn: state.allegationClosedOn,
      lastEventOn: state.lastEventOn,
    };
  }

  private changeDetails(changes: ListReportChanges): Record<string, unknown> {
    return changes.created.length || changes.statusChanged.length
      ? { listReportsCreated: changes.created, listReportsChanged: changes.statusChanged }
      : {};
  }

  /** The single-case view: the case, its events and its list reports. */
  private async toDto(
    m: EntityManager,
    c: ConductCase,
    history: readonly StatusEntry[],
  ): Promise<ConductCaseDto> {
    const pending = c.criminalCaseId
      ? await m.exists(CriminalCase, { where: { id: c.criminalCaseId, pending: true } })
      : false;
    const view = this.toView(c, history, pending);
    const events = await m.find(ConductCaseEvent, {
      where: { caseId: c.id },
      order: { seq: 'ASC' },
    });
    const reports = await m.find(ListReport, {
      where: { conductCaseId: c.id },
      order: { triggerOn: 'ASC' },
    });
    const today = todayIso();
    return {
      ...view,
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        on: e.on,
        fields: Object.fromEntries(
          Object.entries(e.payload).map(([k, v]) => [
            k,
            k === 'reason' ? this.cipher.decrypt(v) : v,
          ]),
        ),
        recordedAt: e.recordedAt.toISOString(),
      })),
      listReports: reports.map((r) => toListReportDto(r, c.reference, today)),
    };
  }

  private toView(
    c: ConductCase,
    history: readonly StatusEntry[],
    pending: boolean,
  ): ConductCaseDto {
    const { state: s, intact } = readConductState(c);
    if (!intact) {
      this.logger.warn(`Conduct case ${c.id}: stored state unreadable; shown from its columns`);
    }
    const today = todayIso();
    const shown = displayStatus(s, pending);
    return {
      id: c.id,
      reference: c.reference,
      personId: c.personId,
      cameToAttentionOn: c.cameToAttentionOn,
      origin: c.origin,
      criminalCaseId: c.criminalCaseId,
      declarationId: c.declarationId,
      status: shown,
      stage: s.status,
      pausedSubJudice: shown === 'PAUSED_SUB_JUDICE',
      procedure: procedureFor(c.personTypeAtOpen),
      personTypeAtOpen: c.personTypeAtOpen,
      severity: s.severity,
      severityAssessedOn: s.severityAssessedOn,
      investigationForm: s.investigationForm,
      investigationStartedOn: s.investigationStartedOn,
      caseToAnswer: s.caseToAnswer,
      proceedingsForm: s.proceedingsForm,
      finding: s.finding,
      outcome: s.finalOutcome,
      outcomeOn: s.finalOutcomeOn,
      forumOutcome: s.outcome,
      appealResult: s.appealResult,
      allegationLive: s.allegationClosedOn === null,
      statusAtOffence: statusOn(history, c.cameToAttentionOn),
      statusNow: statusOn(history, today),
      // No event can be recorded against a rebuilt state (CONDUCT_CASE.STATE_UNREADABLE).
      allowedEvents:
        !intact || TERMINAL_CONDUCT_STATUSES.includes(s.status)
          ? []
          : allowedConductEvents(s.status),
      nextOverrunReportOn: nextOverrunReportOn(c, today),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
