import { EntityManager } from 'typeorm';
import { DisclosurePolicy } from './domain';
import { assertSafeRuns, Cell, PublishedRun } from './extract-definitions';

/** Stored runs read per query. */
const RUNS_PER_READ = 500;

/**
 * The one way stored extract rows leave the database: the runs of published rows
 * (foi_extract_row, one row per run of `run_length` equal rows) in keyset batches, each batch
 * through the output guard before it is yielded, so no reader can skip the last line of defence
 * and a large extract never sits in memory at once.
 */
export async function* storedRuns(
  m: EntityManager,
  extractId: string,
  columns: readonly string[],
  policy: DisclosurePolicy,
): AsyncGenerator<readonly PublishedRun[]> {
  let after = -1;
  for (;;) {
    const batch = await m.query<Array<{ seq: number; cells: Cell[]; count: number }>>(
      `SELECT seq, cells, run_length AS count FROM foi_extract_row
        WHERE extract_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [extractId, after, RUNS_PER_READ],
    );
    assertSafeRuns(columns, batch, policy);
    yield batch;
    if (batch.length < RUNS_PER_READ) return;
    after = batch[batch.length - 1].seq;
  }
}
