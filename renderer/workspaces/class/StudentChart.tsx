// A student's running average over the period in a chosen subject.
import { useMemo, useState } from 'react';
import type { GradingPolicy } from '../../../shared/grading-policy';
import type { Lesson } from '../../../shared/lesson';
import type { Period } from '../../../shared/period';
import {
  studentAverageSeries,
  type StudentOverview,
  type SubjectOverview,
} from '../../../shared/reports/class-overview';
import { AverageChart } from './AverageChart';

interface Props {
  student: StudentOverview;
  subjects: readonly SubjectOverview[];
  lessons: readonly Lesson[];
  period: Period;
  policy: GradingPolicy;
  /** Courses where the student's forecast or set mark is 2 or н/а (not just too few marks yet). */
  riskCourseIds: readonly string[];
  onClose: () => void;
}

export function StudentChart(props: Props) {
  const { student, subjects, lessons, period, policy, riskCourseIds, onClose } = props;
  const own = subjects.filter((s) => student.subjects[s.courseId]);
  const firstRisk = own.find((s) => riskCourseIds.includes(s.courseId));
  const [courseId, setCourseId] = useState(firstRisk?.courseId ?? own[0]?.courseId ?? '');
  const points = useMemo(
    () => (courseId ? studentAverageSeries(lessons, student.studentId, courseId, policy) : []),
    [lessons, student.studentId, courseId, policy],
  );
  const subject = own.find((s) => s.courseId === courseId);
  const cell = student.subjects[courseId];

  return (
    <section className="student-chart" aria-label={`Динамика: ${student.student}`}>
      <header>
        <h3>{student.student}: средний балл по ходу периода</h3>
        <button type="button" onClick={onClose}>
          Закрыть
        </button>
      </header>
      <label className="chart-subject">
        Предмет{' '}
        <select value={courseId} onChange={(e) => setCourseId(e.target.value)}>
          {own.map((s) => (
            <option key={s.courseId} value={s.courseId}>
              {s.subject}
              {riskCourseIds.includes(s.courseId) ? ' (под угрозой)' : ''}
            </option>
          ))}
        </select>
      </label>
      <AverageChart
        points={points}
        from={period.start}
        to={period.end}
        title={`${student.student}, ${subject?.subject ?? ''}: средний балл`}
      />
      {cell?.explanation && <p className="muted explanation">{cell.explanation}</p>}
    </section>
  );
}
