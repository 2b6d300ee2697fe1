// Counts local changes not yet accepted by the server: every local write (not one the replication
// itself wrote) marks its document; a successful push clears the documents it carried, unless they
// were written again while the push was in flight.

export class PendingChanges {
  /** `${collection}|${id}` → write generation. */
  private readonly pending = new Map<string, number>();
  private generation = 0;
  private readonly listeners = new Set<(count: number) => void>();

  get count(): number {
    return this.pending.size;
  }

  onChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  noteWrite(collection: string, ids: Iterable<string>): void {
    let changed = false;
    for (const id of ids) {
      this.pending.set(`${collection}|${id}`, ++this.generation);
      changed = true;
    }
    if (changed) this.emit();
  }

  /** Call before sending; pass the result to `acknowledge` when the server answered. */
  beginPush(collection: string, ids: readonly string[]): Map<string, number | undefined> {
    return new Map(ids.map((id) => [id, this.pending.get(`${collection}|${id}`)]));
  }

  /** The server accepted (or answered for) these documents; forget those not written since. */
  acknowledge(collection: string, snapshot: Map<string, number | undefined>): void {
    let changed = false;
    for (const [id, generation] of snapshot) {
      const key = `${collection}|${id}`;
      if (this.pending.get(key) === generation && this.pending.delete(key)) changed = true;
    }
    if (changed) this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.pending.size);
  }
}
