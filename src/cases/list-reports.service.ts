import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { assertNotOwnCase } from '../auth/domain/separation-of-duties';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { WorkingDayCalendar } from '../calendar/domain/working-days';
import { NotFoundError, ValidationError } from '../common/domain-error';
import { todayIso } from '../calendar/domain/dates';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Actor } from '../common/request-context';
import { StatusEntry } from '../people/domain/status-history';
import { readConductState } from './case-support';
import { CASES_POLICY } from './cases.policy';
import { ConductCase } from './conduct-case.entity';
import { assertListStatusTransition } from './domain/list-report';
import { advisoryStatusOnCaseEnd, isDismissalType, listReportTriggers } from './domain/rules';
import { ListStatus } from './domain/vocabulary';
import { ListReportDto, ListReportsQuery, MarkSentDto } from './dto/list-report.dto';
import { ListReport } from './list-report.entity';

const isCursor = (v: unknown): v is { d: string; i: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { d?: unknown }).d === 'string' &&
  typeof (v as { i?: unknown }).i === 'string';

export function toListReportDto(r: ListReport, reference: string, today: string): ListReportDto {
  return {
    id: r.id,
    personId: r.personId,
    conductCaseId: r.conductCaseId,
    conductCaseReference: reference,
    list: r.list,
    reason: r.reason,
    triggerOn: r.triggerOn,
    dueOn: r.dueOn,
    sentOn: r.sentOn,
    status: r.status,
    overdue: r.sentOn === null && r.dueOn < today,
  };
}

/** What a sync changed, for the caller's audit event. */
export interface ListReportChanges {
  created: string[];
  statusChanged: Array<{ id: string; status: ListStatus }>;
}

/**
 * Barred and advisory list reports: created from the conduct rules (listReportTriggers) whenever a
 * case or the person's status changes, settled as the case ends, and re-dated while unsent when
 * the calendar changes.
 */
@Injectable()
export class ListReportsService implements OnModuleInit {
  private readonly logger = new Logger(ListReportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): void {
    this.calendar.onHolidaysChanged((m, calendar) => this.recomputeDueDates(m, calendar));
  }

  dueOn(calendar: WorkingDayCalendar, triggerOn: string): string {
    return calendar.addWorkingDays(triggerOn, CASES_POLICY.listReportWorkingDays);
  }

  /**
   * Brings a case's reports in line with what the rules now call for: creates missing ones
   * (PENDING, due 5 working days after the trigger) and settles sent ones when the case has ended
   * (advisory → CONVERTED_TO_BARRED or REMOVED; barred → REMOVED when an appeal set the
   * dismissal aside). Runs in the caller's transaction.
   */
  async sync(
    m: EntityManager,
    c: ConductCase,
    history: readonly StatusEntry[],
  ): Promise<ListReportChanges> {
    const changes: ListReportChanges = { created: [], statusChanged: [] };
    const existing = await m.find(ListReport, { where: { conductCaseId: c.id } });
    const triggers = listReportTriggers({
      cameToAttentionOn: c.cameToAttentionOn,
      conductCase: readConductState(c).state,
      statusHistory: history,
    });
    let calendar: WorkingDayCalendar | null = null;
    for (const t of triggers) {
      if (existing.some((r) => r.list === t.list)) continue;
      calendar ??= await this.calendar.calendar(m);
      const report = await m.save(
        m.create(ListReport, {
          personId: c.personId,
          conductCaseId: c.id,
          list: t.list,
          reason: t.reason,
          triggerOn: t.triggerOn,
          dueOn: this.dueOn(calendar, t.triggerOn),
          sentOn: null,
          status: 'PENDING',
        }),
      );
      existing.push(report);
      changes.created.push(report.id);
    }
    for (const r of existing) {
      const to = this.settledStatus(r, c);
      if (to !== null) {
        assertListStatusTransition(r.list, r.status, to);
        r.status = to;
        await m.save(r);
        changes.statusChanged.push({ id: r.id, status: to });
      }
    }
    return changes;
  }

  /** The status a sent report moves to now that its case has ended, or null to leave it. */
  private settledStatus(r: ListReport, c: ConductCase): ListStatus | null {
    if (r.status !== 'REPORTED' && r.status !== 'ON_LIST') return null;
    const { state } = readConductState(c);
    if (r.list === 'ADVISORY' && state.allegationClosedOn !== null) {
      return advisoryStatusOnCaseEnd(state.finalOutcome);
    }
    if (r.list === 'BARRED' && state.status === 'CLOSED' && !isDismissalType(state.finalOutcome)) {
      return 'REMOVED';
    }
    return null;
  }

  /** A holiday was added: every unsent report gets its due date from the new calendar. */
  async recomputeDueDates(m: EntityManager, calendar: WorkingDayCalendar): Promise<void> {
    const open = await m.find(ListReport, { where: { status: 'PENDING' } });
    let changed = 0;
    for (const r of open) {
      const due = this.dueOn(calendar, r.triggerOn);
      if (due !== r.dueOn) {
        await m.update(ListReport, { id: r.id }, { dueOn: due });
        changed += 1;
      }
    }
    if (changed) this.logger.log(`Re-dated ${changed} unsent list reports after a holiday change`);
  }

  async list(q: ListReportsQuery, actor: Actor): Promise<Page<ListReportDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isCursor);
    const qb = this.dataSource
      .getRepository(ListReport)
      .createQueryBuilder('r')
      .innerJoin(ConductCase, 'c', 'c.id = r.conduct_case_id')
      .addSelect('c.reference', 'c_reference')
      .orderBy('r.due_on', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (actor.personId) qb.andWhere('r.person_id <> :me', { me: actor.personId });
    if (q.status) qb.andWhere('r.status = :s', { s: q.status });
    if (q.list) qb.andWhere('r.list = :l', { l: q.list });
    if (q.personId) qb.andWhere('r.person_id = :p', { p: q.personId });
    if (q.conductCaseId) qb.andWhere('r.conduct_case_id = :c', { c: q.conductCaseId });
    if (after) qb.andWhere('(r.due_on, r.id) > (:d, :i)', { d: after.d, i: after.i });
    const { entities, raw } = await qb
      .limit(limit + 1)
      .getRawAndEntities<{ c_reference: string }>();
    const refs = new Map(entities.map((e, i) => [e.id, raw[i].c_reference]));
    const today = todayIso();
    const page = toPage(
      entities,
      limit,
      (r) => toListReportDto(r, refs.get(r.id) ?? '', today),
      (r) => ({ d: r.dueOn, i: r.id }),
    );
    await this.audit.recordStandalone({
      action: 'LIST_REPORT.LIST',
      entityType: 'list_report',
      details: { ids: page.items.map((r) => r.id) },
    });
    return page;
  }

  /** Records that the report went to the College; a case that has already ended settles it. */
  async markSent(id: string, dto: MarkSentDto, actor: Actor): Promise<ListReportDto> {
    const sentOn = dto.sentOn ?? todayIso();
    return this.dataSource.transaction(async (m) => {
      const r = await m.findOne(ListReport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw new NotFoundError('LIST_REPORT.NOT_FOUND', 'No such list report');
      assertNotOwnCase(actor, r.personId);
      assertListStatusTransition(r.list, r.status, 'REPORTED');
      if (sentOn < r.triggerOn) {
        throw new ValidationError(
          'LIST_REPORT.SENT_BEFORE_TRIGGER',
          'A report cannot be sent before its trigger date',
          [{ field: 'sentOn', message: `must be on or after ${r.triggerOn}` }],
        );
      }
      r.status = 'REPORTED';
      r.sentOn = sentOn;
      await m.save(r);
      const c = await m.findOneOrFail(ConductCase, { where: { id: r.conductCaseId } });
      const settled = this.settledStatus(r, c);
      if (settled !== null) {
        assertListStatusTransition(r.list, r.status, settled);
        r.status = settled;
        await m.save(r);
      }
      await this.audit.record(m, {
        action: 'LIST_REPORT.SENT',
        entityType: 'list_report',
        entityId: r.id,
        details: { list: r.list, conductCaseId: r.conductCaseId, status: r.status, sentOn },
      });
      return toListReportDto(r, c.reference, todayIso());
    });
  }
}
