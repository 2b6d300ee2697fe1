// In-process fan-out of accepted writes to live streams (SSE), in sequence order.
import type { DocState } from './collections';

export interface ChangeBatch {
  collection: string;
  /** Accepted documents in seq order. */
  documents: { seq: number; state: DocState }[];
  /** The highest seq in the batch. */
  checkpoint: { seq: number };
}

export type ChangeListener = (batch: ChangeBatch) => void;

export class ChangeHub {
  private readonly listeners = new Map<string, Set<ChangeListener>>();

  subscribe(collection: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(collection);
    if (!set) {
      set = new Set();
      this.listeners.set(collection, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(batch: ChangeBatch): void {
    for (const listener of this.listeners.get(batch.collection) ?? []) {
      try {
        listener(batch);
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }

  count(collection?: string): number {
    if (collection) return this.listeners.get(collection)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
