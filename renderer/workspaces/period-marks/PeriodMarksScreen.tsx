// The "Отметки за период" section: the teacher's courses on the left, the period selector, and the
// period-marks page of the chosen course (#/period-marks/<courseId>/<periodId>).
import { useCallback, useMemo } from 'react';
import { periodForDate, periodsOfScheme, type Period } from '../../../shared/period';
import { useSession } from '../../app/session';
import { CourseList, type CourseItem } from '../../journal/CourseList';
import { useMyCourses } from '../../journal/use-my-courses';
import { useSchoolData } from '../../journal/use-school-data';
import { todayIso } from '../../lib/dates';
import { PeriodMarksPage } from './PeriodMarksPage';
import { usePeriodMarksRoute } from './route';

export function PeriodMarksScreen() {
  const { staffId } = useSession();
  const data = useSchoolData();
  const me = data?.staff.get(staffId);
  const myCourses = useMyCourses(me?.roles.includes('deputy') ?? false);
  const [route, navigate] = usePeriodMarksRoute();

  const items = useMemo((): CourseItem[] | null => {
    if (!data || !myCourses) return null;
    const subjects = new Map(data.school.subjects.map((s) => [s.id, s.name]));
    return myCourses
      .filter((item) => item.course.assessment !== 'none')
      .map((item) => {
        const klass = data.classes.get(item.course.classId);
        const group = item.course.groupId
          ? klass?.groups.find((g) => g.id === item.course.groupId)
          : undefined;
        const subject = subjects.get(item.course.subjectId) ?? item.course.subjectId;
        return {
          ...item,
          grade: klass?.grade ?? 0,
          title: `${klass?.name ?? '?'} · ${subject}${group ? ` (${group.name})` : ''}`,
        };
      })
      .sort((a, b) => a.grade - b.grade || a.title.localeCompare(b.title, 'ru'));
  }, [data, myCourses]);

  const current = items?.find((i) => i.course.id === route.courseId) ?? items?.[0];
  const klass = current ? data?.classes.get(current.course.classId) : undefined;
  const reporting = useMemo(
    () => (data && klass ? periodsOfScheme(data.periods, klass.periodScheme) : []),
    [data, klass],
  );
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
  const period =
    choices.find((p) => p.id === route.periodId) ??
    (data && klass ? periodForDate(data.periods, klass.periodScheme, todayIso()) : undefined);

  const selectCourse = useCallback(
    (courseId: string) => navigate({ courseId, periodId: route.periodId }),
    [navigate, route.periodId],
  );

  if (!data || !items) return <p className="loading">Открываем отметки за период…</p>;
  return (
    <div className="journal-screen period-marks-screen">
      <div className="journal-body">
        <CourseList items={items} selectedId={current?.course.id ?? null} onSelect={selectCourse} />
        <main className="journal-main">
          {current && period ? (
            <>
              <div className="page-toolbar">
                <h1>Отметки за период: {current.title}</h1>
                <label>
                  Период{' '}
                  <select
                    value={period.id}
                    onChange={(e) =>
                      navigate({ courseId: current.course.id, periodId: e.target.value })
                    }
                  >
                    {choices.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                        {p.closed ? ' (закрыт)' : ''}
                      </option>
                    ))}
                  </select>
                </label>
                <a
                  href={`#/journal/${current.course.id}${reporting.includes(period) ? `/${period.id}` : ''}`}
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
          ) : (
            <p className="empty">Выберите курс слева.</p>
          )}
        </main>
      </div>
    </div>
  );
}
