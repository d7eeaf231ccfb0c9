/** The outcome of one item of a batch: a batch may succeed for some items and fail for others. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Collects items submitted close together and hands them to `run` as one batch: after `lingerMs`
 * from the first, or at once when `maxSize` are waiting. Each submitter gets its own item's
 * outcome. With one item in sight (the usual case outside bursts) it costs `lingerMs` of latency;
 * in a burst it turns many small transactions into a few large ones.
 */
export class MicroBatcher<I, O> {
  private pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: I[]) => Promise<Settled<O>[]>,
    private readonly options: { maxSize: number; lingerMs: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.pending.length);
    if (batch.length === 0) return;
    this.run(batch.map((b) => b.item)).then(
      (outcomes) =>
        batch.forEach((b, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) b.resolve(outcome.value);
          else b.reject(outcome ? outcome.error : new Error('the batch returned no outcome for this item'));
        }),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }
}
