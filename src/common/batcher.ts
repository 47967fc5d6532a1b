import { AsyncResource } from 'node:async_hooks';

interface Waiter<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers the calls that arrive while the event loop works through one round of I/O and serves
 * them with one call of `run`: under load, the token checks (or declaration drafts) of every
 * request parsed in that round become one database round trip instead of one each. Alone, a call
 * waits only for the end of the current round (a `setImmediate`), so a quiet service answers as
 * before.
 *
 * `run` gets the items in the order they came and returns one result per item, in that order.
 * If it fails, every call in its batch fails with the same error (the caller's usual error path:
 * a database that is down is a 503 for each of them); the next batch starts afresh. With
 * `retryAlone`, for a `run` that is all or nothing (one statement), a failed batch of several is
 * run again one item at a time, so one bad item fails alone. `run` is called outside any
 * request's async context, since its work is no one request's: whatever it needs from the
 * request (who, from where) goes into the item.
 */
export class Batcher<I, O> {
  private pending: Waiter<I, O>[] = [];
  private scheduled = false;
  /** `flush` in the async context the batcher was made in (no request's). */
  private readonly flushBound = AsyncResource.bind(() => this.flush());

  private readonly maxBatch: number;
  private readonly retryAlone: boolean;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    options: {
      /** A batch is sent at once when it reaches this many items (bounds a statement's size). */
      maxBatch?: number;
      /** After a failed batch of several, run each item alone (`run` must be all or nothing). */
      retryAlone?: boolean;
    } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
    this.retryAlone = options.retryAlone ?? false;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1) {
      throw new RangeError('maxBatch must be ≥ 1');
    }
  }

  load(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxBatch) {
        this.flushBound();
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flushBound();
        });
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.settle(batch, this.retryAlone && batch.length > 1);
  }

  private settle(batch: Waiter<I, O>[], retryAlone: boolean): void {
    // A `run` that throws before returning its promise fails the batch like one that rejects.
    const ran = new Promise<readonly O[]>((resolve) => resolve(this.run(batch.map((w) => w.item))));
    ran.then(
      (results) => {
        if (results.length !== batch.length) {
          const err = new Error(`batch of ${batch.length} returned ${results.length} results`);
          for (const w of batch) w.reject(err);
          return;
        }
        batch.forEach((w, i) => w.resolve(results[i]));
      },
      (err: unknown) => {
        if (retryAlone) for (const w of batch) this.settle([w], false);
        else for (const w of batch) w.reject(err);
      },
    );
  }
}
