// The timetable repository against a real RxDB database (Dexie on fake-indexeddb, schema validation
// on): the deputy's new version is stored with every part but the identity stamped by them, the
// same date's version is replaced part by part, and a conflict or a teacher's write is refused in
// Russian with nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './test-database';
import { createClock } from '../../../shared/hlc';
import type { Course } from '../../../shared/course';
import type { SetupContext } from '../../../shared/setup/context';
import type { Timetable } from '../../../shared/timetable';
import {
  createTimetableRepository,
  type TimetableRepository,
} from '../../../renderer/data/timetable-repository';
import type { JournalDatabase } from '../../../renderer/db/types';
import { WriteError } from '../../../renderer/data/write-error';
import { versionDocument } from '../../../renderer/workspaces/timetable/timetable-grid';
import { FIXTURE_STAFF, fixtureContext } from '../../fixtures/school';

const TODAY = '2026-12-01';
let db: JournalDatabase;
let author: string | null;
let repo: TimetableRepository;

const courses: Course[] = [
  ['c5a-math', 'cl-5a', 'math', 'st-pet'],
  ['c5b-math', 'cl-5b', 'math', 'st-pet'],
].map(([id, classId, subjectId, teacherId]) => ({
  id: id!,
  stamps: {},
  yearId: 'y-fixture',
  classId: classId!,
  subjectId: subjectId!,
  groupId: null,
  teacherId: teacherId!,
  assessment: 'marks',
  hoursPerWeek: 4,
  plannedByPeriod: {},
  plannedYear: 136,
  hasExam: false,
}));

const draft = (classId: string, courseId: string, slot: number, name = 'С 07.12.2026'): Timetable =>
  versionDocument({
    classId,
    yearId: 'y-fixture',
    validFrom: '2026-12-07',
    name,
    cells: [{ weekday: 1, slot, courseId, room: '14' }],
  });

function context(timetables: Timetable[]): SetupContext {
  return { ...fixtureContext(TODAY), courses, timetables };
}

beforeEach(async () => {
  db = await openTestDatabase('timetable_repo');
  author = 'st-gus';
  repo = createTimetableRepository(
    db,
    createClock('dev1', () => 1_790_000_000_000),
    () => author,
  );
  await db.staff.bulkInsert(FIXTURE_STAFF.map((s) => ({ ...s, stamps: {} })));
});

afterEach(async () => {
  await db.remove();
});

describe('saving a timetable version', () => {
  it('stores a new version with its parts stamped by the deputy and the identity unstamped', async () => {
    const saved = await repo.saveVersion(draft('cl-5a', 'c5a-math', 1), context([]));
    expect(saved.id).toBe('tt:cl-5a:2026-12-07');
    expect(Object.keys(saved.stamps).sort()).toEqual(['cells', 'draft', 'name', 'source']);
    expect(Object.values(saved.stamps).every((s) => s.by === 'st-gus')).toBe(true);
    const stored = (await db.timetables.findOne(saved.id).exec())?.toJSON() as Timetable;
    expect(stored.cells).toEqual([{ weekday: 1, slot: 1, courseId: 'c5a-math', room: '14' }]);
  });

  it('replaces the same date part by part: an unchanged name keeps its stamp', async () => {
    const first = await repo.saveVersion(draft('cl-5a', 'c5a-math', 1), context([]));
    const second = await repo.saveVersion(draft('cl-5a', 'c5a-math', 2), context([first]));
    expect(second.cells[0]!.slot).toBe(2);
    expect(second.stamps.name).toEqual(first.stamps.name);
    expect(second.stamps.cells!.at > first.stamps.cells!.at).toBe(true);
    expect(await db.timetables.count().exec()).toBe(1);
  });

  it('refuses a teacher in two places at once and stores nothing', async () => {
    const other = await repo.saveVersion(draft('cl-5b', 'c5b-math', 1), context([]));
    await expect(repo.saveVersion(draft('cl-5a', 'c5a-math', 1), context([other]))).rejects.toThrow(
      /^Расписание не сохранено: Учитель Петров А\. Н\. в понедельник на 1-м уроке ведёт сразу несколько уроков/,
    );
    expect(await db.timetables.findOne('tt:cl-5a:2026-12-07').exec()).toBeNull();
  });

  it('refuses a subject teacher', async () => {
    author = 'st-pet';
    const attempt = repo.saveVersion(draft('cl-5a', 'c5a-math', 1), context([]));
    await expect(attempt).rejects.toBeInstanceOf(WriteError);
    await expect(attempt).rejects.toThrow(
      'Изменять расписание могут заместитель директора и администратор.',
    );
    expect(await db.timetables.count().exec()).toBe(0);
  });
});
