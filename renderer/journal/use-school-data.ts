// The small reference collections every journal screen needs: school profile, periods, classes, staff.
import { useMemo } from 'react';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { StaffMember } from '../../shared/staff';
import { useSession } from '../app/session';
import { useLiveQuery } from '../lib/use-live-query';

export interface SchoolData {
  school: School;
  periods: Period[];
  classes: Map<string, SchoolClass>;
  staff: Map<string, StaffMember>;
  staffList: StaffMember[];
}

export function useSchoolData(): SchoolData | null {
  const { db } = useSession();
  const schools = useLiveQuery(() => db.school.find(), 'school');
  const periods = useLiveQuery(
    () => db.periods.find({ sort: [{ yearId: 'asc' }, { start: 'asc' }] }),
    'periods',
  );
  const classes = useLiveQuery(
    () => db.classes.find({ sort: [{ grade: 'asc' }, { letter: 'asc' }] }),
    'classes',
  );
  const staff = useLiveQuery(
    () => db.staff.find({ sort: [{ lastName: 'asc' }, { firstName: 'asc' }] }),
    'staff',
  );
  return useMemo(() => {
    const school = schools?.[0];
    if (!school || !periods || !classes || !staff) return null;
    return {
      school,
      periods,
      classes: new Map(classes.map((c) => [c.id, c])),
      staff: new Map(staff.map((s) => [s.id, s])),
      staffList: staff,
    };
  }, [schools, periods, classes, staff]);
}
