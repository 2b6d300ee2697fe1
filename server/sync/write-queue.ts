// A process-wide async mutex: document writes run one at a time, in arrival order.

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Runs fn after every previously queued fn has settled. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(fn);
    this.tail = result
      .catch(() => undefined)
      .finally(() => {
        this.waiting -= 1;
      });
    return result;
  }

  get pending(): number {
    return this.waiting;
  }
}
