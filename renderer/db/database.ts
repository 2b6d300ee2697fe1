// Opens the local RxDB database on IndexedDB (Dexie storage) with every replicated collection.
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollectionCreator,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/collections';
import { toRxSchema } from '../../shared/rx-schema';
import { fieldEncryptionStorage } from './field-encryption';
import { MIGRATION_STRATEGIES } from './migrations';
import type { JournalDatabase } from './types';
import { OtherWindows } from './other-windows';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export const DEFAULT_DATABASE_NAME = 'class_journal';

/** The databases open in this page by name, so the lock and backup reach the one the app opened. */
const openByName = new Map<string, JournalDatabase>();
const openListeners = new Set<(db: JournalDatabase) => void>();
const otherWindows = new WeakMap<object, OtherWindows>();

/** Has another window (a browser tab) this database open, as far as this one has heard? */
export function otherWindowsOpen(db: object): boolean {
  return otherWindows.get(db)?.present ?? false;
}

export function openedDatabase(name: string): JournalDatabase | undefined {
  return openByName.get(name);
}

/** Calls `listener` for every database opened from now on; returns the unsubscribe. */
export function onDatabaseOpened(listener: (db: JournalDatabase) => void): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

export interface OpenDatabaseOptions {
  name?: string;
  /** Tests pass a fake-indexeddb Dexie storage, optionally wrapped in a validator. */
  storage?: RxStorage<unknown, unknown>;
  /**
   * The profile's data key (docs/SECURITY.md). With it the collections' personal fields are
   * encrypted at rest (db/field-encryption.ts, the stored form of RxDB's crypto-js plugin; no
   * eval, fine under the CSP); without it
   * nothing is encrypted (tests and the unencrypted database of versions before profiles).
   */
  password?: string;
}

/**
 * No dev-mode and no schema validator here: documents are checked with the zod schemas by the
 * repository before every write (a validator would cost each keystroke, and ajv breaks the CSP).
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<JournalDatabase> {
  const baseStorage = options.storage ?? getRxStorageDexie();
  const encrypt = options.password !== undefined;
  const db = await createRxDatabase<JournalDatabase>({
    name: options.name ?? DEFAULT_DATABASE_NAME,
    storage: encrypt ? fieldEncryptionStorage(baseStorage) : baseStorage,
    ...(encrypt ? { password: options.password } : {}),
    localDocuments: true,
    eventReduce: true,
    multiInstance: true,
    closeDuplicates: true,
  });
  const creators = {} as Record<CollectionName, RxCollectionCreator>;
  for (const name of COLLECTION_NAMES) {
    creators[name] = {
      schema: toRxSchema(name, { encrypt }) as unknown as RxJsonSchema<unknown>,
      migrationStrategies: MIGRATION_STRATEGIES[name],
    };
  }
  await db.addCollections(creators);
  openByName.set(db.name, db);
  const windows = new OtherWindows(db.name);
  otherWindows.set(db, windows);
  db.onClose.push(() => {
    if (openByName.get(db.name) === db) openByName.delete(db.name);
    windows.close();
  });
  for (const listener of openListeners) listener(db);
  return db;
}
