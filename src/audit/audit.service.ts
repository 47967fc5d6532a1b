import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newRowId } from '../common/ids';
import { Actor, currentContext } from '../common/request-context';
import {
  ChainCheck,
  ChainedFields,
  ChainVerifier,
  chainHash,
  GENESIS_HASH,
} from './domain/hash-chain';
import { preparedQuery } from '../database/prepared';
import { JobRegistry } from '../jobs/job-registry';
import { AuditEvent } from './audit-event.entity';

/** One sealer at a time across every process sharing the database. */
const AUDIT_SEAL_LOCK = 727_002;

/** The hashed fields of an event, from an audit_event row as the driver returns it. */
function chainedFields(r: Record<string, unknown>): ChainedFields {
  return {
    seq: Number(r.seq),
    id: r.id as string,
    occurredAt: (r.occurred_at as Date).toISOString(),
    actorId: r.actor_id as string | null,
    actorUsername: r.actor_username as string | null,
    actorRoles: r.actor_roles as string[],
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string | null,
    ip: r.ip as string | null,
    requestId: r.request_id as string | null,
    details: r.details,
  };
}

export interface AuditEntry {
  action: string; // AREA.VERB, e.g. PERSON.READ
  entityType: string;
  entityId?: string | null;
  /** Ids, field names and counts only: never personal data. */
  details?: Record<string, unknown>;
  /** Defaults to the caller of the current request. */
  actor?: Actor | null;
}

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  afterSeq?: number;
  limit: number;
}

@Injectable()
export class AuditService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private sealTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    // A daily proof that the trail is intact; a break is logged as an error for the operators.
    this.registry.registerDaily('audit.verify-chain', async () => {
      const result = await this.verify();
      if (!result.ok)
        this.logger.error(`Audit chain broken at seq ${result.firstBrokenSeq}: ${result.reason}`);
      return { ...result };
    });
  }

  /**
   * Appends one event inside the caller's transaction, so the event exists exactly when the
   * change does: one statement (see eventCtes). The sealer adds the event to the hash chain once
   * its transaction has finished.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const params: unknown[] = [];
    await preparedQuery(manager, `WITH ${this.eventCtes(entry, params)} SELECT 1`, params);
    this.written();
  }

  /**
   * The event as CTEs (`audit_lock`, `audit_row`) for a statement that also writes the change
   * it records, so an audited write can be one round trip. Appends its values to `params`
   * (numbering after those already there). The caller runs the statement in the change's
   * transaction (or as a statement on its own, which is one) and then calls `written()`.
   *
   * The shared lock is taken by a CTE the insert reads from: PostgreSQL materialises a CTE that
   * calls a volatile function and evaluates it before the insert draws the event's seq, so no
   * seq is handed out without the lock (what the sealer relies on). Shared: writers never wait
   * for each other, only for a sealing pass (milliseconds).
   */
  eventCtes(entry: AuditEntry, params: unknown[]): string {
    const ctx = currentContext();
    const actor = entry.actor !== undefined ? entry.actor : (ctx?.actor ?? null);
    const values = [
      newRowId(),
      new Date().toISOString(),
      actor?.id ?? null,
      actor?.username ?? null,
      actor?.roles ?? [],
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      ctx?.ip ?? null,
      ctx?.requestId ?? null,
      JSON.stringify(entry.details ?? {}),
    ];
    const first = params.length + 1;
    params.push(AUDIT_SEAL_LOCK, ...values);
    const p = (i: number, type: string) => `$${first + 1 + i}::${type}`;
    return `audit_lock AS (SELECT pg_advisory_xact_lock_shared($${first}::bigint) AS held),
      audit_row AS (
        INSERT INTO audit_event (id, occurred_at, actor_id, actor_username, actor_roles, action,
          entity_type, entity_id, ip, request_id, details)
        SELECT ${p(0, 'uuid')}, ${p(1, 'timestamptz')}, ${p(2, 'uuid')}, ${p(3, 'text')},
               ${p(4, 'text[]')}, ${p(5, 'text')}, ${p(6, 'text')}, ${p(7, 'text')},
               ${p(8, 'text')}, ${p(9, 'text')}, ${p(10, 'jsonb')}
          FROM audit_lock)`;
  }

  /** After a statement made with `eventCtes` has run: the sealer chains the event soon. */
  written(): void {
    this.sealSoon();
  }

  /** Records an event in its own transaction (for reads that change nothing else). */
  async recordStandalone(entry: AuditEntry): Promise<void> {
    await this.dataSource.transaction((m) => this.record(m, entry));
  }

  async list(q: AuditQuery): Promise<AuditEvent[]> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (q.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: q.actorId });
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: q.entityId });
    if (q.from) qb.andWhere('e.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.occurred_at < :to', { to: q.to });
    // Newest first; the cursor is the last seq seen.
    if (q.afterSeq !== undefined) qb.andWhere('e.seq < :afterSeq', { afterSeq: q.afterSeq });
    const events = await qb
      .orderBy('e.seq', 'DESC')
      .limit(q.limit + 1)
      .getMany();
    // The chain link of each event, once sealed (recent events may not be yet).
    const seals = events.length
      ? await this.dataSource.query<Array<{ event_seq: string; hash: string }>>(
          'SELECT event_seq, hash FROM audit_seal WHERE event_seq = ANY($1)',
          [events.map((e) => e.seq)],
        )
      : [];
    const bySeq = new Map(seals.map((x) => [Number(x.event_seq), x.hash]));
    for (const e of events) e.hash = bySeq.get(e.seq) ?? null;
    return events;
  }

  /**
   * Seals what can be sealed, then re-computes the whole chain in batches (a long trail never
   * sits in memory). An event left unsealed long after its transaction finished is reported
   * too: the sealer should have chained it.
   */
  async verify(batchSize = 5000): Promise<ChainCheck> {
    await this.seal();
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT s.chain_pos, s.prev_hash, s.hash, e.seq, e.id, e.occurred_at, e.actor_id,
                e.actor_username, e.actor_roles, e.action, e.entity_type, e.entity_id, e.ip,
                e.request_id, e.details
           FROM audit_seal s JOIN audit_event e ON e.seq = s.event_seq
          WHERE s.chain_pos > $1 ORDER BY s.chain_pos LIMIT $2`,
        [after, batchSize],
      );
      for (const r of rows) {
        const ok = verifier.push({
          ...chainedFields(r),
          chainPos: Number(r.chain_pos),
          prevHash: r.prev_hash as string,
          hash: r.hash as string,
        });
        if (!ok) return verifier.result();
      }
      if (rows.length < batchSize) break;
      after = Number(rows[rows.length - 1].chain_pos);
    }
    const result = verifier.result();
    const stale = await this.dataSource.query<Array<{ seq: string | null }>>(
      // After a pass, every event whose transaction had ended is chained: one still unsealed
      // minutes later was written around the application (or sealing is failing).
      `SELECT min(e.seq) AS seq FROM audit_event e
        WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_seq = e.seq)
          AND e.occurred_at < now() - interval '5 minutes'`,
    );
    if (stale[0]?.seq !== null && stale[0]?.seq !== undefined) {
      return {
        ok: false,
        checked: result.checked,
        firstBrokenSeq: Number(stale[0].seq),
        reason: 'UNSEALED_EVENT',
      };
    }
    return result;
  }

  /** Coalesces seal requests from many writes into one pass shortly after. */
  private sealSoon(): void {
    if (this.sealTimer || this.stopped) return;
    this.sealTimer = setTimeout(() => {
      this.sealTimer = null;
      void this.seal().catch((err: Error) =>
        this.logger.warn(`Audit sealing deferred: ${err.message}`),
      );
    }, 200);
    this.sealTimer.unref();
  }

  /**
   * Appends chain links for every event written so far, in seq order, once the transactions
   * that wrote them have ended (see sealBatch). One sealer at a time across all processes.
   * Returns how many events it sealed.
   */
  async seal(maxBatches = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const { sealed, more } = await this.sealBatch(2000);
      total += sealed;
      if (!more) break;
    }
    return total;
  }

  /**
   * Seals the events in a window of seqs after the last sealed one: at most `span` seqs from
   * the first unsealed event, so a pass reads one index range however long the trail is (a
   * seq lost to a rolled-back writer leaves a gap, which the next window steps over). `more`:
   * events exist beyond the window.
   */
  private async sealBatch(span: number): Promise<{ sealed: number; more: boolean }> {
    return this.dataSource.transaction(async (m) => {
      // Exclusive: waits for every transaction that has written an event to end, and holds new
      // writers back until this pass commits. Every event that exists is then final, and every
      // seq handed out so far is committed or gone, so the unsealed ones are exactly those above
      // the last sealed seq.
      await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
      const last = await m.query<Array<{ chain_pos: string; hash: string; event_seq: string }>>(
        'SELECT chain_pos, hash, event_seq FROM audit_seal ORDER BY chain_pos DESC LIMIT 1',
      );
      const rows = await m.query<Array<Record<string, unknown>>>(
        `WITH bounds AS (
           SELECT (SELECT min(seq) FROM audit_event WHERE seq > $1) AS first,
                  (SELECT max(seq) FROM audit_event) AS last)
         SELECT e.seq, e.id, e.occurred_at, e.actor_id, e.actor_username, e.actor_roles,
                e.action, e.entity_type, e.entity_id, e.ip, e.request_id, e.details,
                bounds.last AS last_seq
           FROM bounds JOIN audit_event e ON e.seq >= bounds.first AND e.seq < bounds.first + $2
          ORDER BY e.seq`,
        [last.length ? Number(last[0].event_seq) : 0, span],
      );
      if (rows.length === 0) return { sealed: 0, more: false };
      let pos = last.length ? Number(last[0].chain_pos) : 0;
      let prev = last.length ? last[0].hash : GENESIS_HASH;
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (const r of rows) {
        pos += 1;
        const hash = chainHash(prev, chainedFields(r));
        const n = values.length;
        tuples.push(`($${n + 1}::bigint, $${n + 2}::bigint, $${n + 3}, $${n + 4})`);
        values.push(pos, Number(r.seq), prev, hash);
        prev = hash;
      }
      await m.query(
        `INSERT INTO audit_seal (chain_pos, event_seq, prev_hash, hash) VALUES ${tuples.join(',')}`,
        values,
      );
      const more = Number(rows[rows.length - 1].seq) < Number(rows[0].last_seq);
      return { sealed: rows.length, more };
    });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.sealTimer) clearTimeout(this.sealTimer);
  }
}
