import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys for POST /api/v1/declarations. A declarant's client that sends a key and
 * does not hear back (a dropped connection, a timeout) sends the same request again with the
 * same key and gets the declaration the first attempt made, instead of making a second one. The
 * key is the caller's own (scoped by account) and is written in the same statement as the
 * declaration, so it exists exactly when the declaration does. `request_hash` is a digest of the
 * body: the same key with another body is refused.
 */
export class DeclarationIdempotency1763770500000 implements MigrationInterface {
  name = 'DeclarationIdempotency1763770500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE declaration_idempotency (
        user_id uuid NOT NULL REFERENCES app_user(id),
        key varchar(255) NOT NULL,
        declaration_id uuid NOT NULL UNIQUE REFERENCES declaration(id),
        request_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE declaration_idempotency`);
  }
}
