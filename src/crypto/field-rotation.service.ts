import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { JobRegistry } from '../jobs/job-registry';
import { CryptoModule } from './crypto.module';
import { FieldCipher } from './field-cipher';

/** The daily task that re-encrypts personal fields still under an older key. */
export const FIELD_ROTATION_TASK = 'crypto.re-encrypt-fields';

/** Rows read per keyset page (and written per transaction). */
const PAGE_ROWS = 1000;

/**
 * Where encrypted values live: a table, a unique key to walk it by, its token columns, and
 * optionally a JSON column with one token field and a column naming the key its tokens were made
 * with.
 */
interface EncryptedTable {
  table: string;
  key: readonly string[];
  columns: readonly string[];
  json?: { column: string; field: string };
  keyIdColumn?: string;
}

/** Every place the services write FieldCipher tokens (see their `cipher.encrypt` calls). */
export const ENCRYPTED_TABLES: readonly EncryptedTable[] = [
  {
    table: 'declaration_associate',
    key: ['id'],
    columns: ['full_name', 'aliases', 'date_of_birth', 'circumstances'],
    keyIdColumn: 'key_id',
  },
  { table: 'declaration_assessment', key: ['id'], columns: ['rationale'] },
  { table: 'declaration_info_request', key: ['id'], columns: ['question', 'answer'] },
  { table: 'criminal_case', key: ['id'], columns: ['offence_description'] },
  { table: 'criminal_case_stage', key: ['case_id', 'seq'], columns: ['details'] },
  {
    table: 'conduct_case_event',
    key: ['case_id', 'seq'],
    columns: [],
    json: { column: 'payload', field: 'reason' },
  },
];

type Row = Record<string, unknown>;

/**
 * Key rotation for the personal fields: after a new key is put first in FIELD_ENCRYPTION_KEYS,
 * new values use it at once and old ones still decrypt with the key they name; this pass (daily,
 * in the processes that run jobs) re-encrypts every older value under the current key, so the old
 * key can be dropped from the ring once a pass has found nothing left. One keyset pass per table,
 * a transaction per page; a row changed meanwhile is left alone (its writer used the current key).
 * One audit event per run that changed anything: counts per table, never values. With a single
 * key in the ring (the usual state between rotations) the pass does nothing.
 */
@Injectable()
export class FieldRotationService implements OnModuleInit {
  private readonly logger = new Logger('FieldRotation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.registerDaily(FIELD_ROTATION_TASK, () => this.reencryptAll());
  }

  async reencryptAll(): Promise<{
    keyId: string;
    reencrypted: Record<string, number>;
    unreadable: Record<string, number>;
  }> {
    const reencrypted: Record<string, number> = {};
    const unreadable: Record<string, number> = {};
    // With one key in the ring there is no older key to rotate from: the pass would read every
    // encrypted row of the register each day to find nothing (a token under a dropped key cannot
    // be re-encrypted, and its read fails loudly anyway).
    if (this.cipher.keyIds.length === 1) {
      return { keyId: this.cipher.currentKeyId, reencrypted, unreadable };
    }
    for (const t of ENCRYPTED_TABLES) {
      const n = await this.reencryptTable(t);
      if (n.changed > 0) reencrypted[t.table] = n.changed;
      if (n.unreadable > 0) unreadable[t.table] = n.unreadable;
    }
    if (Object.keys(unreadable).length > 0) {
      // A token naming a key no longer in the ring: put that key back (after the current one).
      this.logger.error(`Tokens no key in the ring can decrypt: ${JSON.stringify(unreadable)}`);
    }
    const total = Object.values(reencrypted).reduce((a, b) => a + b, 0);
    if (total > 0) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, {
          action: 'CRYPTO.FIELDS_REENCRYPTED',
          entityType: 'field_encryption',
          actor: null,
          details: { keyId: this.cipher.currentKeyId, rows: reencrypted, unreadable },
        }),
      );
      this.logger.log(`Re-encrypted ${total} rows under key ${this.cipher.currentKeyId}`);
    }
    return { keyId: this.cipher.currentKeyId, reencrypted, unreadable };
  }

  private async reencryptTable(
    t: EncryptedTable,
  ): Promise<{ changed: number; unreadable: number }> {
    const key = t.key.join(', ');
    const json = t.json ? `, ${t.json.column} ->> '${t.json.field}' AS json_token` : '';
    const read = t.columns.length ? `, ${t.columns.join(', ')}` : '';
    const params = (after: Row) => t.key.map((k) => after[k]);
    const keyParams = t.key.map((_, i) => `$${i + 1}`).join(', ');
    let after: Row | null = null;
    let changed = 0;
    let unreadable = 0;
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT ${key}${read}${json} FROM ${t.table}
          ${after ? `WHERE (${key}) > (${keyParams})` : ''}
          ORDER BY ${key} LIMIT ${PAGE_ROWS}`,
        after ? params(after) : [],
      );
      if (rows.length === 0) break;
      const stale = rows.filter((r) => this.staleTokens(t, r).length > 0);
      if (stale.length > 0) {
        await this.dataSource.transaction(async (m) => {
          for (const r of stale) {
            let update: { sql: string; values: unknown[] };
            try {
              update = this.rewrite(t, r);
            } catch {
              unreadable++;
              continue;
            }
            const [, count] = await m.query<[unknown, number]>(update.sql, update.values);
            changed += count;
          }
        });
      }
      after = rows[rows.length - 1];
      if (rows.length < PAGE_ROWS) break;
    }
    return { changed, unreadable };
  }

  /** The row's tokens (columns, then the JSON field) made with a key other than the current. */
  private staleTokens(t: EncryptedTable, r: Row): string[] {
    const tokens = [...t.columns.map((c) => r[c]), t.json ? r.json_token : null];
    return tokens.filter((v): v is string => typeof v === 'string' && this.cipher.needsRotation(v));
  }

  /** An UPDATE of one row to current-key tokens, only if it still holds the ones read. */
  private rewrite(t: EncryptedTable, r: Row): { sql: string; values: unknown[] } {
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const fresh = (v: unknown) =>
      typeof v === 'string' && this.cipher.needsRotation(v)
        ? this.cipher.encrypt(this.cipher.decrypt(v))
        : v;
    const sets = t.columns.map((c) => `${c} = ${param(fresh(r[c]))}`);
    const where = [
      ...t.key.map((k) => `${k} = ${param(r[k])}`),
      ...t.columns.map((c) => `${c} IS NOT DISTINCT FROM ${param(r[c])}`),
    ];
    if (t.json) {
      const { column, field } = t.json;
      if (typeof r.json_token === 'string') {
        sets.push(
          `${column} = jsonb_set(${column}, '{${field}}', to_jsonb(${param(fresh(r.json_token))}::text))`,
        );
      }
      where.push(`${column} ->> '${field}' IS NOT DISTINCT FROM ${param(r.json_token)}`);
    }
    if (t.keyIdColumn) sets.push(`${t.keyIdColumn} = ${param(this.cipher.currentKeyId)}`);
    return {
      sql: `UPDATE ${t.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`,
      values,
    };
  }
}

@Module({ imports: [CryptoModule], providers: [FieldRotationService] })
export class FieldRotationModule {}
