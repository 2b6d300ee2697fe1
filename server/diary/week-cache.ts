// The evening peak's cache: a class's lessons of one week (what every family of the class reads:
// date, slot, course, topic, homework, type, who held it — no student's entry) and, inside it,
// each child's own entries of those lessons as the child-only SQL cut them out, keyed by that
// child's id; and each child's card without personal fields. Entries are dropped exactly when a
// document they were built from is written: DiaryReference reports every stored lesson and
// student by seq before each page (also the writes of other server processes on one PostgreSQL).
// A build that raced with such a write is served once but not kept.
import type { Queryable } from '../db/db';
import { addDays } from '../../shared/dates';
import type { Lesson, LessonEntry } from '../../shared/lesson';
import type { Student } from '../../shared/student';
import { weekStart } from '../../shared/diary/week';
import type { FamilyChild } from '../family/scope';
import type { StoredChange } from './reference';

/** One child's card without personal fields (guardians, birth date) or stamps; null: none. */
export async function readChildCard(db: Queryable, studentId: string): Promise<Student | null> {
  const own = await db.query(
    `SELECT doc - 'stamps' - 'guardians' - 'birthDate' AS doc FROM documents
     WHERE collection = 'students' AND id = $1 AND NOT deleted`,
    [studentId],
  );
  if (!own.rows[0]) return null;
  return {
    ...(own.rows[0].doc as Record<string, unknown>),
    stamps: {},
    guardians: {},
    birthDate: '',
  } as unknown as Student;
}

/** A lesson as the class shares it: no entries, no stamps. */
type SharedLesson = Omit<Lesson, 'entries' | 'stamps'>;

interface ClassWeek {
  lessons: SharedLesson[];
  /** studentId → that child's entry per lesson id (only lessons where the child has one). */
  entries: Map<string, Map<string, LessonEntry>>;
}

/** A Map that forgets its least recently used keys beyond `max`. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
  get size(): number {
    return this.map.size;
  }
}

const weekKey = (classId: string, start: string) => `${classId}|${start}`;

export class DiaryWeekCache {
  private readonly weeks: Lru<string, ClassWeek>;
  private readonly cards: Lru<string, Student>;
  /** Bumped by every invalidation: a build that started before one is not kept. */
  private epoch = 0;

  constructor(limits: { weeks?: number; cards?: number } = {}) {
    this.weeks = new Lru(limits.weeks ?? 4_000);
    this.cards = new Lru(limits.cards ?? 20_000);
  }

  /** Drops what the stored documents change (called by DiaryReference after each read). */
  invalidate(changes: readonly StoredChange[]): void {
    if (changes.length === 0) return;
    this.epoch++;
    for (const c of changes) {
      if (c.collection === 'lessons') {
        if (c.classId && c.date) this.weeks.delete(weekKey(c.classId, weekStart(c.date)));
        else this.weeks.clear();
      } else if (c.collection === 'students') {
        this.cards.delete(c.id);
      }
    }
  }

  /** The child's card without personal fields, or null when there is none. */
  async card(db: Queryable, studentId: string): Promise<Student | null> {
    const hit = this.cards.get(studentId);
    if (hit) return hit;
    const epoch = this.epoch;
    const student = await readChildCard(db, studentId);
    if (student && epoch === this.epoch) this.cards.set(studentId, student);
    return student;
  }

  /**
   * The lessons of the child's class in the week starting `start` (a Monday), each carrying only
   * this child's entry — the shared part from the class's entry, the child's part from the
   * child-only read, both keyed by what they are.
   */
  async weekLessons(db: Queryable, child: FamilyChild, start: string): Promise<Lesson[]> {
    const key = weekKey(child.classId, start);
    let week = this.weeks.get(key);
    let entries = week?.entries.get(child.studentId);
    if (!week || !entries) {
      const epoch = this.epoch;
      const read = await readChildWeek(db, child, start);
      const fresh = epoch === this.epoch;
      entries = read.entries;
      if (!week || !fresh) week = { lessons: read.lessons, entries: new Map() };
      if (fresh) {
        week.entries.set(child.studentId, entries);
        this.weeks.set(key, week);
      }
    }
    const own = entries;
    return week.lessons.map((l) => {
      const entry = own.get(l.id);
      return { ...l, stamps: {}, entries: entry ? { [child.studentId]: entry } : {} } as Lesson;
    });
  }

  /** Sizes, for tests and diagnostics. */
  get sizes(): { weeks: number; cards: number } {
    return { weeks: this.weeks.size, cards: this.cards.size };
  }
}

/**
 * One read of the class's week: the lessons without any entry, and this child's entry of each
 * (every other student's entry is cut out in SQL and never reaches this process).
 */
async function readChildWeek(
  db: Queryable,
  child: FamilyChild,
  start: string,
): Promise<{ lessons: SharedLesson[]; entries: Map<string, LessonEntry> }> {
  const r = await db.query(
    `SELECT doc - 'entries' - 'stamps' AS doc, doc->'entries'->($2::text) AS entry FROM documents
     WHERE collection = 'lessons' AND NOT deleted AND doc->>'classId' = $1
       AND doc->>'date' >= $3 AND doc->>'date' <= $4
     ORDER BY doc->>'date', id`,
    [child.classId, child.studentId, start, addDays(start, 6)],
  );
  const lessons: SharedLesson[] = [];
  const entries = new Map<string, LessonEntry>();
  for (const row of r.rows) {
    const lesson = row.doc as SharedLesson;
    lessons.push(lesson);
    const entry = row.entry as LessonEntry | null;
    if (entry) entries.set(lesson.id, entry);
  }
  return { lessons, entries };
}
