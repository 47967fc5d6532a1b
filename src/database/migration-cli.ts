/* eslint-disable no-console -- a command-line tool talks to its terminal */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from './database-options';
import { embeddedFor } from './embedded-postgres';
import { revertLastMigration, runMigrationsLocked } from './migrate';

/**
 * `npm run migration:run | migration:revert | migration:generate -- <Name>`, against
 * DATABASE_URL or, without it, the embedded database in DATA_DIR. Uses the application's own
 * options builder so the CLI and the service can never disagree about entities or migrations.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const embedded = await embeddedFor(config);
  const ds = new DataSource(
    buildDataSourceOptions(config.database.url ?? embedded!.url, 1, embedded !== null),
  );
  await ds.initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrationsLocked(ds);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
    } else if (command === 'revert') {
      await revertLastMigration(ds);
      console.log('Reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        throw new Error('Usage: npm run migration:generate -- PascalCaseName');
      }
      await runMigrationsLocked(ds);
      const sql = await ds.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('The entities match the schema: nothing to generate');
        return;
      }
      const ts = Date.now();
      const lines = (qs: typeof sql.upQueries) =>
        qs.map((q) => `    await queryRunner.query(${JSON.stringify(q.query)});`).join('\n');
      const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(sql.upQueries)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(sql.downQueries.reverse())}
  }
}
`;
      const file = path.resolve(__dirname, '..', '..', '..', 'migrations', `${ts}-${name}.ts`);
      fs.writeFileSync(file, body);
      console.log(
        `Wrote ${path.relative(process.cwd(), file)}: read and tidy it before committing`,
      );
    } else {
      throw new Error('Usage: migration-cli run | revert | generate <Name>');
    }
  } finally {
    await ds.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
