import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { unnestArrays, UnnestColumn } from '../database/unnest';
import { JobRegistry } from '../jobs/job-registry';
import { CryptoModule } from './crypto.module';
import { FieldCipher } from './field-cipher';

/** The daily task that re-encrypts personal fields still under an older key. */
export const FIELD_ROTATION_TASK = 'crypto.re-encrypt-fields';

/** Rows read per keyset page (and written by one statement). */
const PAGE_ROWS = 1000;

/**
 * Where encrypted values live: a table, a unique key to walk it by, its token columns, and
 * optionally a JSON column with one token field and a column naming the key its tokens were made
 * with.
 */
interface EncryptedTable {
  table: string;
  key: ReadonlyArray<{ column: string; type: string }>;
  columns: readonly string[];
  json?: { column: string; field: string };
  keyIdColumn?: string;
}

const ID = { column: 'id', type: 'uuid' };
const CASE_SEQ = [
  { column: 'case_id', type: 'uuid' },
  { column: 'seq', type: 'int' },
];

/** Every place the services write FieldCipher tokens (see their `cipher.encrypt` calls). */
export const ENCRYPTED_TABLES: readonly EncryptedTable[] = [
  {
    table: 'declaration_associate',
    key: [ID],
    columns: ['full_name', 'aliases', 'date_of_birth', 'circumstances'],
    keyIdColumn: 'key_id',
  },
  { table: 'declaration_assessment', key: [ID], columns: ['rationale'] },
  { table: 'declaration_info_request', key: [ID], columns: ['question', 'answer'] },
  { table: 'criminal_case', key: [ID], columns: ['offence_description'] },
  { table: 'criminal_case_stage', key: CASE_SEQ, columns: ['details'] },
  {
    table: 'conduct_case_event',
    key: CASE_SEQ,
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
 * one UPDATE per page; a row changed meanwhile is left alone (its writer used the current key).
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
    const key = t.key.map((k) => k.column).join(', ');
    const json = t.json ? `, ${t.json.column} ->> '${t.json.field}' AS json_token` : '';
    const read = t.columns.length ? `, ${t.columns.join(', ')}` : '';
    const keyParams = t.key.map((_, i) => `$${i + 1}`).join(', ');
    let after: Row | null = null;
    let changed = 0;
    let unreadable = 0;
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT ${key}${read}${json} FROM ${t.table}
          ${after ? `WHERE (${key}) > (${keyParams})` : ''}
          ORDER BY ${key} LIMIT ${PAGE_ROWS}`,
        after ? t.key.map((k) => after![k.column]) : [],
      );
      if (rows.length === 0) break;
      const fresh: Rewritten[] = [];
      for (const r of rows.filter((x) => this.staleTokens(t, x).length > 0)) {
        try {
          fresh.push(this.reencryptRow(t, r));
        } catch {
          unreadable++;
        }
      }
      if (fresh.length > 0) {
        const update = this.pageUpdate(t, fresh);
        const [, count] = await this.dataSource.query<[unknown, number]>(update.sql, update.values);
        changed += count;
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

  /** The row as read, with its tokens under the current key (throws if one cannot be read). */
  private reencryptRow(t: EncryptedTable, r: Row): Rewritten {
    const fresh = (v: unknown) =>
      typeof v === 'string' && this.cipher.needsRotation(v)
        ? this.cipher.encrypt(this.cipher.decrypt(v))
        : v;
    return {
      read: r,
      columns: Object.fromEntries(t.columns.map((c) => [c, fresh(r[c])])),
      json: t.json ? fresh(r.json_token) : null,
    };
  }

  /**
   * One UPDATE of a page's rows to their current-key tokens, from one array per column; a row
   * is written only if it still holds the tokens read (a writer since used the current key).
   */
  private pageUpdate(t: EncryptedTable, rows: Rewritten[]): { sql: string; values: unknown[] } {
    const values: unknown[] = [];
    const columns: Array<UnnestColumn<Rewritten>> = [
      ...t.key.map(
        (k): UnnestColumn<Rewritten> => [`k_${k.column}`, k.type, (w) => w.read[k.column]],
      ),
      ...t.columns.flatMap(
        (c): Array<UnnestColumn<Rewritten>> => [
          [`o_${c}`, 'text', (w) => w.read[c]],
          [`n_${c}`, 'text', (w) => w.columns[c]],
        ],
      ),
    ];
    if (t.json) {
      columns.push(['o_json', 'text', (w) => w.read.json_token], ['n_json', 'text', (w) => w.json]);
    }
    const from = `${unnestArrays(columns, rows, values)} AS v (${columns.map(([c]) => c).join(', ')})`;
    const sets = t.columns.map((c) => `${c} = v.n_${c}`);
    const where = [
      ...t.key.map((k) => `t.${k.column} = v.k_${k.column}`),
      ...t.columns.map((c) => `t.${c} IS NOT DISTINCT FROM v.o_${c}`),
    ];
    if (t.json) {
      const { column, field } = t.json;
      sets.push(
        `${column} = CASE WHEN v.n_json IS NULL THEN t.${column}
           ELSE jsonb_set(t.${column}, '{${field}}', to_jsonb(v.n_json)) END`,
      );
      where.push(`t.${column} ->> '${field}' IS NOT DISTINCT FROM v.o_json`);
    }
    if (t.keyIdColumn) {
      values.push(this.cipher.currentKeyId);
      sets.push(`${t.keyIdColumn} = $${values.length}`);
    }
    return {
      sql: `UPDATE ${t.table} AS t SET ${sets.join(', ')} FROM ${from} WHERE ${where.join(' AND ')}`,
      values,
    };
  }
}

/** A row read by the pass, with its new tokens. */
interface Rewritten {
  read: Row;
  columns: Record<string, unknown>;
  json: unknown;
}

@Module({ imports: [CryptoModule], providers: [FieldRotationService] })
export class FieldRotationModule {}
