// The "Отметки за период" section: the teacher's courses on the left, the period selector, and the
// period-marks page of the chosen course (#/period-marks/<courseId>/<periodId>).
import { useCallback, useMemo } from 'react';
import type { Period } from '../../../shared/period';
import { CourseScreen } from '../../ui/CourseScreen';
import { useCourseItems } from '../../data/use-course-items';
import { PeriodSelect } from '../../ui/PeriodSelect';
import { PeriodMarksPage } from './PeriodMarksPage';
import { href, paths, usePeriodMarksRoute } from '../../app/routes';

export function PeriodMarksScreen() {
  const [route, navigate] = usePeriodMarksRoute();
  const {
    data,
    items,
    current,
    periods: reporting,
    pickPeriod,
  } = useCourseItems(route.courseId, { assessedOnly: true });
  const yearLevel = useMemo(() => {
    const find = (kind: Period['kind']) => data?.periods.find((p) => p.kind === kind);
    return { year: find('year'), exam: find('exam'), final: find('final') };
  }, [data]);
  const choices = useMemo(() => {
    const list: Period[] = [...reporting];
    if (yearLevel.year) list.push(yearLevel.year);
    if (current?.course.hasExam) {
      if (yearLevel.exam) list.push(yearLevel.exam);
      if (yearLevel.final) list.push(yearLevel.final);
    }
    return list;
  }, [reporting, yearLevel, current]);
  const period = pickPeriod(choices, route.periodId);

  const selectCourse = useCallback(
    (courseId: string) => navigate({ courseId, periodId: route.periodId }),
    [navigate, route.periodId],
  );

  if (!data || !items) return <p className="loading">Открываем отметки за период…</p>;
  return (
    <CourseScreen
      className="journal-screen period-marks-screen"
      items={items}
      selectedId={current?.course.id ?? null}
      onSelect={selectCourse}
    >
      {current && period ? (
        <>
          <div className="page-toolbar">
            <h1>Отметки за период: {current.title}</h1>
            <PeriodSelect
              periods={choices}
              value={period.id}
              onChange={(periodId) => navigate({ courseId: current.course.id, periodId })}
            />
            <a
              href={href(
                paths.journal({
                  courseId: current.course.id,
                  periodId: reporting.includes(period) ? period.id : null,
                }),
              )}
            >
              Открыть журнал
            </a>
          </div>
          <PeriodMarksPage
            key={`${current.course.id}:${period.id}`}
            course={current.course}
            period={period}
            reportingPeriods={reporting}
            yearPeriod={yearLevel.year}
            examPeriod={yearLevel.exam}
            data={data}
            caption={`${current.title}, ${period.name}`}
          />
        </>
      ) : null}
    </CourseScreen>
  );
}
