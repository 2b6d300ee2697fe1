// Encryption at rest and backup round-trip on real RxDB (Dexie on fake-indexeddb) with the
// personal fields' encryption (db/field-encryption.ts): they never reach IndexedDB in clear, and a
// backup restores every document (unsent changes and stamps included) into a new encrypted profile.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../../shared/collections';
import { generateSchool } from '../../../shared/demo';
import { collectBackup, parseBackupPayload, restoreBackup } from '../../../renderer/backup/backup';
import {
  BackupFormatError,
  decryptBackup,
  encryptBackup,
} from '../../../renderer/backup/backup-file';
import { openDatabase } from '../../../renderer/db/database';
import {
  openDeviceClock,
  readIdentity,
  writeIdentity,
  writeSetup,
} from '../../../renderer/db/device';
import { importSnapshot } from '../../../renderer/db/import-snapshot';
import { createLessonRepository } from '../../../renderer/data/lesson-repository';
import type { JournalDatabase } from '../../../renderer/db/types';
import {
  databasePassword,
  generateDataKey,
  WrongPassphraseError,
} from '../../../renderer/security/key-wrap';

const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const snapshot = generateSchool({ students: 30, seed: 7, asOf: '2026-10-15' });
const firstStudent = snapshot.students[0]!;
const guardian = Object.values(firstStudent.guardians)[0]!;

/** Every record of every fake IndexedDB database, as one string (what a disk scan would see). */
async function rawIndexedDbText(namePart: string): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name?.includes(namePart)) continue;
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(idb.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(store, 'readonly').objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      parts.push(JSON.stringify(all));
    }
    idb.close();
  }
  return parts.join('\n');
}

async function allDocs(db: JournalDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of COLLECTION_NAMES) {
    const docs = await db[name].find({ sort: [{ id: 'asc' }] }).exec();
    out[name] = docs.map((d) => d.toJSON());
  }
  return out;
}

let source: JournalDatabase;
const sourceKey = generateDataKey();
let editedLessonId: string;

beforeAll(async () => {
  source = await openDatabase({
    name: 'journal_psource',
    storage: storage(),
    password: databasePassword(sourceKey),
  });
  await importSnapshot(source, snapshot);
  await writeSetup(source, { source: 'server', completedAt: '2026-10-15T08:00:00.000Z' });
  await writeIdentity(source, 'staff-teacher');
  await source.upsertLocal('sync-session', {
    serverUrl: 'http://school.local:8080',
    account: { id: 'a1', login: 'ivanova', displayName: null, staffId: null, roles: [] },
    device: { id: 'dev1', name: 'Кабинет 12' },
    token: { value: 'SECRET-TOKEN-123', osEncryption: false },
  });
  // An unsent change made on this desktop after the data arrived.
  const clock = await openDeviceClock(source);
  const lessons = createLessonRepository(source, clock, () => 'staff-teacher');
  const lesson = snapshot.lessons[0]!;
  editedLessonId = lesson.id;
  await lessons.setLessonField(lesson.id, 'topic', 'Тема, записанная без связи с сервером');
  // The clock saves its last timestamp a second after a tick: wait for it, so the backup taken
  // below holds it whatever the machine's load.
  while (!(await source.getLocal<{ last: string | null }>('device'))?.toJSON().data.last) {
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  await source.remove().catch(() => undefined);
});

describe('encryption at rest', () => {
  it('stores guardians and birth dates encrypted, and other fields readable', async () => {
    const raw = await rawIndexedDbText('journal_psource');
    // The scan works: a non-personal field of the same student is there in clear.
    expect(raw).toContain(firstStudent.lastName);
    expect(raw).not.toContain(guardian.phone);
    expect(raw).not.toContain(guardian.address);
    if (firstStudent.birthDate) expect(raw).not.toContain(firstStudent.birthDate);
    const back = await source.students.findOne(firstStudent.id).exec();
    expect(back?.guardians).toEqual(firstStudent.guardians);
    expect(back?.birthDate).toBe(firstStudent.birthDate);
  });
});

describe('backup and restore', () => {
  it('round-trips every collection, unsent changes and resume state, without the token', async () => {
    const before = await allDocs(source);
    const lessonBefore = (before.lessons as { id: string; topic: string; stamps: object }[]).find(
      (l) => l.id === editedLessonId,
    );
    expect(lessonBefore?.topic).toBe('Тема, записанная без связи с сервером');

    const file = await encryptBackup(
      await collectBackup(source, 'Иванова'),
      'пароль копии',
      TEST_COST,
    );
    expect(file).not.toContain(guardian.phone);
    expect(file).not.toContain(firstStudent.lastName);
    expect(file).not.toContain('SECRET-TOKEN');
    const deviceBefore = (await source.getLocal<{ node: string; last: string }>('device'))!.toJSON()
      .data;

    // Wipe the source database completely.
    await source.remove();
    expect(await rawIndexedDbText('journal_psource')).not.toContain(firstStudent.lastName);

    await expect(decryptBackup(file, 'не тот пароль')).rejects.toThrow(WrongPassphraseError);
    await expect(decryptBackup('{"format":"x"}', 'пароль копии')).rejects.toThrow(
      BackupFormatError,
    );
    const payload = parseBackupPayload(await decryptBackup(file, 'пароль копии'));
    expect(payload.profileName).toBe('Иванова');

    const restored = await openDatabase({
      name: 'journal_prestored',
      storage: storage(),
      password: databasePassword(generateDataKey()),
    });
    try {
      const summary = await restoreBackup(restored, payload);
      expect(summary.documents).toBe(
        Object.values(before).reduce((sum, docs) => sum + docs.length, 0),
      );
      expect(await allDocs(restored)).toEqual(before);
      expect(await readIdentity(restored)).toBe('staff-teacher');
      const session = (await restored.getLocal<Record<string, unknown>>('sync-session'))!.toJSON()
        .data;
      expect(session).toMatchObject({ serverUrl: 'http://school.local:8080', token: null });
      const device = (await restored.getLocal<{ node: string; last: string }>('device'))!.toJSON()
        .data;
      expect(device.last).toBe(deviceBefore.last);
      expect(device.node).not.toBe(deviceBefore.node);
      // Restored personal data is encrypted under the new profile's key too.
      expect(await rawIndexedDbText('journal_prestored')).not.toContain(guardian.phone);
    } finally {
      await restored.remove();
    }
  }, 60_000);
});

// After the backup test: RxDB opens at most 13 collections per process, so one database at a time.
describe('wrong data key', () => {
  it('refuses to open the database with another key, and opens again with the right one', async () => {
    const key = databasePassword(generateDataKey());
    const db = await openDatabase({ name: 'journal_pkeytest', storage: storage(), password: key });
    await db.students.insert(firstStudent);
    await db.close();
    await expect(
      openDatabase({
        name: 'journal_pkeytest',
        storage: storage(),
        password: databasePassword(generateDataKey()),
      }),
    ).rejects.toThrow();
    const again = await openDatabase({
      name: 'journal_pkeytest',
      storage: storage(),
      password: key,
    });
    expect((await again.students.findOne(firstStudent.id).exec())?.guardians).toEqual(
      firstStudent.guardians,
    );
    await again.remove();
  });
});
