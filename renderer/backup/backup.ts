// What a backup holds and how it goes back: every document of every collection (unsent changes
// included, with their stamps) and the local documents needed to resume — never the auth token.
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from '../../shared/collections';
import { ownFields } from '../../shared/rxdb-fields';
import type { JournalDatabase } from '../db/types';
import { BackupFormatError } from './backup-file';

/** Local documents worth restoring; anything else local (caches) is rebuilt by the app. */
export const BACKED_UP_LOCAL_DOCS = ['device', 'identity', 'setup', 'sync-session'] as const;
/** Fields never written to a backup, wherever they occur in a local document. */
const SECRET_FIELDS = new Set(['token', 'password', 'refreshToken']);

export interface BackupPayload {
  kind: 'class-journal-data';
  version: 1;
  profileName: string;
  /** Schema version per collection at backup time; a newer one than ours is refused. */
  schemaVersions: Record<string, number>;
  collections: Record<string, Record<string, unknown>[]>;
  local: Record<string, unknown>;
}

export interface RestoreSummary {
  documents: number;
  perCollection: Record<string, number>;
}

/** Replaces secrets by null, so the restored profile must log in to the server again. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_FIELDS.has(key) ? null : withoutSecrets(inner);
  }
  return out;
}

export async function collectBackup(
  db: JournalDatabase,
  profileName: string,
): Promise<BackupPayload> {
  const collections: BackupPayload['collections'] = {};
  const schemaVersions: BackupPayload['schemaVersions'] = {};
  for (const name of COLLECTION_NAMES) {
    const docs = await db[name].find().exec();
    collections[name] = docs.map((doc) => ownFields(doc.toMutableJSON()));
    schemaVersions[name] = COLLECTIONS[name].version;
  }
  const local: BackupPayload['local'] = {};
  for (const id of BACKED_UP_LOCAL_DOCS) {
    const doc = await db.getLocal<Record<string, unknown>>(id);
    if (doc) local[id] = withoutSecrets(doc.toJSON().data);
  }
  return {
    kind: 'class-journal-data',
    version: 1,
    profileName,
    schemaVersions,
    collections,
    local,
  };
}

export function parseBackupPayload(value: unknown): BackupPayload {
  const v = value as Partial<BackupPayload> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    v.kind !== 'class-journal-data' ||
    v.version !== 1 ||
    typeof v.collections !== 'object' ||
    v.collections === null ||
    typeof v.local !== 'object' ||
    v.local === null ||
    typeof v.schemaVersions !== 'object' ||
    v.schemaVersions === null
  ) {
    throw new BackupFormatError();
  }
  for (const [name, version] of Object.entries(v.schemaVersions)) {
    const ours = (COLLECTIONS as Record<string, { version: number } | undefined>)[name];
    if (ours && version > ours.version) {
      throw new BackupFormatError('Копия сделана более новой версией программы: обновите журнал');
    }
  }
  return v as BackupPayload;
}

/** A restored desktop is a new device: same clock position, new node id (no shared stamps). */
function restoredDevice(value: unknown): Record<string, unknown> | null {
  const device = value as { last?: unknown } | null;
  if (!device || typeof device !== 'object') return null;
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const node = 'd' + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
  return { node, last: typeof device.last === 'string' ? device.last : null };
}

const RESTORE_CHUNK = 500;

/**
 * Writes a backup into an empty database. Documents keep their data and stamps; RxDB treats
 * them as local writes, so replication pushes each one (the server merges per part).
 */
export async function restoreBackup(
  db: JournalDatabase,
  payload: BackupPayload,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RestoreSummary> {
  const names = COLLECTION_NAMES.filter((n) => Array.isArray(payload.collections[n]));
  const total = names.reduce((sum, n) => sum + (payload.collections[n]?.length ?? 0), 0);
  const perCollection: Record<string, number> = {};
  let done = 0;
  for (const name of names) {
    const docs = payload.collections[name] ?? [];
    const collection = db[name as CollectionName] as unknown as {
      bulkUpsert(docs: unknown[]): Promise<{ error: unknown[] }>;
    };
    for (let i = 0; i < docs.length; i += RESTORE_CHUNK) {
      const chunk = docs.slice(i, i + RESTORE_CHUNK).map(ownFields);
      const result = await collection.bulkUpsert(chunk);
      if (result.error.length > 0) {
        throw new Error(`Не удалось восстановить ${result.error.length} записей (${name})`);
      }
      done += chunk.length;
      onProgress(done, total);
    }
    perCollection[name] = docs.length;
  }
  for (const [id, data] of Object.entries(payload.local)) {
    if (!(BACKED_UP_LOCAL_DOCS as readonly string[]).includes(id)) continue;
    const restored = id === 'device' ? restoredDevice(data) : withoutSecrets(data);
    if (restored && typeof restored === 'object') {
      await db.upsertLocal(id, restored as Record<string, unknown>);
    }
  }
  return { documents: done, perCollection };
}
