import { sqlList } from '../common/vocabulary';
import type { DeclarationStatus } from './domain/vocabulary';

/** Where a page of the vetting queue ends: its last row's priority, submission time and id. */
export interface QueueCursor {
  p: number;
  s: string;
  i: string;
}

export const isQueueCursor = (v: unknown): v is QueueCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as QueueCursor).p === 'number' &&
  typeof (v as QueueCursor).s === 'string' &&
  !Number.isNaN(Date.parse((v as QueueCursor).s)) &&
  typeof (v as QueueCursor).i === 'string' &&
  /^[0-9a-f-]{36}$/.test((v as QueueCursor).i);

/**
 * The vetting queue's SQL, priority first then age, keyset-paginated: what VettingService runs
 * and what the benchmark times in psql and EXPLAINs, so both measure the same statement. The
 * statuses (vocabulary values, checked by the caller) are written into the text so the planner
 * can use the partial queue index, keyed ((-priority), submitted_at, id): "priority desc, then
 * age" as one ascending tuple, so the ORDER BY and the cursor use that same expression.
 */
export function queueStatement(q: {
  statuses: readonly DeclarationStatus[];
  excludeDeclarantPersonId: string | null;
  risk: string | null;
  after: QueueCursor | null;
  limit: number;
}): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = [`d.status IN (${sqlList(q.statuses)})`];
  if (q.excludeDeclarantPersonId) {
    params.push(q.excludeDeclarantPersonId);
    where.push(`d.declarant_person_id <> $${params.length}`);
  }
  if (q.risk) {
    params.push(q.risk);
    where.push(`d.risk_level = $${params.length}`);
  }
  if (q.after) {
    params.push(-q.after.p, q.after.s, q.after.i);
    const [p, s, i] = [params.length - 2, params.length - 1, params.length];
    // One row comparison in the index's own key order: an index condition, so a later page
    // starts where the last one ended instead of filtering through the rows before it.
    where.push(
      `(-d.priority, d.submitted_at, d.id) > ($${p}::int, $${s}::timestamptz, $${i}::uuid)`,
    );
  }
  params.push(q.limit);
  const sql = `SELECT d.id, d.reference, d.version, d.status, d.priority, d.submitted_at,
          d.submitted_at::text AS submitted_at_text, d.received_on::text AS received_on,
          d.declarant_person_id, d.risk_level, d.review_on::text AS review_on,
          (SELECT count(*)::int FROM declaration_associate a WHERE a.declaration_id = d.id)
            AS associate_count,
          EXISTS (SELECT 1 FROM declaration_assessment x
                    JOIN declaration v ON v.id = x.declaration_id
                   WHERE v.root_id = d.root_id) AS reassessment
     FROM declaration d
    WHERE ${where.join(' AND ')}
    ORDER BY -d.priority, d.submitted_at, d.id
    LIMIT $${params.length}`;
  return { sql, params };
}
