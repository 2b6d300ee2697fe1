// What a day-to-day change touches, in Russian, for the confirmation before it is sent: the lessons a day's cancellation or a teacher's замена covers and how many of them hold marks or other data.
import type { Course } from '../../../shared/course';
import { formatDate } from '../../../shared/dates';
import { pluralRu } from '../../../shared/documents/number-words';
import type { Lesson } from '../../../shared/lesson';
import { scheduledTeacherOf } from '../../../shared/lesson-changes';
import { holdsData } from '../../../shared/lesson-regeneration';

const LESSON_FORMS = ['урок', 'урока', 'уроков'] as const;

function hasMarks(lesson: Lesson): boolean {
  return Object.values(lesson.entries).some((e) => e.marks.length > 0);
}

export interface ChangeScope {
  /** The lessons the change writes. */
  lessons: Lesson[];
  withMarks: number;
  /** Marks, attendance, a topic or homework. */
  withData: number;
}

function scopeOf(lessons: Lesson[]): ChangeScope {
  return {
    lessons,
    withMarks: lessons.filter(hasMarks).length,
    withData: lessons.filter(holdsData).length,
  };
}

/** The held lessons of the date, of the classes (null = the whole school), that a cancellation would cancel. */
export function dayCancellationScope(
  lessons: readonly Lesson[],
  date: string,
  classIds: readonly string[] | null,
): ChangeScope {
  const classes = classIds ? new Set(classIds) : null;
  return scopeOf(
    lessons.filter(
      (l) => l.date === date && l.status === 'held' && (classes === null || classes.has(l.classId)),
    ),
  );
}

/** The lessons a day's cancellation cancelled that «Вернуть уроки» would bring back (not moved ones). */
export function dayRestoreScope(
  lessons: readonly Lesson[],
  date: string,
  classIds: readonly string[] | null,
): ChangeScope {
  const classes = classIds ? new Set(classIds) : null;
  return scopeOf(
    lessons.filter(
      (l) =>
        l.date === date &&
        l.status === 'cancelled' &&
        !l.movedTo &&
        (classes === null || classes.has(l.classId)),
    ),
  );
}

/** The teacher's lessons by the timetable from `from` to `to` that a замена would give to the substitute. */
export function teacherRangeScope(
  lessons: readonly Lesson[],
  courses: ReadonlyMap<string, Pick<Course, 'teacherId'>>,
  teacherId: string,
  from: string,
  to: string,
): ChangeScope {
  return scopeOf(
    lessons.filter(
      (l) =>
        l.date >= from &&
        l.date <= to &&
        l.status === 'held' &&
        scheduledTeacherOf(l, courses.get(l.courseId)) === teacherId,
    ),
  );
}

/** "6 уроков" */
export function lessonCount(n: number): string {
  return `${n} ${pluralRu(n, LESSON_FORMS)}`;
}

/** «Будет отменено 6 уроков, в 2 из них есть отметки.» */
export function cancellationText(scope: ChangeScope, date: string, where: string): string {
  const n = scope.lessons.length;
  if (n === 0) return `${formatDate(date)} у ${where} нет уроков, которые можно отменить.`;
  const verb = n % 10 === 1 && n % 100 !== 11 ? 'Будет отменён' : 'Будет отменено';
  return `${verb} ${lessonCount(n)} (${where}, ${formatDate(date)})${marksClause(scope)}.`;
}

/** «Будет возвращено 6 уроков…» */
export function restoreText(scope: ChangeScope, date: string, where: string): string {
  const n = scope.lessons.length;
  if (n === 0) return `${formatDate(date)} у ${where} нет отменённых уроков.`;
  const verb = n % 10 === 1 && n % 100 !== 11 ? 'Будет возвращён' : 'Будет возвращено';
  return `${verb} ${lessonCount(n)} (${where}, ${formatDate(date)}).`;
}

/** «Замещающему учителю перейдёт 8 уроков с 02.12.2026 по 04.12.2026, в 1 из них есть отметки.» */
export function substitutionText(scope: ChangeScope, from: string, to: string): string {
  const n = scope.lessons.length;
  const span = from === to ? formatDate(from) : `с ${formatDate(from)} по ${formatDate(to)}`;
  if (n === 0) return `У учителя нет уроков по расписанию ${span}.`;
  const verb = n % 10 === 1 && n % 100 !== 11 ? 'Будет заменён' : 'Будет заменено';
  return `${verb} ${lessonCount(n)} ${span}${marksClause(scope)}.`;
}

function marksClause(scope: ChangeScope): string {
  if (scope.withMarks > 0) return `, в ${scope.withMarks} из них есть отметки`;
  if (scope.withData > 0)
    return `, в ${scope.withData} из них есть записи (тема, задание, посещаемость)`;
  return '';
}
