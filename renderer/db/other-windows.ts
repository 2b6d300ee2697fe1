// Whether another window (a browser tab) has this local database open. The first download's fast
// path writes straight into IndexedDB without telling other windows (sync/snapshot-writer.ts); with
// another window open it takes the storage's own writes instead, which RxDB announces to them, so
// that window's screens show the documents too. The desktop app has one window: no one answers.
const ASK = 'journal-window-asks';
const HERE = 'journal-window-here';

export class OtherWindows {
  private channel: BroadcastChannel | null;
  private seen = false;

  constructor(databaseName: string) {
    this.channel =
      typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(`journal-windows:${databaseName}`);
    if (!this.channel) return;
    // Under Node (tests, tools) an open channel would keep the process alive; browsers have no unref.
    (this.channel as { unref?: () => void }).unref?.();
    this.channel.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data !== ASK && event.data !== HERE) return;
      // A question is another window opening (it may come while this one downloads); an answer is
      // a window that was open before this one.
      this.seen = true;
      if (event.data === ASK) this.channel?.postMessage(HERE);
    };
    this.channel.postMessage(ASK);
  }

  /** True once another window answered or opened; it stays true while this one is open. */
  get present(): boolean {
    return this.seen;
  }

  close(): void {
    this.channel?.close();
    this.channel = null;
  }
}
