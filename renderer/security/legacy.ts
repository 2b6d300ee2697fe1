// Versions before profiles kept one unencrypted database ("class_journal"). The first profile
// created on such a computer takes its data (unsent changes included) through the backup code,
// then the plain database is deleted, so no personal data stays on disk in clear.
import { collectBackup, restoreBackup } from '../backup/backup';
import { DEFAULT_DATABASE_NAME, openDatabase } from '../db/database';

const LEGACY_PREFIX = `rxdb-dexie-${DEFAULT_DATABASE_NAME}--`;

export async function hasLegacyDatabase(): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false;
  const list = await indexedDB.databases();
  return list.some((info) => info.name?.startsWith(LEGACY_PREFIX) ?? false);
}

/**
 * Copies the legacy database into the profile's encrypted one and removes it. One database at
 * a time: RxDB opens at most 13 collections per page, and each database has nine.
 */
export async function migrateLegacyDatabase(
  databaseName: string,
  password: string,
  profileName: string,
): Promise<number> {
  const legacy = await openDatabase({ name: DEFAULT_DATABASE_NAME });
  const payload = await collectBackup(legacy, profileName);
  await legacy.close();
  const target = await openDatabase({ name: databaseName, password });
  try {
    const summary = await restoreBackup(target, payload);
    const expected = Object.values(payload.collections).reduce((n, docs) => n + docs.length, 0);
    if (summary.documents !== expected) throw new Error('legacy copy incomplete');
    // The device keeps its node id here: it is the same computer, not a restored copy.
    const device = payload.local.device;
    if (device && typeof device === 'object') {
      await target.upsertLocal('device', device as Record<string, unknown>);
    }
  } finally {
    await target.close();
  }
  const again = await openDatabase({ name: DEFAULT_DATABASE_NAME });
  await again.remove();
  return Object.values(payload.collections).reduce((n, docs) => n + docs.length, 0);
}
