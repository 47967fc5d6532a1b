import { Client } from 'pg';

/** A column of a bulk-loaded table and the PostgreSQL type its array parameter is cast to. */
export interface BulkColumn {
  name: string;
  /** Element type for the `unnest($n::<type>[])` parameter, e.g. `uuid`, `date`, `text`. */
  type: string;
  /** Cast applied to the unnested value, e.g. `text[]` for array columns sent as literals. */
  cast?: string;
}

export type Cell = string | number | boolean | null;

interface Table {
  name: string;
  columns: BulkColumn[];
  sql: string;
  data: Cell[][];
  rows: number;
  total: number;
}

/**
 * Multi-row inserts, column-wise: each statement is
 * `INSERT INTO t (…) SELECT … FROM unnest($1::uuid[], $2::text[], …)`, one array parameter per
 * column, so a batch of thousands of rows is one round trip with one parameter per column (no
 * 65,535-parameter limit and no SQL built from values). Tables flush in the order they were
 * registered, which is foreign-key order, so a child row never reaches the database before its
 * parent.
 */
export class BulkLoader {
  private readonly tables: Table[] = [];
  private readonly byName = new Map<string, Table>();
  private readonly inflight: Array<Promise<void>> = [];
  /** The last batch sent: the next is sent when it has finished (one query at a time). */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Client,
    private readonly batchRows = 5000,
  ) {}

  table(name: string, columns: BulkColumn[]): void {
    const names = columns.map((c) => c.name);
    const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`);
    const selects = columns.map((c) => (c.cast ? `u.${c.name}::${c.cast}` : `u.${c.name}`));
    const sql =
      `INSERT INTO ${name} (${names.join(', ')}) SELECT ${selects.join(', ')} ` +
      `FROM unnest(${params.join(', ')}) AS u(${names.join(', ')})`;
    const t: Table = { name, columns, sql, data: columns.map(() => []), rows: 0, total: 0 };
    this.tables.push(t);
    this.byName.set(name, t);
  }

  /** Queues one row (values in column order); flushes every table when one is full. */
  async add(name: string, row: Cell[]): Promise<void> {
    const t = this.byName.get(name);
    if (!t) throw new Error(`bulk table ${name} not registered`);
    if (row.length !== t.columns.length) {
      throw new Error(`${name}: ${row.length} values for ${t.columns.length} columns`);
    }
    for (let i = 0; i < row.length; i++) t.data[i].push(row[i]);
    t.rows++;
    if (t.rows >= this.batchRows) await this.flush();
  }

  async flush(): Promise<void> {
    for (const t of this.tables) {
      if (t.rows === 0) continue;
      const data = t.data;
      t.data = t.columns.map(() => []);
      t.total += t.rows;
      t.rows = 0;
      // Overlapped: the next batches are generated while this one is inserted. Each is sent when
      // the one before it has finished (a client runs one query at a time), so foreign-key
      // order holds; a few batches in flight bound the memory. After a failure nothing more is
      // sent, and the failure reaches the caller from the queue below.
      const sent = this.tail.then(() => this.client.query(t.sql, data)).then(() => undefined);
      sent.catch(() => undefined);
      this.tail = sent;
      this.inflight.push(sent);
      if (this.inflight.length > 4) await this.inflight.shift();
    }
  }

  /** Flushes and waits until every queued batch is in the database. */
  async drain(): Promise<void> {
    await this.flush();
    while (this.inflight.length > 0) await this.inflight.shift();
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.tables.map((t) => [t.name, t.total + t.rows]));
  }
}

/** A PostgreSQL array literal for a text[] column sent as one string. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
