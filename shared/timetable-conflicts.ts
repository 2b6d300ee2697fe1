// Timetable conflicts, in Russian: a class with two courses in one slot (unless they are its groups), a teacher in two places at once, a room used twice.
import type { Course } from './course';
import { WEEKDAY_NAMES } from './bells';
import { formatDate } from './dates';
import { timetableAt, type Timetable, type TimetableCell } from './timetable';

export type ConflictKind = 'class' | 'teacher' | 'room';

export interface TimetableConflict {
  kind: ConflictKind;
  /** The conflict exists from this date on (the latest "valid from" of the versions involved). */
  from: string;
  weekday: number;
  slot: number;
  /** The timetable documents and courses involved, sorted. */
  timetableIds: string[];
  courseIds: string[];
  /** Identifies the conflict whatever its date: the same clash in two versions is one conflict. */
  key: string;
  message: string;
}

/** Names for messages; ids are shown where a name is unknown. */
export interface ConflictNames {
  className(classId: string): string;
  teacherName(staffId: string): string;
  subjectName(subjectId: string): string;
}

export type ConflictCourse = Pick<Course, 'id' | 'classId' | 'subjectId' | 'groupId' | 'teacherId'>;

interface Placed {
  version: Timetable;
  cell: TimetableCell;
  course: ConflictCourse;
}

/** "во вторник на 3-м уроке" */
function when(weekday: number, slot: number): string {
  const day = WEEKDAY_NAMES[weekday] ?? `день ${weekday}`;
  const prep = weekday === 2 ? 'во' : 'в';
  const acc = day.endsWith('а') ? `${day.slice(0, -1)}у` : day; // среда → среду, пятница → пятницу, суббота → субботу
  return `${prep} ${acc} на ${slot}-м уроке`;
}

function describeCourse(p: Placed, names: ConflictNames, withClass: boolean): string {
  const subject = `«${names.subjectName(p.course.subjectId)}»`;
  const room = p.cell.room ? ` (${p.cell.room})` : '';
  return withClass ? `${names.className(p.course.classId)} ${subject}${room}` : `${subject}${room}`;
}

function listOf(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} и ${items.at(-1)}`;
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function conflictOf(
  kind: ConflictKind,
  label: string,
  placed: Placed[],
  from: string,
  message: string,
): TimetableConflict {
  const { weekday, slot } = placed[0]!.cell;
  const courseIds = sortedUnique(placed.map((p) => p.course.id));
  return {
    kind,
    from,
    weekday,
    slot,
    timetableIds: sortedUnique(placed.map((p) => p.version.id)),
    courseIds,
    key: `${kind}|${label}|${weekday}|${slot}|${courseIds.join(',')}`,
    message,
  };
}

/** Two or more distinct courses of a class in one slot are allowed only as distinct groups. */
function classClash(cells: Placed[]): boolean {
  const courses = new Map(cells.map((p) => [p.course.id, p.course]));
  if (courses.size < 2) return false;
  const groups = [...courses.values()].map((c) => c.groupId);
  return groups.some((g) => g === null) || new Set(groups).size < groups.length;
}

/**
 * Cells marked as one joint lesson (поток): every one of them `joint`, one subject, one room.
 * A teacher's two classes in their own room are a clash unless the timetable says so.
 */
function jointLesson(cells: Placed[]): boolean {
  return (
    cells.every((p) => p.cell.joint === true) &&
    new Set(cells.map((p) => p.course.subjectId)).size === 1 &&
    new Set(cells.map((p) => p.cell.room.toLocaleLowerCase('ru'))).size === 1
  );
}

/** One teacher at several cells of different courses, not one joint lesson. */
function teacherClash(cells: Placed[]): boolean {
  return new Set(cells.map((p) => p.course.id)).size >= 2 && !jointLesson(cells);
}

function checkSlot(
  placed: Placed[],
  from: string,
  names: ConflictNames,
  out: TimetableConflict[],
): void {
  const { weekday, slot } = placed[0]!.cell;
  const at = when(weekday, slot);
  const since = `с ${formatDate(from)}`;
  const byClass = groupBy(placed, (p) => p.course.classId);
  for (const [classId, cells] of byClass) {
    if (!classClash(cells)) continue;
    const what = listOf(sortedUnique(cells.map((p) => describeCourse(p, names, false))));
    out.push(
      conflictOf(
        'class',
        classId,
        cells,
        from,
        `${names.className(classId)}: ${at} одновременно ${what} — это не разные группы класса (${since})`,
      ),
    );
  }
  const byTeacher = groupBy(placed, (p) => p.course.teacherId);
  for (const [teacherId, cells] of byTeacher) {
    if (!teacherClash(cells)) continue;
    const what = listOf(sortedUnique(cells.map((p) => describeCourse(p, names, true))));
    out.push(
      conflictOf(
        'teacher',
        teacherId,
        cells,
        from,
        `Учитель ${names.teacherName(teacherId)} ${at} ведёт сразу несколько уроков: ${what} (${since})`,
      ),
    );
  }
  const byRoom = groupBy(
    placed.filter((p) => p.cell.room !== ''),
    (p) => p.cell.room.toLocaleLowerCase('ru'),
  );
  for (const cells of byRoom.values()) {
    if (new Set(cells.map((p) => p.course.teacherId)).size < 2 || jointLesson(cells)) continue;
    const what = listOf(
      sortedUnique(
        cells.map(
          (p) =>
            `${names.className(p.course.classId)} «${names.subjectName(p.course.subjectId)}» (${names.teacherName(p.course.teacherId)})`,
        ),
      ),
    );
    out.push(
      conflictOf(
        'room',
        cells[0]!.cell.room.toLocaleLowerCase('ru'),
        cells,
        from,
        `Кабинет «${cells[0]!.cell.room}» ${at} занят дважды: ${what} (${since})`,
      ),
    );
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Every conflict of the year's versions in force, each once (with the first date it exists).
 * Every date a version starts is checked against the versions of the other classes in force then.
 * Cells whose course is unknown are left out (the timetable checks report those).
 */
export function findTimetableConflicts(
  versions: readonly Timetable[],
  courses: ReadonlyMap<string, ConflictCourse>,
  yearId: string,
  names: ConflictNames,
): TimetableConflict[] {
  const active = versions.filter((v) => v.yearId === yearId && !v.draft);
  const starts = sortedUnique(active.map((v) => v.validFrom));
  const classIds = sortedUnique(active.map((v) => v.classId));
  const found = new Map<string, TimetableConflict>();
  for (const start of starts) {
    const placed: Placed[] = [];
    for (const classId of classIds) {
      const version = timetableAt(active, classId, yearId, start);
      if (!version) continue;
      for (const cell of version.cells) {
        const course = courses.get(cell.courseId);
        if (course) placed.push({ version, cell, course });
      }
    }
    const conflicts: TimetableConflict[] = [];
    for (const cells of groupBy(placed, (p) => `${p.cell.weekday}|${p.cell.slot}`).values()) {
      checkSlot(cells, start, names, conflicts);
    }
    for (const c of conflicts) if (!found.has(c.key)) found.set(c.key, c);
  }
  return [...found.values()].sort(
    (a, b) =>
      (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
      a.weekday - b.weekday ||
      a.slot - b.slot ||
      (a.key < b.key ? -1 : 1),
  );
}

/** Conflicts present after a change that were not there before it (what the change brings in). */
export function newConflicts(
  before: readonly TimetableConflict[],
  after: readonly TimetableConflict[],
): TimetableConflict[] {
  const known = new Set(before.map((c) => c.key));
  return after.filter((c) => !known.has(c.key));
}
