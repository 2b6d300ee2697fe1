// Counts local changes not yet accepted by the server: every local write (not one the replication
// itself wrote) marks its document and the stamped parts it changed (5 marks, a topic and homework
// in one lesson are 7 changes); a successful push clears the documents it carried, unless they
// were written again while the push was in flight.

export class PendingChanges {
  /** `${collection}|${id}` → write generation. */
  private readonly pending = new Map<string, number>();
  /** `${collection}|${id}` → the stamped parts changed since the server last accepted it. */
  private readonly parts = new Map<string, Set<string>>();
  private generation = 0;
  private readonly listeners = new Set<(count: number) => void>();

  /** Changed parts (at least one per document written). */
  get count(): number {
    let n = 0;
    for (const key of this.pending.keys()) n += Math.max(1, this.parts.get(key)?.size ?? 0);
    return n;
  }

  onChange(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `changedParts` per id: the stamped parts the write changed (none known: the document counts once). */
  noteWrite(
    collection: string,
    ids: Iterable<string>,
    changedParts?: ReadonlyMap<string, readonly string[]>,
  ): void {
    let changed = false;
    for (const id of ids) {
      const key = `${collection}|${id}`;
      this.pending.set(key, ++this.generation);
      const set = this.parts.get(key) ?? new Set<string>();
      for (const part of changedParts?.get(id) ?? []) set.add(part);
      this.parts.set(key, set);
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
      if (this.pending.get(key) === generation && this.pending.delete(key)) {
        this.parts.delete(key);
        changed = true;
      }
    }
    if (changed) this.emit();
  }

  private emit(): void {
    const count = this.count;
    for (const listener of this.listeners) listener(count);
  }
}

/** The stamped parts whose stamp differs between two versions (a new document: none, it counts once). */
export function changedStampParts(before: unknown, after: unknown): string[] {
  if (!before) return [];
  const stampsOf = (doc: unknown) =>
    ((doc as { stamps?: Record<string, { at?: string }> } | undefined)?.stamps ?? {}) as Record<
      string,
      { at?: string }
    >;
  const a = stampsOf(before);
  const b = stampsOf(after);
  return Object.keys(b).filter((k) => a[k]?.at !== b[k]?.at);
}
