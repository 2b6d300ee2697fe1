// The document source reader (renderer/data/document-source.ts) on a real RxDB database holding a
// generated demo school: one class's documents through the classId indexes, or the whole school's,
// and documents built from them match those built from the whole snapshot.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../shared/course';
import { generateSchool } from '../../../shared/demo';
import { buildConsentModel } from '../../../shared/documents/consent-model';
import { buildExtractModel } from '../../../shared/documents/extract-model';
import type { Snapshot } from '../../../shared/snapshot';
import { openDatabase } from '../../../renderer/db/database';
import { importSnapshot } from '../../../renderer/db/import-snapshot';
import type { JournalDatabase } from '../../../renderer/db/types';
import { readDocumentSource } from '../../../renderer/data/document-source';
import { courseOnlySource } from '../../../renderer/print/gather-source';
import { buildSummaryModel } from '../../../shared/documents/summary-model';

let db: JournalDatabase;
let snapshot: Snapshot;

beforeAll(async () => {
  snapshot = generateSchool({ students: 60, seed: 5, asOf: '2026-10-20' });
  db = await openDatabase({
    name: `gather_${Date.now()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
  await importSnapshot(db, snapshot);
}, 120_000);

afterAll(async () => {
  await db.remove();
});

const ids = (docs: readonly { id: string }[]) => docs.map((d) => d.id).sort();

describe('readDocumentSource', () => {
  it('returns the school, periods, staff and exactly the class documents', async () => {
    const cls = snapshot.classes[1]!;
    const source = await readDocumentSource(db, cls.id, { consents: true });
    expect(source.school.id).toBe(snapshot.school.id);
    expect(ids(source.periods)).toEqual(ids(snapshot.periods));
    expect(ids(source.staff)).toEqual(ids(snapshot.staff));
    expect(ids(source.classes)).toEqual([cls.id]);
    const of = <T extends { id: string; classId: string }>(docs: readonly T[]) =>
      ids(docs.filter((d) => d.classId === cls.id));
    expect(ids(source.students)).toEqual(of(snapshot.students));
    expect(ids(source.courses)).toEqual(of(snapshot.courses));
    expect(ids(source.lessons)).toEqual(of(snapshot.lessons));
    expect(source.lessons.length).toBeGreaterThan(50);
    expect(ids(source.periodMarks)).toEqual(of(snapshot.periodMarks));
    expect(ids(source.consents)).toEqual(of(snapshot.consents));
    // Plain documents, no RxDB metadata.
    expect(Object.keys(source.lessons[0]!).some((k) => k.startsWith('_'))).toBe(false);
  });

  it('builds the same documents as the whole snapshot does', async () => {
    const cls = snapshot.classes[1]!;
    const source = await readDocumentSource(db, cls.id, { consents: true });
    const options = { classKey: cls.id, periodId: snapshot.periods[0]!.id, issuedOn: '2026-10-20' };
    expect(buildExtractModel(source, options)).toEqual(buildExtractModel(snapshot, options));
    const consent = {
      classKey: cls.id,
      variant: 'consent' as const,
      onlyUnanswered: true,
      issuedOn: '2026-10-20',
    };
    expect(buildConsentModel(source, consent)).toEqual(buildConsentModel(snapshot, consent));
  });

  it('refuses an unknown class in Russian', async () => {
    await expect(readDocumentSource(db, 'cl-none')).rejects.toThrow('Класс не найден');
  });

  it('narrows to one course: its subject only in the extract', async () => {
    const cls = snapshot.classes[1]!;
    const source = await readDocumentSource(db, cls.id, { consents: true });
    const course = source.courses.find((c: Course) => c.groupId === null)!;
    const narrowed = courseOnlySource(source, course);
    expect(narrowed.lessons.every((l) => l.courseId === course.id)).toBe(true);
    const model = buildExtractModel(narrowed, {
      classKey: cls.id,
      periodId: snapshot.periods[0]!.id,
      issuedOn: '2026-10-20',
    });
    const subject = snapshot.school.subjects.find((s) => s.id === course.subjectId)!.name;
    expect(model.students.length).toBeGreaterThan(0);
    for (const s of model.students) expect(s.subjects.map((x) => x.name)).toEqual([subject]);
  });

  it('leaves consents out unless asked (the summary sheet needs none)', async () => {
    const cls = snapshot.classes[1]!;
    expect(snapshot.consents.some((c) => c.classId === cls.id)).toBe(true);
    expect((await readDocumentSource(db, cls.id)).consents).toEqual([]);
  });

  it('reads the whole school without a class, lessons in class and date order', async () => {
    const source = await readDocumentSource(db, null);
    expect(ids(source.classes)).toEqual(ids(snapshot.classes));
    expect(ids(source.students)).toEqual(ids(snapshot.students));
    expect(ids(source.courses)).toEqual(ids(snapshot.courses));
    expect(ids(source.lessons)).toEqual(ids(snapshot.lessons));
    expect(ids(source.periodMarks)).toEqual(ids(snapshot.periodMarks));
    expect(source.consents).toEqual([]);
    const order = source.lessons.map((l) => `${l.classId}|${l.date}`);
    expect(order).toEqual([...order].sort());
    const options = {
      periodId: snapshot.periods[0]!.id,
      asOf: '2026-10-20',
      issuedOn: '2026-10-20',
    };
    expect(buildSummaryModel(source, options)).toEqual(buildSummaryModel(snapshot, options));
  });
});
