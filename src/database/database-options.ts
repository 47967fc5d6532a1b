import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { EMBEDDED_APPLICATION_NAME } from './prepared';

/**
 * The one TypeORM options builder, used by the application and by the migration CLI. Schema
 * comes only from migrations; `synchronize` is never on. `embedded`: the URL is the embedded
 * database's (see EMBEDDED_APPLICATION_NAME).
 */
export function buildDataSourceOptions(
  url: string,
  poolMax: number,
  embedded: boolean,
): DataSourceOptions {
  const root = path.resolve(__dirname, '..', '..');
  const ext = __filename.endsWith('.ts') ? 'ts' : 'js';
  return {
    type: 'postgres',
    url,
    entities: [path.join(root, 'src', '**', `*.entity.${ext}`)],
    migrations: [path.join(root, 'migrations', `*.${ext}`)],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    // Query logging would print parameters, which hold personal data: errors go through the filter.
    logging: false,
    extra: {
      max: poolMax,
      // Fail fast when the database is unreachable rather than queueing requests forever.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      application_name: embedded ? EMBEDDED_APPLICATION_NAME : 'psr',
    },
  };
}
