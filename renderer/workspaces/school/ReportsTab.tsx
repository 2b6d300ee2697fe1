// "Отчёты": failing marks with topics, missed lessons with topics, the test-schedule check — for the
// chosen period and one class or the whole school, on screen and as PDF or XLSX.
import { useMemo, useState } from 'react';
import type { Period } from '../../../shared/period';
import { failingMarksReport } from '../../../shared/reports/failing-marks';
import { missedLessonsReport } from '../../../shared/reports/missed-lessons';
import { checkTestSchedule } from '../../../shared/reports/test-schedule';
import { shortName } from '../../../shared/common';
import {
  toTableReport,
  type CourseLabels,
  type TableReport,
} from '../../../shared/reports/table-report';
import { compareClasses } from '../../../shared/school-class';
import type { SchoolData } from '../../data/use-school-data';
import { ClassSelect } from '../../ui/ClassSelect';
import { ReportExportButtons } from './ReportExportButtons';
import { ReportTable } from './ReportTable';
import type { SchoolRecords } from '../../data/use-school-records';

type ReportKind = 'failingMarks' | 'missedLessons' | 'testSchedule';

const REPORTS: { id: ReportKind; label: string }[] = [
  { id: 'failingMarks', label: 'Неудовлетворительные отметки с темами' },
  { id: 'missedLessons', label: 'Пропущенные уроки с темами' },
  { id: 'testSchedule', label: 'Проверка графика контрольных работ' },
];

interface Props {
  data: SchoolData;
  records: SchoolRecords;
  period: Period;
}

export function ReportsTab({ data, records, period }: Props) {
  const [kind, setKind] = useState<ReportKind>('failingMarks');
  const [classId, setClassId] = useState('');
  const classes = useMemo(() => [...data.classes.values()].sort(compareClasses), [data]);

  const report = useMemo((): TableReport => {
    const scope = {
      lessons: records.lessons,
      courses: records.courses,
      subjects: data.school.subjects,
      classId: classId || undefined,
      from: period.start,
      to: period.end,
    };
    const className = classId ? data.classes.get(classId)?.name : undefined;
    const subtitle = `${className ? `${className} класс, ` : ''}${period.name}`;
    // «Все классы»: every row says its class and teacher.
    const courseLabels: CourseLabels | undefined = classId
      ? undefined
      : new Map(
          records.courses.map((c) => {
            const t = data.staff.get(c.teacherId);
            return [
              c.id,
              {
                className: data.classes.get(c.classId)?.name ?? c.classId,
                teacher: t ? shortName(t) : c.teacherId,
              },
            ];
          }),
        );
    switch (kind) {
      case 'failingMarks':
        return toTableReport({
          kind,
          subtitle,
          courseLabels,
          report: failingMarksReport({
            ...scope,
            students: records.students,
            policy: data.school.policy,
          }),
        });
      case 'missedLessons':
        return toTableReport({
          kind,
          subtitle,
          courseLabels,
          report: missedLessonsReport({
            ...scope,
            students: records.students,
            codes: data.school.attendanceCodes,
          }),
        });
      case 'testSchedule':
        return toTableReport({
          kind,
          subtitle,
          courseLabels,
          report: checkTestSchedule({
            ...scope,
            classes: [...data.classes.values()],
            policy: data.school.policy,
            periodId: period.id,
          }),
        });
    }
  }, [kind, classId, records, data, period]);

  return (
    <div className="school-tab reports-tab">
      <div className="school-actions">
        <label>
          Отчёт{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
            {REPORTS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <ClassSelect
          classes={classes}
          value={classId}
          onChange={setClassId}
          allLabel="Все классы"
        />
        <ReportExportButtons report={report} schoolShortName={data.school.shortName} />
      </div>
      <h2>
        {report.title} <small>{report.subtitle}</small>
      </h2>
      <p className="report-count" role="status">
        Строк: {report.rows.length}
      </p>
      <ReportTable report={report} />
    </div>
  );
}
