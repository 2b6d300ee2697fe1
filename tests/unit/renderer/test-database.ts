// A real RxDB database for the data layer's tests: Dexie storage on fake-indexeddb, dev-mode and
// schema validation on (as only tests may have them), a fresh name every time.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { openDatabase } from '../../../renderer/db/database';
import type { JournalDatabase } from '../../../renderer/db/types';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

let count = 0;

export function openTestDatabase(prefix: string): Promise<JournalDatabase> {
  return openDatabase({
    name: `${prefix}_${Date.now()}_${count++}`,
    storage: wrappedValidateZSchemaStorage({
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    }),
  });
}
