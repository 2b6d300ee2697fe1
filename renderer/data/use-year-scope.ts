// The current school year's scope, live (the school card's year and that year's classes): the data
// layer's hooks keep only its documents (shared/year-scope.ts), so no screen shows a closed year.
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import { yearScope, type YearScope } from '../../shared/year-scope';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';

const SCHOOL: MangoQuery<School> = {};
const EVERY_CLASS: MangoQuery<SchoolClass> = {};

/** Null until the school card and the classes have been read. */
export function useYearScope(): YearScope | null {
  const { db } = useSession();
  const schools = useLiveDocuments(db.school, SCHOOL);
  const classes = useLiveDocuments(db.classes, EVERY_CLASS);
  const yearId = schools?.[0]?.year.id;
  return useMemo(
    () => (yearId !== undefined && classes ? yearScope(yearId, classes) : null),
    [yearId, classes],
  );
}
