import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './database-options';
import { embeddedFor, EmbeddedPostgres } from './embedded-postgres';
import { runMigrationsLocked } from './migrate';

export interface DatabaseRuntime {
  url: string;
  embedded: EmbeddedPostgres | null;
}

/**
 * Resolves where the database is (starting the embedded one when there is no DATABASE_URL) and
 * brings its schema up to date before the application opens its own pool. `embeddedStarting`:
 * the embedded database main.ts started before the application's modules loaded.
 */
export async function prepareDatabase(
  config: AppConfig,
  embeddedStarting?: Promise<EmbeddedPostgres> | null,
): Promise<DatabaseRuntime> {
  const embedded = await (embeddedStarting ?? embeddedFor(config));
  const url = config.database.url ?? embedded!.url;
  const ds = new DataSource(buildDataSourceOptions(url, 1, embedded !== null));
  try {
    await ds.initialize();
    await runMigrationsLocked(ds);
  } catch (err) {
    if (ds.isInitialized) await ds.destroy();
    if (embedded) await embedded.stop();
    throw err;
  }
  await ds.destroy();
  return { url, embedded };
}
