import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newRowId } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../config/app-config';
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

/**
 * Audit writers hold this lock shared from before they draw an event's seq until their
 * transaction ends; the sealer takes it exclusively for an instant (audit_settled_seq) to learn
 * which seqs are settled.
 */
const AUDIT_SEAL_LOCK = 727_002;
/** One sealer at a time across every process sharing the database (writers never take it). */
const AUDIT_SEALER_LOCK = 727_003;
/**
 * How often a job-processing process seals what any process has written. Short passes of a few
 * hundred events keep the sealer's CPU and memory in small steps: on a host it shares with the API,
 * one pass a second of a whole second's events (hashing ~1,500 events at once) starved the
 * API for tens of milliseconds and showed as bursts of slow requests.
 */
const SEAL_INTERVAL_MS = 250;
/** Events per sealing transaction (a pass runs as many as it needs). */
const SEAL_BATCH = 500;
/** After a write in a job-processing process: seal this soon, with the writes around it. */
const SEAL_SOON_MS = 200;

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

/** An audit_event row about to be written (its seq is drawn by the insert). */
export interface AuditEventRow {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
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
  private sealInterval: NodeJS.Timeout | null = null;
  /** A pass started by sealSoon is running. */
  private sealing = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    // Sealing is background work: processes that run jobs do it, for every process's writes.
    // API-only processes (PROCESS_JOBS=false) leave it to them and spend no request time on it.
    if (this.config.processJobs) {
      this.sealInterval = setInterval(() => this.sealSoon(), SEAL_INTERVAL_MS);
      this.sealInterval.unref();
    }
  }

  /**
   * Appends one event inside the caller's transaction, so the event exists exactly when the
   * change does: one statement (see eventCtes). The sealer adds the event to the hash chain once
   * its transaction has finished.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const params: unknown[] = [];
    await preparedQuery(
      manager,
      `WITH ${this.eventCtes([this.event(entry)], params)} SELECT 1`,
      params,
    );
    this.written();
  }

  /**
   * The event row for `entry`, with who, from where and when taken from the current request
   * now: a statement written later, or together with other requests' (see Batcher), still
   * records each request's own.
   */
  event(entry: AuditEntry): AuditEventRow {
    const ctx = currentContext();
    const actor = entry.actor !== undefined ? entry.actor : (ctx?.actor ?? null);
    return {
      id: newRowId(),
      occurred_at: new Date().toISOString(),
      actor_id: actor?.id ?? null,
      actor_username: actor?.username ?? null,
      actor_roles: actor?.roles ?? [],
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      ip: ctx?.ip ?? null,
      request_id: ctx?.requestId ?? null,
      details: entry.details ?? {},
    };
  }

  /**
   * Events as CTEs (`audit_lock`, `audit_row`) for a statement that also writes the changes
   * they record, so an audited write can be one round trip. Appends its values to `params`
   * (numbering after those already there): the events as one JSON array, so the text is the
   * same for any number of them. The caller runs the statement in the change's transaction (or
   * as a statement on its own, which is one) and then calls `written()`.
   *
   * The shared lock is taken by a CTE the insert reads from: PostgreSQL materialises a CTE that
   * calls a volatile function and evaluates it before the insert draws the events' seqs, so no
   * seq is handed out without the lock (what the sealer relies on). Shared: writers never wait
   * for each other, only for the sealer's instant check (audit_settled_seq).
   */
  eventCtes(events: readonly AuditEventRow[], params: unknown[]): string {
    params.push(AUDIT_SEAL_LOCK, JSON.stringify(events));
    const lock = params.length - 1;
    return `audit_lock AS (SELECT pg_advisory_xact_lock_shared($${lock}::bigint) AS held),
      audit_row AS (
        INSERT INTO audit_event (id, occurred_at, actor_id, actor_username, actor_roles, action,
          entity_type, entity_id, ip, request_id, details)
        SELECT e.id, e.occurred_at, e.actor_id, e.actor_username, e.actor_roles, e.action,
               e.entity_type, e.entity_id, e.ip, e.request_id, e.details
          FROM audit_lock,
               json_to_recordset($${lock + 1}::json) AS e (id uuid, occurred_at timestamptz,
                 actor_id uuid, actor_username text, actor_roles text[], action text,
                 entity_type text, entity_id text, ip text, request_id text, details jsonb))`;
  }

  /**
   * After a statement made with `eventCtes` has run: in a process that runs jobs, the sealer
   * chains the event soon; elsewhere a job-processing process's next pass (within a second) does.
   */
  written(): void {
    if (this.config.processJobs) this.sealSoon();
  }

  /** Records an event in its own transaction (for reads that change nothing else). */
  async recordStandalone(entry: AuditEntry): Promise<void> {
    await this.dataSource.transaction((m) => this.record(m, entry));
  }

  /** Events newest first, each with its chain link hash from audit_seal (null until sealed). */
  async list(q: AuditQuery): Promise<Array<AuditEvent & { hash: string | null }>> {
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
    return events.map((e) => Object.assign(e, { hash: bySeq.get(e.seq) ?? null }));
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
      if (this.sealing) return this.sealSoon(); // one pass at a time; the next follows it
      this.sealing = true;
      void this.seal()
        .catch((err: Error) => this.logger.warn(`Audit sealing deferred: ${err.message}`))
        .finally(() => (this.sealing = false));
    }, SEAL_SOON_MS);
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
      const { sealed, more } = await this.sealBatch(SEAL_BATCH);
      total += sealed;
      if (!more) break;
    }
    return total;
  }

  /**
   * Seals up to `limit` events after the last sealed one, in seq order. Only settled seqs are
   * sealed: audit_settled_seq waits for every writer in flight (an instant under the write lock,
   * taken exclusively and released at once), so every event at or below the seq it returns is
   * committed, and a seq missing there was rolled back and is skipped for good. The sealing
   * itself runs under the sealers' own lock, which writers never wait for. `more`: the limit
   * was reached.
   */
  private async sealBatch(limit: number): Promise<{ sealed: number; more: boolean }> {
    const [settled] = await this.dataSource.query<Array<{ seq: string }>>(
      'SELECT audit_settled_seq($1) AS seq',
      [AUDIT_SEAL_LOCK],
    );
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEALER_LOCK]);
      const last = await m.query<Array<{ chain_pos: string; hash: string; event_seq: string }>>(
        'SELECT chain_pos, hash, event_seq FROM audit_seal ORDER BY chain_pos DESC LIMIT 1',
      );
      const rows = await m.query<Array<Record<string, unknown>>>(
        `SELECT e.seq, e.id, e.occurred_at, e.actor_id, e.actor_username, e.actor_roles,
                e.action, e.entity_type, e.entity_id, e.ip, e.request_id, e.details
           FROM audit_event e WHERE e.seq > $1 AND e.seq <= $2 ORDER BY e.seq LIMIT $3`,
        [last.length ? Number(last[0].event_seq) : 0, Number(settled.seq), limit],
      );
      if (rows.length === 0) return { sealed: 0, more: false };
      let pos = last.length ? Number(last[0].chain_pos) : 0;
      let prev = last.length ? last[0].hash : GENESIS_HASH;
      const positions: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows) {
        pos += 1;
        const hash = chainHash(prev, chainedFields(r));
        positions.push(pos);
        seqs.push(Number(r.seq));
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      // Four arrays, not four parameters per link: one short statement whatever the batch size,
      // which the server parses and binds in a fraction of the time of a 2,000-parameter VALUES.
      await m.query(
        `INSERT INTO audit_seal (chain_pos, event_seq, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
        [positions, seqs, prevs, hashes],
      );
      return { sealed: rows.length, more: rows.length === limit };
    });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.sealTimer) clearTimeout(this.sealTimer);
    if (this.sealInterval) clearInterval(this.sealInterval);
  }
}
