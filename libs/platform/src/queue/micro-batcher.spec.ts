import { MicroBatcher, Settled } from './micro-batcher';

describe('MicroBatcher', () => {
  const doubler = () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((n): Settled<number> => (n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 2 }));
      },
      { maxSize: 3, lingerMs: 20 },
    );
    return { batches, batcher };
  };

  it('gathers items submitted together into one batch, and answers each submitter', async () => {
    const { batches, batcher } = doubler();
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).resolves.toEqual([2, 4]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('runs a full batch at once and starts the next', async () => {
    const { batches, batcher } = doubler();
    await expect(Promise.all([1, 2, 3, 4].map((n) => batcher.submit(n)))).resolves.toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('fails only the items that failed', async () => {
    const { batcher } = doubler();
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(-1)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 2 });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: new Error('bad -1') });
  });

  it('fails every item when the batch itself fails', async () => {
    const batcher = new MicroBatcher<number, number>(() => Promise.reject(new Error('database down')), { maxSize: 10, lingerMs: 1 });
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
