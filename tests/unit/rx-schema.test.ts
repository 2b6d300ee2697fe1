// The RxDB schemas derived from zod open in a real RxDB database (Dexie storage on fake-indexeddb) and keep the indexes.
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { COLLECTIONS, COLLECTION_NAMES } from '../../shared/collections';
import { toRxSchema } from '../../shared/rx-schema';
import { MIGRATION_STRATEGIES } from '../../renderer/db/migrations';

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

describe('RxDB schemas derived from zod', () => {
  let db: RxDatabase | undefined;
  afterAll(async () => {
    await db?.remove();
  });

  it('has at most 10 replicated collections (RxDB opens 13 per process; tests need room)', () => {
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(10);
  });

  it('every collection opens in RxDB with its indexes, and a valid lesson round-trips', async () => {
    db = await createRxDatabase({
      name: 'schematest' + Date.now(),
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie() }),
      ignoreDuplicate: true,
    });
    const collections = Object.fromEntries(
      COLLECTION_NAMES.map((name) => [
        name,
        { schema: toRxSchema(name) as never, migrationStrategies: MIGRATION_STRATEGIES[name] },
      ]),
    );
    await db.addCollections(collections);
    for (const name of COLLECTION_NAMES) {
      expect(db.collections[name]!.schema.indexes.length).toBeGreaterThanOrEqual(
        COLLECTIONS[name].indexes.length,
      );
    }
    const lesson = COLLECTIONS.lessons.schema.parse({
      id: 'l-1',
      stamps: { topic: { at: '001732000000000-00000-a', by: 'tch-1' } },
      courseId: 'c-1',
      classId: 'cl-5a',
      date: '2026-09-12',
      slot: 2,
      teacherId: 'tch-1',
      lessonType: 'test',
      status: 'held',
      workTypeId: null,
      topic: 'Дроби',
      homework: '',
      entries: { 'st-1': { marks: [{ value: '5', workTypeId: 'test' }], attendance: null } },
    });
    await db.collections.lessons!.insert(lesson);
    const found = await db.collections
      .lessons!.find({ selector: { courseId: 'c-1', date: { $gte: '2026-09-01' } } })
      .exec();
    expect(found.map((d) => d.toJSON().entries['st-1']?.marks[0]?.value)).toEqual(['5']);
    await expect(
      db.collections.lessons!.insert({ ...lesson, id: 'l-2', slot: 99 }),
    ).rejects.toThrow();
  });

  it('marks personal fields for encryption only when asked, and never indexes them', () => {
    expect(toRxSchema('students').encrypted).toBeUndefined();
    const encrypted = toRxSchema('students', { encrypt: true });
    expect(encrypted.encrypted).toEqual(['birthDate', 'address', 'guardians']);
    expect(encrypted.indexes.flat()).not.toContain('guardians');
    expect(encrypted.indexes.flat()).not.toContain('birthDate');
    expect(encrypted.indexes.flat()).not.toContain('address');
  });

  it('bounds indexed numbers with a step so RxDB can build index strings', () => {
    expect(toRxSchema('lessons').properties.slot).toMatchObject({
      minimum: 0,
      maximum: 12,
      multipleOf: 1,
    });
    expect(toRxSchema('classes').properties.grade).toMatchObject({ minimum: 1, maximum: 11 });
  });
});
