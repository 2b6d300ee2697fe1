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
  onClose: () => void;
}

export function StudentChart({ student, subjects, lessons, period, policy, onClose }: Props) {
  const own = subjects.filter((s) => student.subjects[s.courseId]);
  const firstRisk = own.find((s) => student.riskCourseIds.includes(s.courseId));
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
      <label className="inline-field">
        Предмет{' '}
        <select value={courseId} onChange={(e) => setCourseId(e.target.value)}>
          {own.map((s) => (
            <option key={s.courseId} value={s.courseId}>
              {s.subject}
              {student.riskCourseIds.includes(s.courseId) ? ' (под угрозой)' : ''}
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
