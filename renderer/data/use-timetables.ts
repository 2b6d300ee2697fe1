// The timetable's documents, live: every version of every class, the courses they place, and the
// lessons a timetable change left outside the timetable while they hold data. Versions and courses
// of the current year only (shared/year-scope.ts).
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { Lesson } from '../../shared/lesson';
import type { Timetable } from '../../shared/timetable';
import { ofYear } from '../../shared/year-scope';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';
import { EVERY_COURSE } from './use-school-records';
import { useYearScope } from './use-year-scope';

const EVERY_VERSION: MangoQuery<Timetable> = { sort: [{ classId: 'asc' }, { validFrom: 'asc' }] };

export interface TimetableData {
  timetables: Timetable[];
  courses: Course[];
}

export function useTimetables(): TimetableData | null {
  const { db } = useSession();
  const timetables = useLiveDocuments(db.timetables, EVERY_VERSION);
  const courses = useLiveDocuments(db.courses, EVERY_COURSE);
  const scope = useYearScope();
  return useMemo(
    () =>
      timetables && courses && scope
        ? { timetables: ofYear(scope, timetables), courses: ofYear(scope, courses) }
        : null,
    [timetables, courses, scope],
  );
}

/** The class's lessons from `from` on (keyed by the caller on class and date). */
export function useClassLessonsFrom(classId: string, from: string): Lesson[] | null {
  const { db } = useSession();
  const query = useMemo(
    (): MangoQuery<Lesson> => ({ selector: { classId, date: { $gte: from } } }),
    [classId, from],
  );
  return useLiveDocuments(db.lessons, query);
}

/** The lessons of one date range, every class (keyed by the caller on the range). */
export function useLessonsBetween(from: string, to: string): Lesson[] | null {
  const { db } = useSession();
  const query = useMemo(
    (): MangoQuery<Lesson> => ({ selector: { date: { $gte: from, $lte: to } } }),
    [from, to],
  );
  return useLiveDocuments(db.lessons, query);
}

/** One class's lessons of one date, through the class-and-date index (keyed by the caller). */
export function useClassDayLessons(classId: string, date: string): Lesson[] | null {
  const { db } = useSession();
  const query = useMemo(
    (): MangoQuery<Lesson> => ({ selector: { classId, date } }),
    [classId, date],
  );
  return useLiveDocuments(db.lessons, query);
}
