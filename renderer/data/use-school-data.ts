// The small reference collections every screen needs, live: the school card, the current year's
// periods and classes (shared/year-scope.ts), staff.
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { StaffMember } from '../../shared/staff';
import { ofYear, yearScope, type YearScope } from '../../shared/year-scope';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';

export interface SchoolData {
  school: School;
  /** The current year's only (a closed year's stay in the database, unseen). */
  periods: Period[];
  /** The current year's only. */
  classes: Map<string, SchoolClass>;
  /** The current year and its classes, for filtering other documents. */
  scope: YearScope;
  staff: Map<string, StaffMember>;
  staffList: StaffMember[];
}

const SCHOOL: MangoQuery<School> = {};
const PERIODS: MangoQuery<Period> = { sort: [{ yearId: 'asc' }, { start: 'asc' }] };
const CLASSES: MangoQuery<SchoolClass> = { sort: [{ grade: 'asc' }, { letter: 'asc' }] };
/** Staff in alphabetical order (the identity picker lists them so too). */
export const STAFF_BY_NAME: MangoQuery<StaffMember> = {
  sort: [{ lastName: 'asc' }, { firstName: 'asc' }],
};

export function useSchoolData(): SchoolData | null {
  const { db } = useSession();
  const schools = useLiveDocuments(db.school, SCHOOL);
  const periods = useLiveDocuments(db.periods, PERIODS);
  const classes = useLiveDocuments(db.classes, CLASSES);
  const staff = useLiveDocuments(db.staff, STAFF_BY_NAME);
  return useMemo(() => {
    const school = schools?.[0];
    if (!school || !periods || !classes || !staff) return null;
    const scope = yearScope(school.year.id, classes);
    return {
      school,
      periods: ofYear(scope, periods),
      classes: new Map(ofYear(scope, classes).map((c) => [c.id, c])),
      scope,
      staff: new Map(staff.map((s) => [s.id, s])),
      staffList: staff,
    };
  }, [schools, periods, classes, staff]);
}
