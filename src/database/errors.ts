import { QueryFailedError } from 'typeorm';

/*
 * What a database error means, for the callers that must tell them apart: the HTTP filter (503
 * or 409 instead of 500), the guards and services that rethrow an outage rather than turn it into
 * a domain answer, and the writers that retry a lost race on a unique key.
 */

const DB_DOWN =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|Client has encountered a connection error/i;

/** True when a statement broke a unique constraint or primary key (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return (
    err instanceof QueryFailedError &&
    (err.driverError as { code?: string } | undefined)?.code === '23505'
  );
}

/** True when an error means the database cannot be reached (rather than a bad query). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  if (
    code &&
    ['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(code)
  ) {
    return true;
  }
  // TypeORM releases a transaction's runner when its connection dies; the rollback then fails.
  if (/^QueryRunner(Provider)?AlreadyReleasedError$/.test(err.name)) return true;
  return DB_DOWN.test(err.message);
}
