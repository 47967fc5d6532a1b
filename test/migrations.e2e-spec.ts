import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/database-options';
import { revertLastMigration, runMigrationsLocked } from '../src/database/migrate';
import { ScratchDatabase, startScratchDatabase } from './helpers/scratch-database';

/**
 * The migrations as an operator uses them: applied to an empty database, reverted one by one
 * (`npm run migration:revert`) to nothing, and applied again. Every `down` must run, leave
 * nothing of its migration behind, and let the next `up` rebuild the same schema; a rollback
 * found broken on the day of a bad release is too late. On a scratch database of the suite's
 * kind (PGlite under `npm test`, the server under `test:services`).
 */

/** The public schema as a sorted list of lines: columns, constraints, indexes, triggers, … */
async function schema(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<Array<{ line: string }>>(`
    SELECT format('column %s.%s %s %s default %s', table_name, column_name, data_type,
                  is_nullable, column_default) AS line
      FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT format('constraint %s.%s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT format('trigger %s.%s %s', tgrelid::regclass, tgname, pg_get_triggerdef(oid))
      FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT format('function %s', p.oid::regprocedure)
      FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL
    SELECT format('sequence %s', sequence_name)
      FROM information_schema.sequences WHERE sequence_schema = 'public'`);
  return rows.map((r) => r.line).sort();
}

const applied = (ds: DataSource) =>
  ds
    .query<Array<{ name: string }>>(`SELECT name FROM schema_migrations ORDER BY id`)
    .then((rows) => rows.map((r) => r.name));

describe('migrations: up, down to nothing, up again', () => {
  let db: ScratchDatabase;
  let ds: DataSource;
  const files = fs
    .readdirSync(path.join(__dirname, '..', 'migrations'))
    .filter((f) => /\.ts$/.test(f));

  beforeAll(async () => {
    db = await startScratchDatabase();
    ds = new DataSource(buildDataSourceOptions(db.url, 1, db.embedded));
    await ds.initialize();
  }, 60000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.stop();
  });

  /** What reverting a migration must bring back, for the migrations whose `down` restores data or shape. */
  const afterRevert: Record<string, (back: string[]) => void> = {
    // Identity keys go back to the B-tree they had before the hash index.
    AssociateIdentityHashIndex1763770700000: (back) =>
      expect(back.filter((l) => l.includes('ix_associate_identity_hash'))).toEqual([
        'index CREATE INDEX ix_associate_identity_hash ON public.associate_identity USING btree (hash)',
      ]),
    // The legacy chain columns come back (empty, nullable); the chain stays in audit_seal.
    AuditEventLegacyHashDropped1763770600000: (back) => {
      expect(back.filter((l) => /^column audit_event\.(prev_hash|hash) /.test(l))).toEqual([
        'column audit_event.hash character YES default ',
        'column audit_event.prev_hash character YES default ',
      ]);
      expect(back).toContain('column audit_seal.hash character NO default ');
    },
  };

  it('reverts every migration in turn and rebuilds the same schema', async () => {
    const names = await runMigrationsLocked(ds);
    expect(names).toHaveLength(files.length);
    for (const name of Object.keys(afterRevert)) expect(names).toContain(name);
    const built = await schema(ds);
    expect(built.filter((l) => /^column audit_event\.(prev_hash|hash) /.test(l))).toEqual([]);
    expect(built.filter((l) => l.includes('ix_associate_identity_hash'))).toEqual([
      'index CREATE INDEX ix_associate_identity_hash ON public.associate_identity USING hash (hash)',
    ]);

    for (let left = names.length; left > 0; left--) {
      await revertLastMigration(ds);
      expect(await applied(ds)).toEqual(names.slice(0, left - 1));
      afterRevert[names[left - 1]]?.(await schema(ds));
    }
    // Nothing of the register is left: only TypeORM's own bookkeeping table.
    expect((await schema(ds)).filter((l) => !l.includes('schema_migrations'))).toEqual([]);

    expect(await runMigrationsLocked(ds)).toEqual(names);
    expect(await schema(ds)).toEqual(built);
  }, 180000);
});
