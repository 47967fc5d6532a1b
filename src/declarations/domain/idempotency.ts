import { createHash } from 'node:crypto';

/** The request header a declarant's client may send with POST /api/v1/declarations. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** The response header that marks an answer repeated for a request already made with that key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * How long a key is kept: a retry within this time is answered as the first request was. A daily
 * pass removes older keys, so a key lives between one and two days; after that, the same key
 * makes a new declaration. A client retries a lost reply within minutes, not days.
 */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

/** Printable ASCII without spaces, 8 to 255 characters: room for a UUID or a ULID and a prefix. */
const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** Why `key` cannot be an idempotency key, or null if it can. */
export function idempotencyKeyProblem(key: string): string | null {
  return KEY_PATTERN.test(key)
    ? null
    : `${IDEMPOTENCY_HEADER} must be 8 to 255 printable ASCII characters without spaces`;
}

/**
 * A digest of a request body that does not depend on the order of its object keys: a client
 * that sends the same declaration again, however it serialises it, gets the same digest.
 */
export function requestDigest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
