// On the spot, in the lesson panel: when the lesson is a test (контрольная работа), the federal test
// schedule rules of 2021 (shared/reports/test-schedule.ts) checked for its class and period, and
// what this lesson breaks. Only a warning: the teacher may keep the test.
import { useMemo } from 'react';
import type { Lesson } from '../../shared/lesson';
import { periodForDate } from '../../shared/period';
import {
  checkTestSchedule,
  isScheduledTest,
  violationsOfLesson,
} from '../../shared/reports/test-schedule';
import { useClassCourses, useClassLessons } from '../data/use-class';
import type { SchoolData } from '../data/use-school-data';

interface Props {
  lesson: Lesson;
  data: SchoolData;
}

export function TestScheduleWarning({ lesson, data }: Props) {
  if (lesson.status !== 'held' || !isScheduledTest(lesson, data.school.policy)) return null;
  const scheme = data.classes.get(lesson.classId)?.periodScheme ?? 'quarters';
  const period = periodForDate(data.periods, scheme, lesson.date);
  if (!period) return null;
  // Keyed on what the queries read, as useLiveDocuments requires.
  return (
    <TestScheduleCheck
      key={`${lesson.classId}|${period.id}`}
      lesson={lesson}
      data={data}
      period={period}
    />
  );
}

function TestScheduleCheck({
  lesson,
  data,
  period,
}: Props & { period: { id: string; start: string; end: string } }) {
  const lessons = useClassLessons(lesson.classId, period.start, period.end);
  const courses = useClassCourses(lesson.classId);
  const violations = useMemo(() => {
    if (!lessons || !courses) return [];
    // The panel's lesson is the freshest copy of itself.
    const current = [...lessons.filter((l) => l.id !== lesson.id), lesson];
    const report = checkTestSchedule({
      lessons: current,
      courses,
      classes: [...data.classes.values()],
      subjects: data.school.subjects,
      policy: data.school.policy,
      classId: lesson.classId,
      from: period.start,
      to: period.end,
      periodId: period.id,
    });
    return violationsOfLesson(report, lesson.id);
  }, [lessons, courses, lesson, data, period]);

  if (violations.length === 0) return null;
  return (
    <div className="test-schedule-warning" role="alert">
      <p>
        <strong>График контрольных работ</strong> (рекомендации Минпросвещения и Рособрнадзора 2021
        г.):
      </p>
      <ul>
        {violations.map((v) => (
          <li key={`${v.rule}|${v.dates.join(',')}`}>{v.message}</li>
        ))}
      </ul>
      <p className="muted">Контрольная работа сохранена; перенесите её, если это возможно.</p>
    </div>
  );
}
