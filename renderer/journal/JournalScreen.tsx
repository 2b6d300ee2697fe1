// The journal section: the course list, the period selector and the journal page.
import { useCallback, useMemo } from 'react';
import { periodForDate, periodsOfScheme } from '../../shared/period';
import { useSession } from '../app/session';
import { CourseExtractButton } from '../print/CourseExtractButton';
import { todayIso } from '../lib/dates';
import { CourseList, type CourseItem } from './CourseList';
import { JournalPage } from './JournalPage';
import { useRoute } from './route';
import { useMyCourses } from './use-my-courses';
import { useSchoolData } from './use-school-data';

export function JournalScreen() {
  const { staffId } = useSession();
  const data = useSchoolData();
  const me = data?.staff.get(staffId);
  const myCourses = useMyCourses(me?.roles.includes('deputy') ?? false);
  const [route, navigate] = useRoute();

  const items = useMemo((): CourseItem[] | null => {
    if (!data || !myCourses) return null;
    const subjects = new Map(data.school.subjects.map((s) => [s.id, s.name]));
    const list = myCourses.map((item) => {
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
    });
    list.sort((a, b) => a.grade - b.grade || a.title.localeCompare(b.title, 'ru'));
    return list;
  }, [data, myCourses]);

  const current = items?.find((i) => i.course.id === route.courseId) ?? items?.[0];
  const klass = current ? data?.classes.get(current.course.classId) : undefined;
  const periods = useMemo(
    () => (data && klass ? periodsOfScheme(data.periods, klass.periodScheme) : []),
    [data, klass],
  );
  const period =
    periods.find((p) => p.id === route.periodId) ??
    (data && klass ? periodForDate(data.periods, klass.periodScheme, todayIso()) : undefined);

  const selectCourse = useCallback(
    (courseId: string) => navigate({ courseId, periodId: route.periodId }),
    [navigate, route.periodId],
  );
  const onReady = useCallback(() => {
    performance.mark('journal-ready');
    document.dispatchEvent(new CustomEvent('journal-ready'));
  }, []);

  if (!data || !items) return <p className="loading">Открываем журнал…</p>;
  return (
    <div className="journal-screen">
      <div className="journal-body">
        <CourseList items={items} selectedId={current?.course.id ?? null} onSelect={selectCourse} />
        <main className="journal-main">
          {current && period ? (
            <>
              <div className="page-toolbar">
                <h1>{current.title}</h1>
                <label>
                  Период{' '}
                  <select
                    value={period.id}
                    onChange={(e) =>
                      navigate({ courseId: current.course.id, periodId: e.target.value })
                    }
                  >
                    {periods.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                        {p.closed ? ' (закрыт)' : ''}
                      </option>
                    ))}
                  </select>
                </label>
                <CourseExtractButton
                  course={current.course}
                  klass={klass}
                  title={current.title}
                  period={period}
                />
                <a
                  className="toolbar-link"
                  href={`#/period-marks/${encodeURIComponent(current.course.id)}/${encodeURIComponent(period.id)}`}
                >
                  Отметки за период
                </a>
              </div>
              <JournalPage
                key={`${current.course.id}:${period.id}`}
                course={current.course}
                period={period}
                data={data}
                caption={`${current.title}, ${period.name}`}
                onReady={onReady}
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
