import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Alert, AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import { addDays } from '../calendar/domain/dates';
import { invalidRequest } from '../common/domain-error';
import { decodeCursor, encodeCursor, Page } from '../common/pagination';
import { sqlList } from '../common/vocabulary';
import { Actor } from '../common/request-context';
import { JobRegistry } from '../jobs/job-registry';
import { AWAITING_ASSESSMENT_STATUSES, DECLARATION_TRANSITIONS } from './domain/lifecycle';
import { DECLARATION_POLICY, triageDueOn } from './domain/policy';
import { isQueueCursor, queueStatement } from './queue-statement';
import {
  DECLARATION_STATUSES,
  DeclarationStatus,
  isOneOf,
  RISK_LEVELS,
  RiskLevel,
} from './domain/vocabulary';
import { QueueItemDto, QueueQuery, StatsDto, StatsQuery } from './dto/declaration.dto';

export const REVIEW_DUE_TASK = 'declarations.review-due';
const ALERT_LIMIT = 200;

/**
 * The vetting unit's views across declarations: the triage queue, the statistics, the alerts,
 * and the daily task that puts monitored declarations whose review date has come back in the
 * queue. Reads only (and that one status change); each read is audited in its transaction.
 */
@Injectable()
export class VettingService implements OnModuleInit {
  private readonly logger = new Logger(VettingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly registry: JobRegistry,
    private readonly alerts: AlertsService,
  ) {}

  onModuleInit(): void {
    this.registry.registerDaily(REVIEW_DUE_TASK, (today) => this.markReviewsDue(today));
    this.alerts.register('VETTING', (actor, today) => this.alertsFor(actor, today));
  }

  /** The vetting queue, priority first then age, keyset-paginated (see queueStatement). */
  async queue(q: QueueQuery, actor: Actor): Promise<Page<QueueItemDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isQueueCursor);
    const statuses = q.status ? [q.status] : AWAITING_ASSESSMENT_STATUSES;
    if (!statuses.every((s) => isOneOf(DECLARATION_STATUSES, s))) throw invalidRequest([]);
    if (q.risk && !isOneOf(RISK_LEVELS, q.risk)) throw invalidRequest([]);
    const { sql, params } = queueStatement({
      statuses,
      // Separation of duties: an assessor's own declarations are not theirs to triage.
      excludeDeclarantPersonId: actor.personId,
      risk: q.risk ?? null,
      after,
      limit: limit + 1,
    });
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<
        Array<{
          id: string;
          reference: string;
          version: number;
          status: DeclarationStatus;
          priority: number;
          submitted_at: Date;
          submitted_at_text: string;
          received_on: string;
          declarant_person_id: string;
          risk_level: RiskLevel | null;
          review_on: string | null;
          associate_count: number;
          reassessment: boolean;
        }>
      >(sql, params);
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const items: QueueItemDto[] = page.map((r) => ({
        id: r.id,
        reference: r.reference,
        version: r.version,
        status: r.status,
        priority: r.priority,
        submittedAt: r.submitted_at.toISOString(),
        receivedOn: r.received_on,
        declarantPersonId: r.declarant_person_id,
        riskLevel: r.risk_level,
        reviewOn: r.review_on,
        associateCount: r.associate_count,
        reassessment: r.reassessment,
      }));
      const last = page[page.length - 1];
      await this.audit.record(m, {
        action: 'DECLARATION.QUEUE_READ',
        entityType: 'declaration',
        details: { ids: items.map((i) => i.id), status: q.status ?? null, risk: q.risk ?? null },
      });
      return {
        items,
        nextCursor: more
          ? encodeCursor({ p: last.priority, s: last.submitted_at_text, i: last.id })
          : null,
      };
    });
  }

  /**
   * Counts of declarations received in [from, to], by month received, risk level and outcome
   * of the latest assessment of any version. Each declaration counts once (its live version).
   */
  async stats(q: StatsQuery): Promise<StatsDto> {
    if (q.to < q.from)
      throw invalidRequest([{ field: 'to', message: 'to must not be before from' }]);
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<
        Array<{ month: string; risk_level: string; outcome: string; n: number }>
      >(
        `SELECT to_char(d.received_on, 'YYYY-MM') AS month,
                COALESCE(a.risk_level, 'UNASSESSED') AS risk_level,
                COALESCE(a.outcome, 'NONE') AS outcome,
                count(*)::int AS n
           FROM declaration d
           LEFT JOIN LATERAL (
             SELECT x.risk_level, x.outcome
               FROM declaration_assessment x JOIN declaration v ON v.id = x.declaration_id
              WHERE v.root_id = d.root_id
              ORDER BY x.assessed_at DESC, x.id DESC
              LIMIT 1) a ON true
          WHERE d.status <> 'SUPERSEDED' AND d.received_on BETWEEN $1 AND $2
          GROUP BY 1, 2, 3
          ORDER BY 1, 2, 3`,
        [q.from, q.to],
      );
      const tally = (key: (r: (typeof rows)[number]) => string) => {
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.n);
        return [...counts.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, count]) => ({ key: k, count }));
      };
      await this.audit.record(m, {
        action: 'DECLARATION.STATS_READ',
        entityType: 'declaration',
        details: { from: q.from, to: q.to },
      });
      return {
        from: q.from,
        to: q.to,
        total: rows.reduce((s, r) => s + r.n, 0),
        rows: rows.map((r) => ({
          month: r.month,
          riskLevel: r.risk_level,
          outcome: r.outcome,
          count: r.n,
        })),
        byMonth: tally((r) => r.month),
        byRiskLevel: tally((r) => r.risk_level),
        byOutcome: tally((r) => r.outcome),
      };
    });
  }

  /** The daily job: monitored declarations whose review date has come go to REVIEW_DUE. */
  async markReviewsDue(today: string): Promise<{ moved: number }> {
    const from = Object.keys(DECLARATION_TRANSITIONS.REVIEW_DUE);
    return this.dataSource.transaction(async (m) => {
      const [rows] = await m.query<[Array<{ id: string }>, number]>(
        `UPDATE declaration SET status = 'REVIEW_DUE', updated_at = now()
          WHERE status IN (${sqlList(from)}) AND review_on <= $1
          RETURNING id`,
        [today],
      );
      if (rows.length > 0) {
        await this.audit.record(m, {
          action: 'DECLARATION.REVIEW_DUE',
          entityType: 'declaration',
          actor: null,
          details: { today, count: rows.length, ids: rows.map((r) => r.id) },
        });
      }
      this.logger.log(`Review due on ${today}: ${rows.length} declarations`);
      return { moved: rows.length };
    });
  }

  /** VETTING alerts: reviews due, and first triage waiting longer than the policy target. */
  async alertsFor(_actor: Actor, today: string): Promise<Alert[]> {
    const cutoff = addDays(today, -DECLARATION_POLICY.triageTargetDays);
    return this.dataSource.transaction(async (m) => {
      const due = await m.query<Array<{ id: string; reference: string; review_on: string }>>(
        `SELECT id, reference, review_on::text AS review_on FROM declaration
          WHERE status = 'REVIEW_DUE' ORDER BY review_on, id LIMIT ${ALERT_LIMIT}`,
      );
      const late = await m.query<Array<{ id: string; reference: string; submitted_on: string }>>(
        `SELECT id, reference, (submitted_at AT TIME ZONE 'UTC')::date::text AS submitted_on
           FROM declaration
          WHERE status IN ('SUBMITTED','UNDER_ASSESSMENT') AND submitted_at < $1::date
          ORDER BY submitted_at, id LIMIT ${ALERT_LIMIT}`,
        [cutoff],
      );
      const alerts: Alert[] = [
        ...due.map(
          (r): Alert => ({
            kind: 'DECLARATION.REVIEW_DUE',
            severity: r.review_on < today ? 'OVERDUE' : 'DUE_SOON',
            entityType: 'declaration',
            entityId: r.id,
            reference: r.reference,
            dueOn: r.review_on,
            message: 'Review of the assessment is due',
          }),
        ),
        ...late.map(
          (r): Alert => ({
            kind: 'DECLARATION.TRIAGE_OVERDUE',
            severity: 'OVERDUE',
            entityType: 'declaration',
            entityId: r.id,
            reference: r.reference,
            dueOn: triageDueOn(r.submitted_on),
            message: `Waiting for assessment longer than ${DECLARATION_POLICY.triageTargetDays} days`,
          }),
        ),
      ];
      await this.audit.record(m, {
        action: 'DECLARATION.ALERTS_READ',
        entityType: 'declaration',
        details: { ids: alerts.map((a) => a.entityId) },
      });
      return alerts;
    });
  }
}
