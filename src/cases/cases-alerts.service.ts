import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Alert, AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { addDays } from '../calendar/domain/dates';
import { JobRegistry } from '../jobs/job-registry';
import { CASES_POLICY } from './cases.policy';
import { overrunReportsDue } from './domain/rules';

export const CASES_DAILY_TASK = 'cases.statutory-clocks';

interface ReportRow {
  id: string;
  list: string;
  due_on: string;
  reference: string;
}
interface OverrunRow {
  id: string;
  reference: string;
  came_to_attention_on: string;
}
interface PauseRow {
  id: string;
  reference: string;
  last_stage_on: string;
}

/**
 * PSD's alerts (GET /api/v1/alerts) and the daily statutory-clock check: unsent list reports due
 * soon or overdue, investigation overrun reports (12 months, then every 6), and cases paused sub
 * judice whose criminal case has concluded. Cases about the caller are left out.
 */
@Injectable()
export class CasesAlertsService implements OnModuleInit {
  private readonly logger = new Logger(CasesAlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly calendar: CalendarService,
    private readonly registry: JobRegistry,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.alerts.register('PSD', async (actor, today) => {
      const found = await this.alertsFor(actor.personId, today);
      // A read of cases and list reports by a person (the daily task below is not one).
      await this.audit.recordStandalone({
        action: 'CONDUCT_CASE.ALERTS_READ',
        entityType: 'conduct_case',
        details: {
          conductCaseIds: found
            .filter((a) => a.entityType === 'conduct_case')
            .map((a) => a.entityId),
          listReportIds: found.filter((a) => a.entityType === 'list_report').map((a) => a.entityId),
        },
      });
      return found;
    });
    this.registry.registerDaily(CASES_DAILY_TASK, async (today) => {
      const found = await this.alertsFor(null, today);
      const count = (kind: string) => found.filter((a) => a.kind === kind).length;
      const result = {
        listReportsOverdue: count('LIST_REPORT.OVERDUE'),
        listReportsDueSoon: count('LIST_REPORT.DUE_SOON'),
        overrunReportsDue: count('CONDUCT_CASE.OVERRUN_REPORT_DUE'),
        pausesLifted: count('CONDUCT_CASE.PAUSE_LIFTED'),
      };
      if (result.listReportsOverdue) {
        this.logger.warn(`${result.listReportsOverdue} list reports are overdue`);
      }
      return result;
    });
  }

  async alertsFor(excludePersonId: string | null, today: string): Promise<Alert[]> {
    const me = excludePersonId ?? '00000000-0000-0000-0000-000000000000';
    const calendar = await this.calendar.calendar();
    const out: Alert[] = [];

    const reports = await this.dataSource.query<ReportRow[]>(
      `SELECT r.id, r.list, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, c.reference
         FROM list_report r JOIN conduct_case c ON c.id = r.conduct_case_id
        WHERE r.sent_on IS NULL AND r.person_id <> $1`,
      [me],
    );
    for (const r of reports) {
      const overdue = r.due_on < today;
      if (
        !overdue &&
        calendar.workingDaysBetween(today, r.due_on) > CASES_POLICY.listReportDueSoonWorkingDays
      ) {
        continue;
      }
      out.push({
        kind: overdue ? 'LIST_REPORT.OVERDUE' : 'LIST_REPORT.DUE_SOON',
        severity: overdue ? 'OVERDUE' : 'DUE_SOON',
        entityType: 'list_report',
        entityId: r.id,
        reference: r.reference,
        dueOn: r.due_on,
        message: `${r.list === 'BARRED' ? 'Barred' : 'Advisory'} list report ${overdue ? 'overdue' : 'due'}`,
      });
    }

    const window = CASES_POLICY.overrunAlertWindowDays;
    const investigations = await this.dataSource.query<OverrunRow[]>(
      `SELECT id, reference, to_char(came_to_attention_on, 'YYYY-MM-DD') AS came_to_attention_on
         FROM conduct_case
        WHERE investigation_started_on IS NOT NULL AND investigation_ended_on IS NULL
          AND status NOT IN ('NO_CASE_TO_ANSWER','CLOSED','WITHDRAWN') AND person_id <> $1`,
      [me],
    );
    for (const c of investigations) {
      const { due, next } = overrunReportsDue(c.came_to_attention_on, today);
      const latest = due.length ? due[due.length - 1] : null;
      const reportOn =
        latest !== null && addDays(latest, window) >= today
          ? latest
          : next !== null && addDays(today, window) >= next
            ? next
            : null;
      if (reportOn === null) continue;
      out.push({
        kind: 'CONDUCT_CASE.OVERRUN_REPORT_DUE',
        severity: 'DUE_SOON',
        entityType: 'conduct_case',
        entityId: c.id,
        reference: c.reference,
        dueOn: reportOn,
        message: 'Investigation overrun report (reg 19) due',
      });
    }

    const lifted = await this.dataSource.query<PauseRow[]>(
      `SELECT c.id, c.reference, to_char(k.last_stage_on, 'YYYY-MM-DD') AS last_stage_on
         FROM conduct_case c JOIN criminal_case k ON k.id = c.criminal_case_id
        WHERE k.pending = false AND k.charged_on IS NOT NULL
          AND c.status IN ('OPEN','SEVERITY_ASSESSED','UNDER_INVESTIGATION','CASE_TO_ANSWER','REFERRED')
          AND (c.last_event_on IS NULL OR c.last_event_on < k.last_stage_on)
          AND c.person_id <> $1`,
      [me],
    );
    for (const c of lifted) {
      out.push({
        kind: 'CONDUCT_CASE.PAUSE_LIFTED',
        severity: 'INFO',
        entityType: 'conduct_case',
        entityId: c.id,
        reference: c.reference,
        dueOn: null,
        message: `The linked criminal case concluded on ${c.last_stage_on}: proceedings may resume`,
      });
    }
    return out;
  }
}
