import { Batcher } from './batcher';
import { currentContext, requestContext } from './request-context';

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('Batcher', () => {
  it('serves the calls made in one turn of the event loop with one run, results in order', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, string>((items) => {
      runs.push([...items]);
      return Promise.resolve(items.map((i) => `r${i}`));
    });
    const results = await Promise.all([b.load(1), b.load(2), b.load(3)]);
    expect(results).toEqual(['r1', 'r2', 'r3']);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('starts a new batch for calls made after the previous one was sent', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, number>((items) => {
      runs.push([...items]);
      return Promise.resolve(items);
    });
    const first = b.load(1);
    await turn();
    const second = b.load(2);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(runs).toEqual([[1], [2]]);
  });

  it('sends a batch at once when it reaches its maximum size', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, number>(
      (items) => {
        runs.push([...items]);
        return Promise.resolve(items);
      },
      { maxBatch: 2 },
    );
    const all = Promise.all([b.load(1), b.load(2), b.load(3)]);
    expect(runs).toEqual([[1, 2]]); // sent synchronously, before the turn ends
    expect(await all).toEqual([1, 2, 3]);
    expect(runs).toEqual([[1, 2], [3]]);
  });

  it('fails every call of a failed batch with its error, and the next batch runs afresh', async () => {
    let fail = true;
    const b = new Batcher<number, number>((items) =>
      fail ? Promise.reject(new Error('database down')) : Promise.resolve(items),
    );
    const failed = await Promise.allSettled([b.load(1), b.load(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error('database down'));
    fail = false;
    expect(await b.load(3)).toBe(3);
  });

  it('fails the batch when run throws synchronously or returns the wrong number of results', async () => {
    const throwing = new Batcher<number, number>(() => {
      throw new Error('bad statement');
    });
    await expect(throwing.load(1)).rejects.toThrow('bad statement');
    const short = new Batcher<number, number>(() => Promise.resolve([1]));
    const r = await Promise.allSettled([short.load(1), short.load(2)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });

  it('with retryAlone, runs a failed batch again item by item so only the bad item fails', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, number>(
      (items) => {
        runs.push([...items]);
        return items.includes(2) ? Promise.reject(new Error('bad 2')) : Promise.resolve(items);
      },
      { retryAlone: true },
    );
    const r = await Promise.allSettled([b.load(1), b.load(2), b.load(3)]);
    expect(r).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('bad 2') },
      { status: 'fulfilled', value: 3 },
    ]);
    expect(runs).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("runs outside the callers' request context", async () => {
    let seen: unknown = 'unset';
    const b = new Batcher<number, number>((items) => {
      seen = currentContext();
      return Promise.resolve(items);
    });
    await requestContext.run({ requestId: 'r1', ip: null, actor: null }, () => b.load(1));
    expect(seen).toBeUndefined();
    seen = 'unset';
    const full = new Batcher<number, number>(
      (items) => {
        seen = currentContext();
        return Promise.resolve(items);
      },
      { maxBatch: 1 },
    );
    await requestContext.run({ requestId: 'r2', ip: null, actor: null }, () => full.load(1));
    expect(seen).toBeUndefined();
  });

  it('refuses a maximum batch size below one', () => {
    expect(() => new Batcher<number, number>(() => Promise.resolve([]), { maxBatch: 0 })).toThrow(
      RangeError,
    );
  });
});
