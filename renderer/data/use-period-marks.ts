// Live period-marks documents of one course (every period: the year and final proposals read them all).
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { PeriodMarks } from '../../shared/period-mark';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';

export function useCoursePeriodMarks(courseId: string): PeriodMarks[] | null {
  const { db } = useSession();
  const query = useMemo((): MangoQuery<PeriodMarks> => ({ selector: { courseId } }), [courseId]);
  return useLiveDocuments(db.periodMarks, query);
}
