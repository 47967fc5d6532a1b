import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, currentContext } from '../common/request-context';
import { ChainCheck, ChainVerifier, chainHash, GENESIS_HASH } from './domain/hash-chain';
import { JobRegistry } from '../jobs/job-registry';
import { AuditEvent } from './audit-event.entity';

/** Serialises writers of the chain across every process sharing the database. */
const AUDIT_CHAIN_LOCK = 727_002;

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
export class AuditService implements OnModuleInit {
  private readonly logger = new Logger(AuditService.name);

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
   * change does. Call it last in the transaction: the chain lock is held until commit.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const ctx = currentContext();
    const actor = entry.actor !== undefined ? entry.actor : (ctx?.actor ?? null);
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last = await manager.query<Array<{ seq: string; hash: string }>>(
      'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
    );
    const seq = last.length ? Number(last[0].seq) + 1 : 1;
    const prevHash = last.length ? last[0].hash : GENESIS_HASH;
    const fields = {
      seq,
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      actorRoles: actor?.roles ?? [],
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      ip: ctx?.ip ?? null,
      requestId: ctx?.requestId ?? null,
      details: entry.details ?? {},
    };
    const hash = chainHash(prevHash, fields);
    await manager.query(
      `INSERT INTO audit_event (seq, id, occurred_at, actor_id, actor_username, actor_roles, action,
         entity_type, entity_id, ip, request_id, details, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        seq,
        fields.id,
        fields.occurredAt,
        fields.actorId,
        fields.actorUsername,
        fields.actorRoles,
        fields.action,
        fields.entityType,
        fields.entityId,
        fields.ip,
        fields.requestId,
        JSON.stringify(fields.details),
        prevHash,
        hash,
      ],
    );
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
    return qb
      .orderBy('e.seq', 'DESC')
      .limit(q.limit + 1)
      .getMany();
  }

  /** Re-computes the whole chain in batches, so a long trail never sits in memory. */
  async verify(batchSize = 5000): Promise<ChainCheck> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT seq, id, occurred_at, actor_id, actor_username, actor_roles, action, entity_type,
                entity_id, ip, request_id, details, prev_hash, hash
           FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, batchSize],
      );
      for (const r of rows) {
        const ok = verifier.push({
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
          prevHash: r.prev_hash as string,
          hash: r.hash as string,
        });
        if (!ok) return verifier.result();
      }
      if (rows.length < batchSize) return verifier.result();
      after = Number(rows[rows.length - 1].seq);
    }
  }
}
