// Term summary sheet (сводная ведомость учёта успеваемости) as plain data: marks per student and subject, absences, statistics.
import { summarizeAbsences } from '../attendance';
import { fullName } from '../common';
import type { PeriodMarkValue } from '../grading-policy';
import type { Period } from '../period';
import type { SchoolClass } from '../school-class';
import { formatPercent, periodMarkStatistics, studentsStatistics } from '../statistics';
import type { MarkStatistics } from '../statistics';
import type { SourceIndex } from './class-data';
import { classData, indexSource } from './class-data';
import { classPeriod, roman, yearPeriods, yearRange } from './periods';
import type { DocumentSource } from './source';
import { findClass, formatDate, periodMarkText, sortedClasses, staffShortName } from './source';

export interface SummaryOptions {
  /** Class ids or names; absent or empty = every class of the school. */
  classes?: readonly string[];
  /** A reporting period id; absent = the period containing `asOf`. Ignored for the year variant. */
  periodId?: string;
  /** Year-end variant: the period columns, year, exam and final per subject. */
  year?: boolean;
  /** The date the journal is filled up to (picks the default period). */
  asOf: string;
  issuedOn: string;
}

export interface SummarySubject {
  id: string;
  name: string;
  short: string;
  /** Sub-column labels ("I", "II", "год", "экз.", "итог."); one empty label for a period sheet. */
  columns: string[];
}

export interface SummaryRow {
  no: number;
  name: string;
  /** One text per sub-column of every subject, in order. */
  marks: string[];
  lessonsMissed: number;
  lessonsByIllness: number;
  daysMissed: number;
  daysByIllness: number;
}

/** A statistics row under the table: one value per subject. */
export interface SummaryStatRow {
  label: string;
  values: string[];
}

export interface ClassSummary {
  classId: string;
  className: string;
  classTeacher: string;
  /** "I четверть (01.09.2026 – 25.10.2026)" or "2026/2027 учебный год". */
  periodLabel: string;
  subjects: SummarySubject[];
  rows: SummaryRow[];
  stats: SummaryStatRow[];
  /** "Всего обучающихся: 28. Успевают: 26 (92,9 %) …" */
  totals: string;
}

export interface SummaryModel {
  kind: 'summary';
  year: boolean;
  schoolFullName: string;
  schoolShortName: string;
  yearName: string;
  issuedOn: string;
  deputy: string;
  classes: ClassSummary[];
}

export function buildSummaryModel(source: DocumentSource, options: SummaryOptions): SummaryModel {
  const wanted = options.classes?.length
    ? options.classes.map((key) => findClass(source, key))
    : sortedClasses(source);
  const index = indexSource(source);
  const deputy = source.staff.find((s) => s.active && s.roles.includes('deputy'));
  return {
    kind: 'summary',
    year: options.year ?? false,
    schoolFullName: source.school.fullName,
    schoolShortName: source.school.shortName,
    yearName: source.school.year.name,
    issuedOn: options.issuedOn,
    deputy: deputy ? staffShortName(source, deputy.id) : '',
    classes: wanted.map((cls) => classSummary(source, cls, index, options)),
  };
}

interface SubjectPlan {
  columns: { label: string; periodId?: string | undefined }[];
  /** Index of the sub-column whose marks feed the statistics. */
  statColumn: number;
}

function classSummary(
  source: DocumentSource,
  cls: SchoolClass,
  index: SourceIndex,
  options: SummaryOptions,
): ClassSummary {
  const data = classData(source, cls, index);
  const isYear = options.year ?? false;
  let range: { from: string; to: string };
  let periodLabel: string;
  let plan: (subjectId: string) => SubjectPlan;
  if (isYear) {
    const yp = yearPeriods(source, cls);
    range = yearRange(source, cls);
    periodLabel = `${source.school.year.name} учебный год`;
    plan = (subjectId) => {
      const hasExam = data.courses.some((c) => c.subjectId === subjectId && c.hasExam);
      const columns: SubjectPlan['columns'] = yp.reporting.map((p) => ({
        label: roman(p.number),
        periodId: p.id,
      }));
      columns.push({ label: 'год', periodId: yp.year?.id });
      if (hasExam) {
        columns.push({ label: 'экз.', periodId: yp.exam?.id });
        columns.push({ label: 'итог.', periodId: yp.final?.id });
      }
      return { columns, statColumn: columns.length - 1 };
    };
  } else {
    const period: Period = classPeriod(source, cls, options.periodId, options.asOf);
    range = { from: period.start, to: period.end };
    periodLabel = `${period.name} (${formatDate(period.start)} – ${formatDate(period.end)})`;
    plan = () => ({ columns: [{ label: '', periodId: period.id }], statColumn: 0 });
  }

  const plans = data.subjects.map((s) => plan(s.id));
  const statValues: (PeriodMarkValue | null)[][] = data.subjects.map(() => []);
  const perStudentFinal: (PeriodMarkValue | null)[][] = [];
  const codes = source.school.attendanceCodes;
  const rows: SummaryRow[] = data.students.map((student, i) => {
    const marks: string[] = [];
    const finals: (PeriodMarkValue | null)[] = [];
    data.subjects.forEach((subject, si) => {
      const p = plans[si]!;
      const course = data.courseFor(student.id, subject.id);
      p.columns.forEach((col, ci) => {
        if (!course || course.assessment === 'none') {
          marks.push(course ? '—' : '');
          return;
        }
        const entry = col.periodId
          ? data.periodMark(course.id, col.periodId, student.id)
          : undefined;
        marks.push(periodMarkText(entry));
        if (ci === p.statColumn) {
          statValues[si]!.push(entry?.value ?? null);
          finals.push(entry?.value ?? null);
        }
      });
    });
    perStudentFinal.push(finals);
    const absences = summarizeAbsences(
      data.studentLessons(student.id, range.from, range.to),
      student.id,
      codes,
    );
    return {
      no: i + 1,
      name: fullName(student),
      marks,
      lessonsMissed: absences.lessonsMissed,
      lessonsByIllness: absences.byReason.illness,
      daysMissed: absences.daysMissed,
      daysByIllness: absences.daysMissedByIllness,
    };
  });

  const stats = statValues.map((values) => periodMarkStatistics(values));
  return {
    classId: cls.id,
    className: cls.name,
    classTeacher: staffShortName(source, cls.classTeacherId),
    periodLabel,
    subjects: data.subjects.map((s, i) => ({
      id: s.id,
      name: s.name,
      short: s.short,
      columns: plans[i]!.columns.map((c) => c.label),
    })),
    rows,
    stats: statRows(stats),
    totals: totalsText(studentsStatistics(perStudentFinal), perStudentFinal),
  };
}

function statRows(stats: MarkStatistics[]): SummaryStatRow[] {
  const count = (label: string, key: keyof MarkStatistics['counts']): SummaryStatRow => ({
    label,
    values: stats.map((s) => (s.counts[key] ? String(s.counts[key]) : '')),
  });
  const rows = [
    count('«5»', '5'),
    count('«4»', '4'),
    count('«3»', '3'),
    count('«2»', '2'),
    count('н/а', 'notAttested'),
  ];
  const any = (key: keyof MarkStatistics['counts']) => stats.some((s) => s.counts[key] > 0);
  if (any('1')) rows.splice(4, 0, count('«1»', '1'));
  if (any('pass')) rows.push(count('зачёт', 'pass'));
  if (any('fail')) rows.push(count('незачёт', 'fail'));
  if (any('exempt')) rows.push(count('освобождены', 'exempt'));
  if (any('missing')) rows.push(count('не выставлено', 'missing'));
  rows.push({ label: 'Успеваемость, %', values: stats.map((s) => percentCell(s.successPercent)) });
  rows.push({ label: 'Качество, %', values: stats.map((s) => percentCell(s.qualityPercent)) });
  return rows;
}

function percentCell(value: number | null): string {
  return value === null ? '' : formatPercent(value).replace(' %', '');
}

function totalsText(all: MarkStatistics, perStudent: (PeriodMarkValue | null)[][]): string {
  const set = perStudent.filter((m) => m.some((v) => v !== null && v !== 'exempt'));
  const excellent = set.filter((m) =>
    m.every((v) => v === null || v === '5' || v === 'pass' || v === 'exempt'),
  ).length;
  const failing = set.filter((m) =>
    m.some((v) => v === '2' || v === '1' || v === 'fail' || v === 'notAttested'),
  ).length;
  return (
    `Всего обучающихся: ${all.students}. Аттестовано: ${set.length}. ` +
    `Успеваемость: ${formatPercent(all.successPercent)}, качество знаний: ${formatPercent(all.qualityPercent)}. ` +
    `Отличников: ${excellent}. Неуспевающих: ${failing}.`
  );
}
