// Lesson fields typed but not yet in IndexedDB survive a renderer crash: localStorage writes are
// synchronous and kept by the browser process, IndexedDB writes land a transaction later. Each
// value is kept here from the keystroke until the database holds it, and replayed on the next start.
// Only lesson fields (topic, homework, type, status, teacher) pass through here: no personal data.

export interface FieldDraft {
  lessonId: string;
  field: string;
  value: unknown;
}

export interface FieldDrafts {
  /** Synchronously remembers the newest value of a field. */
  save(lessonId: string, field: string, value: unknown): void;
  /** Forgets the draft once the database holds this value (a newer draft stays). */
  settle(lessonId: string, field: string, written: unknown): void;
  /** Drafts left by a previous run that ended before their writes landed. */
  pending(): FieldDraft[];
}

const PREFIX = 'journal-draft';

export function createFieldDrafts(
  databaseName: string,
  storage: Storage | undefined = globalThis.localStorage,
): FieldDrafts {
  const prefix = `${PREFIX}:${databaseName}:`;
  const keyOf = (lessonId: string, field: string) => `${prefix}${field}:${lessonId}`;
  if (!storage) return { save() {}, settle() {}, pending: () => [] };
  return {
    save(lessonId, field, value) {
      try {
        storage.setItem(keyOf(lessonId, field), JSON.stringify(value));
      } catch {
        // A full or blocked storage only loses the crash protection, never the write itself.
      }
    },
    settle(lessonId, field, written) {
      const key = keyOf(lessonId, field);
      if (storage.getItem(key) === JSON.stringify(written)) storage.removeItem(key);
    },
    pending() {
      const drafts: FieldDraft[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (!key?.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const colon = rest.indexOf(':');
        const raw = storage.getItem(key);
        if (colon <= 0 || raw === null) continue;
        try {
          drafts.push({
            field: rest.slice(0, colon),
            lessonId: rest.slice(colon + 1),
            value: JSON.parse(raw) as unknown,
          });
        } catch {
          storage.removeItem(key);
        }
      }
      return drafts;
    },
  };
}
