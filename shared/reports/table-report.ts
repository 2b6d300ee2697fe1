// A flat table (title, columns, rows) that any report can be turned into — for XLSX export and plain screen tables.
import type { FailingMarksReport } from './failing-marks';
import type { MissedLessonsReport } from './missed-lessons';
import type { PeriodCompletionReport } from './period-completion';
import { formatDate } from '../dates';
import type { SchoolStatisticsReport, StatisticsRow } from './school-statistics';
import type { SubstitutionReport, SubstitutionRowKind } from './substitutions';
import type { TestScheduleReport } from './test-schedule';
import { TEST_RULE_LABELS } from './test-schedule';

export type TableCell = string | number | null;

export interface TableColumn {
  key: string;
  header: string;
  /** Column width in characters. */
  width?: number;
  /**
   * What the column's cells are, for a spreadsheet: `date` cells hold «ДД.ММ.ГГГГ» text on screen and
   * become real dates in XLSX; `number` cells holding digits («2») become numbers. Default text.
   */
  kind?: 'date' | 'number';
}

/** Class and teacher of each course, for reports over several classes («Все классы»). */
export type CourseLabels = ReadonlyMap<string, { className: string; teacher: string }>;

export interface TableReport {
  title: string;
  /** Class, period, date range — printed under the title. */
  subtitle?: string;
  columns: TableColumn[];
  rows: Record<string, TableCell>[];
}

export type StatisticsBreakdown = 'class' | 'subject' | 'teacher' | 'course';

export type TableSource = {
  title?: string;
  subtitle?: string;
  /** Given for a report over several classes: «Класс» and «Учитель» columns are added. */
  courseLabels?: CourseLabels;
} & (
  | { kind: 'failingMarks'; report: FailingMarksReport }
  | { kind: 'missedLessons'; report: MissedLessonsReport }
  | { kind: 'testSchedule'; report: TestScheduleReport }
  | { kind: 'periodCompletion'; report: PeriodCompletionReport }
  | { kind: 'schoolStatistics'; report: SchoolStatisticsReport; by: StatisticsBreakdown }
  | { kind: 'substitutions'; report: SubstitutionReport }
  | { kind: 'teacherMonth'; report: SubstitutionReport }
);

const SUBSTITUTION_KIND_LABELS: Record<SubstitutionRowKind, string> = {
  replaced: 'замена',
  notHeld: 'не проведён',
  moved: 'перенесён',
};

function range(from: string | null, to: string | null): string {
  if (from && to) return `с ${formatDate(from)} по ${formatDate(to)}`;
  if (from) return `с ${formatDate(from)}`;
  if (to) return `по ${formatDate(to)}`;
  return '';
}

function labelColumns(labels: CourseLabels | undefined): TableColumn[] {
  return labels ? [{ key: 'className', header: 'Класс', width: 8 }] : [];
}

function teacherColumn(labels: CourseLabels | undefined): TableColumn[] {
  return labels ? [{ key: 'teacher', header: 'Учитель', width: 22 }] : [];
}

function labelsOf(labels: CourseLabels | undefined, courseId: string): Record<string, TableCell> {
  if (!labels) return {};
  const l = labels.get(courseId);
  return { className: l?.className ?? '', teacher: l?.teacher ?? '' };
}

const BREAKDOWN_HEADERS: Record<StatisticsBreakdown, string> = {
  class: 'Класс',
  subject: 'Предмет',
  teacher: 'Учитель',
  course: 'Класс — предмет',
};

/** Reports 1–4 and the deputy's statistics as a flat table with Russian column headers. */
export function toTableReport(source: TableSource): TableReport {
  const base = (title: string, subtitle: string) => ({
    title: source.title ?? title,
    subtitle: source.subtitle ?? subtitle,
  });
  switch (source.kind) {
    case 'failingMarks': {
      const r = source.report;
      return {
        ...base('Неудовлетворительные отметки', range(r.from, r.to)),
        columns: [
          ...labelColumns(source.courseLabels),
          { key: 'student', header: 'Обучающийся', width: 24 },
          { key: 'subject', header: 'Предмет', width: 20 },
          ...teacherColumn(source.courseLabels),
          { key: 'date', header: 'Дата', width: 11, kind: 'date' },
          { key: 'mark', header: 'Отметка', width: 9, kind: 'number' },
          { key: 'workType', header: 'Вид работы', width: 22 },
          { key: 'topic', header: 'Тема урока', width: 50 },
        ],
        rows: r.rows.map((x) => ({
          ...labelsOf(source.courseLabels, x.courseId),
          student: x.student,
          subject: x.subject,
          date: formatDate(x.date),
          mark: x.markLabel,
          workType: x.workType,
          topic: x.topic,
        })),
      };
    }
    case 'missedLessons': {
      const r = source.report;
      return {
        ...base('Пропущенные уроки', range(r.from, r.to)),
        columns: [
          ...labelColumns(source.courseLabels),
          { key: 'student', header: 'Обучающийся', width: 24 },
          { key: 'subject', header: 'Предмет', width: 20 },
          ...teacherColumn(source.courseLabels),
          { key: 'date', header: 'Дата', width: 11, kind: 'date' },
          { key: 'slot', header: 'Урок', width: 6 },
          { key: 'code', header: 'Отметка', width: 9 },
          { key: 'reason', header: 'Причина', width: 24 },
          { key: 'topic', header: 'Тема урока', width: 50 },
        ],
        rows: r.rows.map((x) => ({
          ...labelsOf(source.courseLabels, x.courseId),
          student: x.student,
          subject: x.subject,
          date: formatDate(x.date),
          slot: x.slot,
          code: x.code,
          reason: x.reasonLabel,
          topic: x.topic,
        })),
      };
    }
    case 'testSchedule':
      return {
        ...base('Проверка графика контрольных работ', ''),
        columns: [
          ...labelColumns(source.courseLabels),
          ...teacherColumn(source.courseLabels),
          { key: 'rule', header: 'Правило', width: 40 },
          { key: 'dates', header: 'Даты', width: 24 },
          { key: 'message', header: 'Нарушение', width: 80 },
        ],
        rows: source.report.violations.map((v) => ({
          ...(source.courseLabels
            ? {
                className: v.className,
                teacher: v.courseId ? (source.courseLabels.get(v.courseId)?.teacher ?? '') : '',
              }
            : {}),
          rule: TEST_RULE_LABELS[v.rule],
          dates: v.dates.map(formatDate).join(', '),
          message: v.message,
        })),
      };
    case 'periodCompletion':
      return {
        ...base('Выставление отметок за период', ''),
        columns: [
          { key: 'className', header: 'Класс', width: 8 },
          { key: 'subject', header: 'Предмет', width: 24 },
          { key: 'students', header: 'Обучающихся', width: 12 },
          { key: 'set', header: 'Выставлено', width: 12 },
          { key: 'notAttested', header: 'Из них н/а', width: 10 },
          { key: 'deferred', header: 'Отсрочено', width: 10 },
          { key: 'missing', header: 'Не выставлено', width: 14 },
        ],
        rows: source.report.rows.map((x) => ({
          className: x.className,
          subject: x.subject,
          students: x.students,
          set: x.set,
          notAttested: x.notAttested,
          deferred: x.deferred,
          missing: x.missing,
        })),
      };
    case 'schoolStatistics': {
      const r = source.report;
      const rows: StatisticsRow[] = {
        class: r.byClass,
        subject: r.bySubject,
        teacher: r.byTeacher,
        course: r.byCourse,
      }[source.by];
      return {
        ...base('Статистика успеваемости', r.periodName),
        columns: [
          { key: 'label', header: BREAKDOWN_HEADERS[source.by], width: 26 },
          {
            key: 'students',
            header: source.by === 'class' ? 'Обучающихся' : 'Обучающихся по курсам',
            width: 12,
          },
          { key: 'five', header: '«5»', width: 6 },
          { key: 'four', header: '«4»', width: 6 },
          { key: 'three', header: '«3»', width: 6 },
          { key: 'two', header: '«2»', width: 6 },
          { key: 'notAttested', header: 'н/а', width: 6 },
          { key: 'success', header: 'Успеваемость, %', width: 14 },
          { key: 'quality', header: 'Качество, %', width: 12 },
          { key: 'planned', header: 'Уроков по плану за период', width: 12 },
          { key: 'plannedToDate', header: `По плану на ${formatDate(r.asOf)}`, width: 12 },
          { key: 'held', header: 'Проведено', width: 11 },
          { key: 'backlog', header: `Отставание на ${formatDate(r.asOf)}`, width: 12 },
        ],
        rows: [...rows, ...(source.by === 'class' ? [r.total] : [])].map((x) => ({
          label: x.label,
          students: x.students,
          five: x.counts['5'],
          four: x.counts['4'],
          three: x.counts['3'],
          // A 1 is a failing mark too; the form has one column for both.
          two: x.counts['2'] + x.counts['1'],
          notAttested: x.counts.notAttested,
          success: x.successPercent,
          quality: x.qualityPercent,
          planned: x.planned,
          plannedToDate: x.plannedToDate,
          held: x.held,
          backlog: x.backlog,
        })),
      };
    }
    case 'substitutions': {
      const r = source.report;
      return {
        ...base('Замены и отменённые уроки', range(r.from, r.to)),
        columns: [
          { key: 'date', header: 'Дата', width: 11, kind: 'date' },
          { key: 'slot', header: 'Урок', width: 6 },
          { key: 'className', header: 'Класс', width: 8 },
          { key: 'subject', header: 'Предмет', width: 22 },
          { key: 'kind', header: 'Что', width: 12 },
          { key: 'teacher', header: 'Учитель по расписанию', width: 24 },
          { key: 'substitute', header: 'Провёл', width: 24 },
          { key: 'reason', header: 'Причина', width: 36 },
        ],
        rows: r.rows.map((x) => ({
          date: formatDate(x.date),
          slot: x.slot,
          className: x.className,
          subject: x.subject,
          kind: SUBSTITUTION_KIND_LABELS[x.kind],
          teacher: x.teacher,
          substitute: x.substitute,
          reason: x.reason,
        })),
      };
    }
    case 'teacherMonth': {
      const r = source.report;
      return {
        ...base('Проведённые уроки по учителям', range(r.from, r.to)),
        columns: [
          { key: 'teacher', header: 'Учитель', width: 26 },
          { key: 'heldOwn', header: 'Провёл свои', width: 12 },
          { key: 'heldForOthers', header: 'Провёл за других', width: 16 },
          { key: 'replaced', header: 'Заменён', width: 10 },
          { key: 'notHeld', header: 'Не проведено', width: 13 },
        ],
        rows: r.teachers.map((x) => ({
          teacher: x.teacher,
          heldOwn: x.heldOwn,
          heldForOthers: x.heldForOthers,
          replaced: x.replaced,
          notHeld: x.notHeld,
        })),
      };
    }
  }
}
