// Loads a whole school snapshot into the local database in chunks, reporting progress.
import { snapshotDocuments, type Snapshot } from '../../shared/snapshot';
import type { JournalDatabase } from './types';

export const IMPORT_CHUNK_SIZE = 500;

export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * bulkUpsert, not bulkInsert: a first run interrupted halfway (the PC switched off) can simply
 * be started again over the documents already stored.
 */
export async function importSnapshot(
  db: JournalDatabase,
  snapshot: Snapshot,
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<void> {
  const groups = [...snapshotDocuments(snapshot)];
  const total = groups.reduce((sum, [, docs]) => sum + docs.length, 0);
  let done = 0;
  onProgress({ done, total });
  for (const [name, docs] of groups) {
    const collection = db[name] as unknown as {
      bulkUpsert(docs: unknown[]): Promise<{ error: unknown[] }>;
    };
    for (let i = 0; i < docs.length; i += IMPORT_CHUNK_SIZE) {
      const chunk = docs.slice(i, i + IMPORT_CHUNK_SIZE);
      const result = await collection.bulkUpsert(chunk);
      if (result.error.length > 0) {
        throw new Error(`Не удалось сохранить ${result.error.length} записей (${name}).`);
      }
      done += chunk.length;
      onProgress({ done, total });
    }
  }
}
