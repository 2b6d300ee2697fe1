// window.__journalBench, installed only with ?bench=1: timings and raw-IndexedDB baselines for
// bench/entry.ts and bench/open.ts. Never loaded by the shipped app.
import type { Lesson } from '../../shared/lesson';
import type { Student } from '../../shared/student';
import type { JournalDatabase } from '../db/types';
import { installEntryProbe } from '../journal/entry-probe';
import { createEntryTiming } from './entry-timing';

export interface JournalBench {
  entrySamples(): number[];
  /** Entries typed but not yet stored and shown. */
  pendingEntries(): number;
  resetEntrySamples(): void;
  /** Puts the lesson document `count` times into a plain IndexedDB store; ms per put. */
  rawPutBaseline(lessonId: string, count: number): Promise<number[]>;
  /** Reads a course's lessons and class's students from plain IndexedDB stores; ms per read. */
  rawReadBaseline(courseId: string, classId: string, count: number): Promise<number[]>;
  /** The course (of a staff member, or of the school) with the most lessons in its class's first period. */
  pickOpenBenchPage(staffId: string | null): Promise<{
    courseId: string;
    classId: string;
    periodId: string;
    start: string;
    end: string;
    lessons: number;
  }>;
  /** Tops the course's class up to `size` students, with entries in the period's lessons. */
  fillClass(
    courseId: string,
    start: string,
    end: string,
    size: number,
  ): Promise<{ students: number; lessons: number }>;
}

declare global {
  interface Window {
    __journalBench?: JournalBench;
  }
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function openRaw(): Promise<IDBDatabase> {
  const open = indexedDB.open('bench_raw', 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('lessons', { keyPath: 'id' }).createIndex('courseId', 'courseId');
    db.createObjectStore('students', { keyPath: 'id' }).createIndex('classId', 'classId');
  };
  return request(open);
}

export function installBenchHook(db: JournalDatabase): void {
  const entryTiming = createEntryTiming();
  installEntryProbe(entryTiming);
  window.__journalBench = {
    entrySamples: () => [...entryTiming.samples],
    pendingEntries: () => entryTiming.pendingCount(),
    resetEntrySamples: () => void entryTiming.samples.splice(0),
    async rawPutBaseline(lessonId, count) {
      const doc = await db.lessons.findOne(lessonId).exec();
      if (!doc) throw new Error(`no lesson ${lessonId}`);
      const lesson = doc.toJSON() as Lesson;
      const raw = await openRaw();
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        const tx = raw.transaction('lessons', 'readwrite');
        tx.objectStore('lessons').put({ ...lesson, topic: `${lesson.topic} ${i}` });
        await done(tx);
        times.push(performance.now() - t0);
      }
      raw.close();
      return times;
    },
    async rawReadBaseline(courseId, classId, count) {
      const lessons = (await db.lessons.find({ selector: { courseId } }).exec()).map((d) =>
        d.toJSON(),
      );
      const students = (await db.students.find({ selector: { classId } }).exec()).map((d) =>
        d.toJSON(),
      );
      const raw = await openRaw();
      const fill = raw.transaction(['lessons', 'students'], 'readwrite');
      for (const l of lessons) fill.objectStore('lessons').put(l);
      for (const s of students) fill.objectStore('students').put(s);
      await done(fill);
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        const tx = raw.transaction(['lessons', 'students'], 'readonly');
        await Promise.all([
          request(tx.objectStore('lessons').index('courseId').getAll(courseId)),
          request(tx.objectStore('students').index('classId').getAll(classId)),
        ]);
        times.push(performance.now() - t0);
      }
      raw.close();
      return times;
    },
    async pickOpenBenchPage(staffId) {
      const query = staffId
        ? db.courses.find({ selector: { teacherId: staffId } })
        : db.courses.find();
      const courses = (await query.exec()).map((d) => d.toJSON());
      const periods = (await db.periods.find().exec()).map((d) => d.toJSON());
      let best: Awaited<ReturnType<JournalBench['pickOpenBenchPage']>> | null = null;
      for (const course of courses) {
        const klass = await db.classes.findOne(course.classId).exec();
        const period = periods
          .filter((p) => p.scheme === klass?.periodScheme && p.number === 1 && p.kind !== 'year')
          .sort((a, b) => a.start.localeCompare(b.start))[0];
        if (!period) continue;
        const lessons = await db.lessons
          .find({
            selector: { courseId: course.id, date: { $gte: period.start, $lte: period.end } },
          })
          .exec();
        if (!best || lessons.length > best.lessons) {
          best = {
            courseId: course.id,
            classId: course.classId,
            periodId: period.id,
            start: period.start,
            end: period.end,
            lessons: lessons.length,
          };
        }
      }
      if (!best) throw new Error(`no courses for ${staffId}`);
      return best;
    },
    async fillClass(courseId, start, end, size) {
      const course = await db.courses.findOne(courseId).exec();
      if (!course) throw new Error(`no course ${courseId}`);
      const students = (
        await db.students.find({ selector: { classId: course.classId } }).exec()
      ).map((d) => d.toJSON() as Student);
      const template = students[0];
      if (!template) throw new Error('class has no students');
      const added: Student[] = [];
      for (let i = students.length; i < size; i++) {
        added.push({
          ...template,
          id: `bench-st-${i}`,
          lastName: `Яковлев${i % 2 ? 'а' : ''}`,
          firstName: `Ученик${i}`,
          guardians: {},
          stamps: {},
        });
      }
      if (added.length) await db.students.bulkUpsert(added);
      const lessons = await db.lessons
        .find({ selector: { courseId, date: { $gte: start, $lte: end } } })
        .exec();
      const values = ['5', '4', '3', '4', '5'] as const;
      const updated = lessons.map((doc, k) => {
        const lesson = doc.toJSON() as Lesson;
        const entries = { ...lesson.entries };
        added.forEach((s, j) => {
          if ((j + k) % 3 === 0) {
            entries[s.id] = {
              marks: [
                { value: values[(j + k) % values.length] ?? '4', workTypeId: 'oral', comment: '' },
              ],
              attendance: null,
            };
          }
        });
        return { ...lesson, entries };
      });
      await db.lessons.bulkUpsert(updated);
      return { students: students.length + added.length, lessons: lessons.length };
    },
  };
}
