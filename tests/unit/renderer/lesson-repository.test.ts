// The repository against a real RxDB database (Dexie storage on fake-indexeddb, dev-mode and
// schema validation on, as only tests may have them).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './test-database';
import { createClock } from '../../../shared/hlc';
import type { Lesson } from '../../../shared/lesson';
import { openDeviceClock, readIdentity, writeIdentity } from '../../../renderer/db/device';
import {
  createLessonRepository,
  lessonIdFor,
  type LessonRepository,
} from '../../../renderer/data/lesson-repository';
import type { JournalDatabase } from '../../../renderer/db/types';
import { createFieldDrafts } from '../../../renderer/db/field-drafts';

let db: JournalDatabase;
let repo: LessonRepository;
let author: string | null;
const now = 1_790_000_000_000;

beforeEach(async () => {
  db = await openTestDatabase('repo_test');
  author = 'staff-teacher';
  repo = createLessonRepository(
    db,
    createClock('dev1', () => now),
    () => author,
  );
});

afterEach(async () => {
  await db.remove();
});

async function addSample(): Promise<Lesson> {
  return repo.addLesson({
    courseId: 'c-5a-math',
    classId: 'cl-5a',
    date: '2026-09-12',
    slot: 2,
    teacherId: 'staff-teacher',
  });
}

describe('lesson repository', () => {
  it('creates a lesson with a deterministic id and stamped editable fields', async () => {
    const lesson = await addSample();
    expect(lesson.id).toBe(lessonIdFor('c-5a-math', '2026-09-12', 2));
    expect(lesson.stamps.topic?.by).toBe('staff-teacher');
    expect(lesson.stamps.status).toEqual(lesson.stamps.topic);
    await expect(addSample()).rejects.toThrow(/уже есть/);
  });

  it('removes an empty lesson (no coming back), keeps one holding a mark', async () => {
    const { id } = await addSample();
    const marked = await repo.addLesson({
      courseId: 'c-5a-math',
      classId: 'cl-5a',
      date: '2026-09-12',
      slot: 3,
      teacherId: 'staff-teacher',
    });
    await repo.setLessonEntry(marked.id, 'st-1', {
      marks: [{ value: '4', workTypeId: 'oral', comment: '' }],
      attendance: null,
    });
    await expect(repo.removeLesson(marked.id)).rejects.toThrow(
      'Урок нельзя удалить: в нём есть 1 отметка. Такой урок можно только отменить.',
    );
    expect(await db.lessons.findOne(marked.id).exec()).not.toBeNull();

    await repo.removeLesson(id);
    expect(await db.lessons.findOne(id).exec()).toBeNull();
    await expect(addSample()).rejects.toThrow(/был удалён/);
  });

  it('stamps every entry change with the HLC and the author, in order', async () => {
    const { id } = await addSample();
    const first = await repo.setLessonEntry(id, 'st-1', {
      marks: [{ value: '5', workTypeId: 'oral', comment: '' }],
      attendance: null,
    });
    const stamp1 = first.stamps['entries.st-1'];
    expect(stamp1?.by).toBe('staff-teacher');
    expect(stamp1?.at).toMatch(/-dev1$/);
    author = 'staff-deputy';
    const second = await repo.setLessonEntry(id, 'st-1', null);
    const stamp2 = second.stamps['entries.st-1'];
    expect(second.entries['st-1']).toBeUndefined();
    expect(stamp2?.by).toBe('staff-deputy');
    expect(stamp2!.at > stamp1!.at).toBe(true);
    const stored = (await db.lessons.findOne(id).exec())!.toJSON() as Lesson;
    expect(stored.stamps['entries.st-1']).toEqual(stamp2);
  });

  it('serializes quick updates of one cell, so none is lost', async () => {
    const { id } = await addSample();
    const values = ['5', '4', '3', '2', '5'] as const;
    await Promise.all(
      values.map((value) =>
        repo.updateLessonEntry(id, 'st-2', (current) => ({
          entry: {
            marks: [...(current?.marks ?? []), { value, workTypeId: 'oral', comment: '' }],
            attendance: null,
          },
          result: null,
        })),
      ),
    );
    const stored = (await db.lessons.findOne(id).exec())!.toJSON() as Lesson;
    expect(stored.entries['st-2']?.marks.map((m) => m.value)).toEqual([...values]);
  });

  it('writes lesson fields, coalescing a burst of typing into the newest value', async () => {
    const { id } = await addSample();
    const writes = ['Д', 'Др', 'Дре', 'Древний Рим'].map((topic) =>
      repo.setLessonField(id, 'topic', topic),
    );
    await Promise.all(writes);
    const stored = (await db.lessons.findOne(id).exec())!.toJSON() as Lesson;
    expect(stored.topic).toBe('Древний Рим');
    expect(stored.stamps.topic?.by).toBe('staff-teacher');
    const cancelled = await repo.cancelLesson(id);
    expect(cancelled.status).toBe('cancelled');
  });

  it('validates with the zod schema before writing', async () => {
    const { id } = await addSample();
    await expect(
      repo.setLessonEntry(id, 'st-3', {
        marks: [{ value: '7' as '5', workTypeId: 'oral', comment: '' }],
        attendance: null,
      }),
    ).rejects.toThrow();
    await expect(repo.setLessonField(id, 'lessonType', 'party' as 'test')).rejects.toThrow();
    await expect(repo.setLessonField(id, 'date' as 'topic', '2026-09-13')).rejects.toThrow(
      /нельзя менять/,
    );
    const stored = (await db.lessons.findOne(id).exec())!.toJSON() as Lesson;
    expect(stored.entries['st-3']).toBeUndefined();
    expect(stored.lessonType).toBe('regular');
  });

  it('refuses to write without a signed-in staff member', async () => {
    const { id } = await addSample();
    author = null;
    await expect(repo.setLessonField(id, 'topic', 'x')).rejects.toThrow(/Не выбран пользователь/);
  });
});

describe('device documents', () => {
  it('keeps the node id and the identity in local documents', async () => {
    const clock = await openDeviceClock(db);
    const again = await openDeviceClock(db);
    expect(again.node).toBe(clock.node);
    expect(await readIdentity(db)).toBeNull();
    await writeIdentity(db, 'staff-teacher');
    expect(await readIdentity(db)).toBe('staff-teacher');
    await writeIdentity(db, null);
    expect(await readIdentity(db)).toBeNull();
  });
});

/** The Web Storage interface over a Map: Node has no localStorage. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('lesson fields typed just before a crash', () => {
  it('keep a draft until the database holds the value, and a later run writes what was left', async () => {
    const lesson = await addSample();
    const local = new MemoryStorage();
    const drafts = createFieldDrafts(db.name, local);
    const typing = createLessonRepository(
      db,
      createClock('dev2', () => now),
      () => author,
      drafts,
    );

    // A written value leaves no draft behind.
    await typing.setLessonField(lesson.id, 'topic', 'Дроби');
    expect(drafts.pending()).toEqual([]);

    // The renderer died after the keystroke was kept but before its write was issued.
    drafts.save(lesson.id, 'homework', '№ 245, 247 и повторить § 12');
    const nextRun = createLessonRepository(
      db,
      createClock('dev2', () => now + 1000),
      () => author,
      createFieldDrafts(db.name, local),
    );
    expect(await nextRun.recoverDrafts()).toBe(1);
    const stored = (await db.lessons.findOne(lesson.id).exec())!.toJSON() as Lesson;
    expect(stored.homework).toBe('№ 245, 247 и повторить § 12');
    expect(stored.topic).toBe('Дроби');
    expect(stored.stamps.homework?.by).toBe('staff-teacher');
    expect(createFieldDrafts(db.name, local).pending()).toEqual([]);
  });

  it('a draft of a lesson that no longer exists is dropped, not retried forever', async () => {
    const local = new MemoryStorage();
    const drafts = createFieldDrafts(db.name, local);
    drafts.save('no-such-lesson', 'topic', 'Тема');
    const next = createLessonRepository(
      db,
      createClock('dev3', () => now),
      () => author,
      drafts,
    );
    expect(await next.recoverDrafts()).toBe(0);
    expect(drafts.pending()).toEqual([]);
  });
});
