import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * The application_name of connections to the embedded database. pglite-socket serves every
 * connection from one PGlite session, so a named statement would outlive the connection that
 * prepared it (and collide with the next one's): those connections run statements unnamed.
 */
export const EMBEDDED_APPLICATION_NAME = 'psr-embedded';

/**
 * A random name prefix per client connection. A server gives each connection its own session;
 * a database reached through a socket that shares one session among connections (the e2e
 * suite's PGlite) does not, and a name prepared by an earlier connection must not collide.
 */
const prefixes = new WeakMap<object, string>();

/** The part of a pg client this uses. */
interface PgClient {
  connectionParameters?: { application_name?: string };
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one of the statements every request repeats (the token check, the audit insert, the
 * declaration reads and writes) as a named prepared statement on the manager's connection, in its
 * transaction if it has one: PostgreSQL then parses it once per connection, and plans it once
 * when a generic plan serves, instead of on every call. The name is a digest of the text, so
 * two statements cannot share one. Errors are TypeORM's QueryFailedError, as from
 * `manager.query`, for the exception filter.
 */
export async function preparedQuery<T>(
  m: EntityManager,
  text: string,
  params: unknown[],
): Promise<T[]> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const shared = client.connectionParameters?.application_name === EMBEDDED_APPLICATION_NAME;
    let name: string | undefined;
    if (!shared) {
      let prefix = prefixes.get(client);
      if (!prefix) {
        prefix = `psr_${randomBytes(6).toString('hex')}_`;
        prefixes.set(client, prefix);
      }
      name = prefix + createHash('sha1').update(text).digest('base64url').slice(0, 24);
    }
    try {
      return (await client.query({ name, text, values: params })).rows as T[];
    } catch (err) {
      throw new QueryFailedError(text, params, err as Error);
    }
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}
