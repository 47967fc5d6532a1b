import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { FieldCipher } from '../src/crypto/field-cipher';
import {
  ENCRYPTED_TABLES,
  FIELD_ROTATION_TASK,
  FieldRotationService,
} from '../src/crypto/field-rotation.service';
import { seedSynthetic } from '../src/tools/seed-synthetic';
import { dailyTaskNames } from './helpers/app';
import { envFor, ScratchDatabase, startScratchDatabase } from './helpers/scratch-database';

/**
 * Rotating the field-encryption key: a register written under key r1, the ring changed to
 * "r2,r1", the daily pass run; then every token is under r2, every value reads the same, and a
 * service with r2 alone reads the register. On a scratch database of its own (embedded, or on the
 * server under test:services): the pass rewrites every encrypted value, which must not touch the
 * suite's shared one.
 */
const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('base64');
const PASSWORD = 'rotation-e2e-password';

/** Every token the register holds, by table, column and row: `table.column:key` → token. */
async function tokens(db: ScratchDatabase): Promise<Map<string, string>> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const out = new Map<string, string>();
    for (const t of ENCRYPTED_TABLES) {
      const fields = [
        ...t.columns.map((c) => [c, c] as const),
        ...(t.json
          ? [
              [
                `${t.json.column}.${t.json.field}`,
                `${t.json.column} ->> '${t.json.field}'`,
              ] as const,
            ]
          : []),
      ];
      for (const [name, expr] of fields) {
        const { rows } = await client.query<{ k: string; token: string }>(
          `SELECT concat_ws('/', ${t.key.map((k) => k.column).join(', ')}) AS k, ${expr} AS token
             FROM ${t.table} WHERE ${expr} IS NOT NULL`,
        );
        for (const r of rows) out.set(`${t.table}.${name}:${r.k}`, r.token);
      }
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('field-encryption key rotation', () => {
  let db: ScratchDatabase;
  const both = new FieldCipher(
    { r1: Buffer.from(K1, 'base64'), r2: Buffer.from(K2, 'base64') },
    'r1',
    Buffer.from(process.env.BLIND_INDEX_KEY!, 'utf8'),
  );

  beforeAll(async () => {
    db = await startScratchDatabase();
    await seedSynthetic(
      {
        people: 1500,
        from: 2019,
        to: 2026,
        scale: 1,
        seed: 'rotation',
        asOf: '2026-06-30',
        batch: 500,
        password: PASSWORD,
      },
      envFor(db, { FIELD_ENCRYPTION_KEYS: `r1:${K1}` }),
      () => undefined,
    );
    // The seeder writes no stage details; a few, as PSD would record them.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ case_id: string; seq: number }>(
      `SELECT case_id, seq FROM criminal_case_stage ORDER BY case_id, seq LIMIT 5`,
    );
    for (const r of rows) {
      await client.query(
        `UPDATE criminal_case_stage SET details = $3 WHERE case_id = $1 AND seq = $2`,
        [r.case_id, r.seq, both.encrypt(`Stage note ${r.seq}`)],
      );
    }
    await client.end();
  }, 180000);

  afterAll(() => db.stop());

  it('re-encrypts every value under the new key, each reading as before, then runs r2 alone', async () => {
    const before = await tokens(db);
    // Every kind of place holds tokens to rotate, all under r1.
    const tables = new Set([...before.keys()].map((k) => k.split('.')[0]));
    expect([...tables].sort()).toEqual(ENCRYPTED_TABLES.map((t) => t.table).sort());
    expect([...before.values()].every((v) => v.split('.')[1] === 'r1')).toBe(true);

    const rotated = await createApp(envFor(db, { FIELD_ENCRYPTION_KEYS: `r2:${K2},r1:${K1}` }));
    try {
      const names = dailyTaskNames(rotated.app);
      expect(names).toContain(FIELD_ROTATION_TASK);
      const pass = await rotated.app.get(FieldRotationService).reencryptAll();
      expect(pass.keyId).toBe('r2');
      expect(pass.unreadable).toEqual({});
      expect(Object.keys(pass.reencrypted).sort()).toEqual([...tables].sort());
      // Nothing is left for a second pass.
      expect((await rotated.app.get(FieldRotationService).reencryptAll()).reencrypted).toEqual({});
    } finally {
      await rotated.close();
    }

    const after = await tokens(db);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const unchanged = [...after].filter(([k, v]) => v === before.get(k));
    expect(unchanged).toEqual([]);
    for (const [k, v] of after) {
      expect({ k, key: v.split('.')[1] }).toEqual({ k, key: 'r2' });
      expect({ k, plain: both.decrypt(v) }).toEqual({ k, plain: both.decrypt(before.get(k)!) });
    }
    const client = new Client({ connectionString: db.url });
    await client.connect();
    // Independently of the list the pass works from: no column anywhere in the schema still
    // holds a token made with r1.
    const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')`,
    );
    const leftUnderR1: string[] = [];
    for (const c of columns) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${c.table_name}"
          WHERE "${c.column_name}"::text ~ '(^|")v1\\.r1\\.'`,
      );
      if (rows[0].n > 0) leftUnderR1.push(`${c.table_name}.${c.column_name}: ${rows[0].n}`);
    }
    expect(leftUnderR1).toEqual([]);
    const keyIds = await client.query<{ key_id: string }>(
      `SELECT DISTINCT key_id FROM declaration_associate`,
    );
    const events = await client.query<{ details: { keyId: string } }>(
      `SELECT details FROM audit_event WHERE action = 'CRYPTO.FIELDS_REENCRYPTED'`,
    );
    await client.end();
    expect(keyIds.rows).toEqual([{ key_id: 'r2' }]);
    expect(events.rows).toEqual([{ details: expect.objectContaining({ keyId: 'r2' }) }]);

    // The old key can go: a service with r2 alone reads the register (and its daily pass,
    // with no older key in the ring, has nothing to do).
    const alone = await createApp(envFor(db, { FIELD_ENCRYPTION_KEYS: `r2:${K2}` }));
    try {
      expect(await alone.app.get(FieldRotationService).reencryptAll()).toEqual({
        keyId: 'r2',
        reencrypted: {},
        unreadable: {},
      });
      const http = request(alone.app.getHttpServer());
      const login = await http
        .post('/api/v1/auth/login')
        .send({ username: 'synthetic.vetting', password: PASSWORD });
      expect(login.status).toBe(200);
      const auth = { Authorization: `Bearer ${login.body.accessToken}` };
      const queue = await http.get('/api/v1/vetting/queue').set(auth);
      expect(queue.status).toBe(200);
      const id = queue.body.items[0].id as string;
      const full = await http.get(`/api/v1/declarations/${id}`).set(auth);
      expect(full.status).toBe(200);
      const name = [...before].find(([k]) =>
        k.startsWith(`declaration_associate.full_name:${full.body.associates[0].id}`),
      )!;
      expect(full.body.associates[0].fullName).toBe(both.decrypt(name[1]));
    } finally {
      await alone.close();
    }
  }, 180000);
});
