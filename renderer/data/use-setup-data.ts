// The set-up documents live, including before the school card exists (useSchoolData waits for it):
// the school card or null, periods, classes, staff and courses, with the set-up checks' context.
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { SetupContext } from '../../shared/setup/context';
import type { StaffMember } from '../../shared/staff';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';
import { STAFF_BY_NAME } from './use-school-data';

export interface SetupData {
  school: School | null;
  periods: Period[];
  classes: SchoolClass[];
  staff: StaffMember[];
  courses: Course[];
  /** For the shared checks (timetables are not edited here). */
  context: SetupContext;
}

const ALL_SCHOOL: MangoQuery<School> = {};
const ALL_PERIODS: MangoQuery<Period> = { sort: [{ yearId: 'asc' }, { start: 'asc' }] };
const ALL_CLASSES: MangoQuery<SchoolClass> = { sort: [{ grade: 'asc' }, { letter: 'asc' }] };
const ALL_COURSES: MangoQuery<Course> = {};

export function useSetupData(): SetupData | null {
  const { db } = useSession();
  const schools = useLiveDocuments(db.school, ALL_SCHOOL);
  const periods = useLiveDocuments(db.periods, ALL_PERIODS);
  const classes = useLiveDocuments(db.classes, ALL_CLASSES);
  const staff = useLiveDocuments(db.staff, STAFF_BY_NAME);
  const courses = useLiveDocuments(db.courses, ALL_COURSES);
  return useMemo(() => {
    if (!schools || !periods || !classes || !staff || !courses) return null;
    const school = schools[0] ?? null;
    return {
      school,
      periods,
      classes,
      staff,
      courses,
      context: { school, periods, classes, staff, courses, timetables: [] },
    };
  }, [schools, periods, classes, staff, courses]);
}
