import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  occurredAt: string; // ISO-8601 with milliseconds
  actorId: string | null;
  actorUsername: string | null;
  actorRoles: readonly string[];
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson({
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt,
    actorId: e.actorId,
    actorUsername: e.actorUsername,
    actorRoles: [...e.actorRoles],
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    ip: e.ip,
    requestId: e.requestId,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredLink extends ChainedFields {
  /** Position in the chain (1, 2, …): the order links were sealed in. */
  chainPos: number;
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; checked: number; lastSeq: number | null; lastHash: string }
  | {
      ok: false;
      checked: number;
      firstBrokenSeq: number;
      reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'UNSEALED_EVENT';
    };

/**
 * Walks links in sequence order, carrying state between batches so a long trail can be checked
 * without holding it in memory.
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private expectedPos = 1;
  private checked = 0;
  private lastSeq: number | null = null;
  private broken: ChainCheck | null = null;

  push(link: StoredLink): boolean {
    if (this.broken) return false;
    const fail = (reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP') => {
      this.broken = { ok: false, checked: this.checked, firstBrokenSeq: link.seq, reason };
      return false;
    };
    if (link.chainPos !== this.expectedPos) return fail('SEQUENCE_GAP');
    if (link.prevHash !== this.expectedPrev) return fail('PREV_HASH_MISMATCH');
    if (chainHash(link.prevHash, link) !== link.hash) return fail('HASH_MISMATCH');
    this.checked++;
    this.expectedPrev = link.hash;
    this.expectedPos++;
    this.lastSeq = link.seq;
    return true;
  }

  result(): ChainCheck {
    return (
      this.broken ?? {
        ok: true,
        checked: this.checked,
        lastSeq: this.lastSeq,
        lastHash: this.expectedPrev,
      }
    );
  }
}
