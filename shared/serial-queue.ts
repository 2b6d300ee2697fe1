// Runs async tasks one after another: per key (two quick edits of one document never race on the
// desktop) or all in one line (every document write of the server). A failed task never blocks
// the next one; each caller gets its own task's result or error.
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it (under the same key) has settled. */
  run<T>(task: () => Promise<T>): Promise<T>;
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  run<T>(keyOrTask: string | (() => Promise<T>), maybeTask?: () => Promise<T>): Promise<T> {
    const key = typeof keyOrTask === 'string' ? keyOrTask : '';
    const task = typeof keyOrTask === 'string' ? maybeTask : keyOrTask;
    if (!task) throw new TypeError('SerialQueue.run needs a task');
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
