// The journal section: the course list, the period selector and the journal page
// (#/journal/<courseId>/<periodId>).
import { useCallback } from 'react';
import { href, paths, useJournalRoute } from '../app/routes';
import { useCourseItems } from '../data/use-course-items';
import { CourseExtractButton } from '../print/CourseExtractButton';
import { CourseScreen } from '../ui/CourseScreen';
import { PeriodSelect } from '../ui/PeriodSelect';
import { JournalPage } from './JournalPage';

export function JournalScreen() {
  const [route, navigate] = useJournalRoute();
  const { data, items, current, klass, periods, pickPeriod } = useCourseItems(route.courseId);
  const period = pickPeriod(periods, route.periodId);

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
    <CourseScreen
      className="journal-screen"
      items={items}
      selectedId={current?.course.id ?? null}
      onSelect={selectCourse}
    >
      {current && period ? (
        <>
          <div className="page-toolbar">
            <h1>{current.title}</h1>
            <PeriodSelect
              periods={periods}
              value={period.id}
              onChange={(periodId) => navigate({ courseId: current.course.id, periodId })}
            />
            <CourseExtractButton
              course={current.course}
              klass={klass}
              title={current.title}
              period={period}
            />
            <a
              className="toolbar-link"
              href={href(paths.periodMarks({ courseId: current.course.id, periodId: period.id }))}
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
      ) : null}
    </CourseScreen>
  );
}
