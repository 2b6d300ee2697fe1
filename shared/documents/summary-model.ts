// Term and year summary sheets (сводная ведомость учёта успеваемости) as plain data: marks per student and
// subject, absences by reason, statistics per column, the class totals and the school totals.
import { summarizeAbsences } from '../attendance';
import { fullName } from '../common';
import type { Assessment } from '../course';
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
  /** The pedagogical council's decision the year sheet names (протокол № … от …); blank lines when absent. */
  council?: { number: string; date: string };
}

export interface SummarySubject {
  id: string;
  name: string;
  short: string;
  /** Sub-column labels ("I", "II", "год", "экз.", "итог."); one empty label for a period sheet. */
  columns: string[];
  /** 'marks' when graded with marks, 'passFail' for зачёт/незачёт, 'none' when not assessed. */
  assessment: Assessment;
}

export interface SummaryRow {
  no: number;
  name: string;
  /** One text per sub-column of every subject, in order. */
  marks: string[];
  lessonsMissed: number;
  lessonsByIllness: number;
  lessonsExcused: number;
  lessonsUnexcused: number;
  daysMissed: number;
  daysByIllness: number;
}

/** A statistics row under the table: one value per sub-column (a period sheet: per subject). */
export interface SummaryStatRow {
  label: string;
  values: string[];
}

/** One class's results: the numbers of the totals line and of the school totals page. */
export interface ClassTotals {
  className: string;
  students: number;
  /** Every mark set and no н/а. */
  attested: number;
  /** With н/а in some subject (counted apart from the failing). */
  notAttested: number;
  /** With a deferred mark and no н/а (отсрочка). */
  deferred: number;
  /** No 2, 1, незачёт and no н/а among the set marks. */
  successful: number;
  successPercent: number | null;
  /** Only 5 in graded subjects. */
  excellent: number;
  /** Successful with only 4 and 5 in graded subjects. */
  good: number;
  qualityPercent: number | null;
  /** With 2, 1 or незачёт (н/а apart). */
  failing: number;
  lessonsMissed: number;
  lessonsByIllness: number;
  lessonsExcused: number;
  lessonsUnexcused: number;
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
  totals: ClassTotals;
  /** "Всего обучающихся: 28. Аттестовано: 25 …" */
  totalsText: string;
}

export interface SummaryModel {
  kind: 'summary';
  year: boolean;
  schoolFullName: string;
  schoolShortName: string;
  yearName: string;
  issuedOn: string;
  deputy: string;
  /** "протокол № 5 от 28.05.2027" or lines to fill. */
  council: { number: string; date: string } | null;
  classes: ClassSummary[];
  /** Per class and for the school: only when the sheet covers more than one class. */
  schoolTotals: { rows: ClassTotals[]; total: ClassTotals } | null;
}

export function buildSummaryModel(source: DocumentSource, options: SummaryOptions): SummaryModel {
  const wanted = options.classes?.length
    ? options.classes.map((key) => findClass(source, key))
    : sortedClasses(source);
  const index = indexSource(source);
  const deputy = source.staff.find((s) => s.active && s.roles.includes('deputy'));
  const built = wanted.map((cls) => classSummary(source, cls, index, options));
  const classes = built.map((b) => b.summary);
  return {
    kind: 'summary',
    year: options.year ?? false,
    schoolFullName: source.school.fullName,
    schoolShortName: source.school.shortName,
    yearName: source.school.year.name,
    issuedOn: options.issuedOn,
    deputy: deputy ? staffShortName(source, deputy.id) : '',
    council: options.council?.number || options.council?.date ? options.council : null,
    classes,
    schoolTotals:
      classes.length > 1
        ? {
            rows: classes.map((c) => c.totals),
            total: classTotals(
              'Итого по школе',
              built.flatMap((b) => b.results),
              classes.reduce(
                (a, c) => ({
                  lessonsMissed: a.lessonsMissed + c.totals.lessonsMissed,
                  lessonsByIllness: a.lessonsByIllness + c.totals.lessonsByIllness,
                  lessonsExcused: a.lessonsExcused + c.totals.lessonsExcused,
                  lessonsUnexcused: a.lessonsUnexcused + c.totals.lessonsUnexcused,
                }),
                { lessonsMissed: 0, lessonsByIllness: 0, lessonsExcused: 0, lessonsUnexcused: 0 },
              ),
            ),
          }
        : null,
  };
}

interface SubjectPlan {
  columns: { label: string; periodId?: string | undefined }[];
  /** The sub-column whose mark is the student's result in the subject (year, or final when set). */
  resultColumns: number[];
}

/** One student's result per assessed subject: the mark, whether it is deferred, and whether it is graded. */
export interface StudentResult {
  value: PeriodMarkValue | null;
  deferred: boolean;
  graded: boolean;
}

function classSummary(
  source: DocumentSource,
  cls: SchoolClass,
  index: SourceIndex,
  options: SummaryOptions,
): { summary: ClassSummary; results: StudentResult[][] } {
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
      const year = columns.length - 1;
      if (hasExam) {
        columns.push({ label: 'экз.', periodId: yp.exam?.id });
        columns.push({ label: 'итог.', periodId: yp.final?.id });
      }
      // The final mark where one is set, else the year mark.
      return { columns, resultColumns: hasExam ? [year + 2, year] : [year] };
    };
  } else {
    const period: Period = classPeriod(source, cls, options.periodId, options.asOf);
    range = { from: period.start, to: period.end };
    periodLabel = `${period.name} (${formatDate(period.start)} – ${formatDate(period.end)})`;
    plan = () => ({ columns: [{ label: '', periodId: period.id }], resultColumns: [0] });
  }

  const plans = data.subjects.map((s) => plan(s.id));
  const offsets: number[] = [];
  let width = 0;
  for (const p of plans) {
    offsets.push(width);
    width += p.columns.length;
  }
  const columnValues: (PeriodMarkValue | null)[][] = Array.from({ length: width }, () => []);
  const assessments = data.subjects.map((s) => subjectAssessment(data.courses, s.id));
  const results: StudentResult[][] = [];
  const codes = source.school.attendanceCodes;
  let lessons = { missed: 0, illness: 0, excused: 0, unexcused: 0 };
  const rows: SummaryRow[] = data.students.map((student, i) => {
    const marks: string[] = [];
    const own: StudentResult[] = [];
    data.subjects.forEach((subject, si) => {
      const p = plans[si]!;
      const course = data.courseFor(student.id, subject.id);
      const entries = p.columns.map((col) =>
        course && course.assessment !== 'none' && col.periodId
          ? data.periodMark(course.id, col.periodId, student.id)
          : undefined,
      );
      p.columns.forEach((_, ci) => {
        if (!course || course.assessment === 'none') {
          marks.push(course ? '—' : '');
          return;
        }
        marks.push(periodMarkText(entries[ci]));
        columnValues[offsets[si]! + ci]!.push(entries[ci]?.value ?? null);
      });
      if (!course || course.assessment === 'none') return;
      const chosen =
        p.resultColumns.map((c) => entries[c]).find((e) => e?.value) ??
        entries[p.resultColumns.at(-1)!];
      own.push({
        value: chosen?.value ?? null,
        deferred: !chosen?.value && p.resultColumns.some((c) => entries[c]?.deferral),
        graded: course.assessment === 'marks',
      });
    });
    results.push(own);
    const absences = summarizeAbsences(
      data.studentLessons(student.id, range.from, range.to),
      student.id,
      codes,
    );
    lessons = {
      missed: lessons.missed + absences.lessonsMissed,
      illness: lessons.illness + absences.byReason.illness,
      excused: lessons.excused + absences.byReason.excused,
      unexcused: lessons.unexcused + absences.byReason.unexcused,
    };
    return {
      no: i + 1,
      name: fullName(student),
      marks,
      lessonsMissed: absences.lessonsMissed,
      lessonsByIllness: absences.byReason.illness,
      lessonsExcused: absences.byReason.excused,
      lessonsUnexcused: absences.byReason.unexcused,
      daysMissed: absences.daysMissed,
      daysByIllness: absences.daysMissedByIllness,
    };
  });

  const columnAssessment = plans.flatMap((p, si) => p.columns.map(() => assessments[si]!));
  const stats = columnValues.map((values, c) => periodMarkStatistics(values, columnAssessment[c]));
  const totals = classTotals(cls.name, results, {
    lessonsMissed: lessons.missed,
    lessonsByIllness: lessons.illness,
    lessonsExcused: lessons.excused,
    lessonsUnexcused: lessons.unexcused,
  });
  return {
    summary: {
      classId: cls.id,
      className: cls.name,
      classTeacher: staffShortName(source, cls.classTeacherId),
      periodLabel,
      subjects: data.subjects.map((s, i) => ({
        id: s.id,
        name: s.name,
        short: s.short,
        columns: plans[i]!.columns.map((c) => c.label),
        assessment: assessments[i]!,
      })),
      rows,
      stats: statRows(stats),
      totals,
      totalsText: totalsText(totals),
    },
    results,
  };
}

/** A subject is graded when any of its courses in the class gives marks. */
function subjectAssessment(
  courses: readonly { subjectId: string; assessment: Assessment }[],
  subjectId: string,
): Assessment {
  const own = courses.filter((c) => c.subjectId === subjectId);
  if (own.some((c) => c.assessment === 'marks')) return 'marks';
  if (own.some((c) => c.assessment === 'passFail')) return 'passFail';
  return 'none';
}

const FAILING: ReadonlySet<PeriodMarkValue> = new Set(['2', '1', 'fail']);

/**
 * The class's numbers from each student's results. Attested: every assessed subject has its mark
 * (осв. included) and none is н/а. Not attested: some н/а. Deferred: no н/а, some mark deferred.
 * Success and quality: studentsStatistics (shared with the deputy's statistics); quality looks at
 * graded subjects only (зачёт neither counts nor spoils it).
 */
export function classTotals(
  className: string,
  results: readonly (readonly StudentResult[])[],
  absences: Pick<
    ClassTotals,
    'lessonsMissed' | 'lessonsByIllness' | 'lessonsExcused' | 'lessonsUnexcused'
  >,
): ClassTotals {
  let attested = 0;
  let notAttested = 0;
  let deferred = 0;
  let failing = 0;
  let excellent = 0;
  for (const r of results) {
    const values = r.map((x) => x.value);
    const na = values.includes('notAttested');
    if (na) notAttested++;
    else if (r.some((x) => x.deferred)) deferred++;
    if (!na && r.length > 0 && values.every((v) => v !== null)) attested++;
    if (values.some((v) => v !== null && FAILING.has(v))) failing++;
    const graded = r.filter((x) => x.graded && x.value !== null && x.value !== 'exempt');
    if (
      !na &&
      graded.length > 0 &&
      graded.every((x) => x.value === '5') &&
      !values.some((v) => v !== null && FAILING.has(v))
    )
      excellent++;
  }
  // Quality over graded subjects: зачёт marks are left out of each student's list.
  const lists = results.map((r) =>
    r.map((x) => (x.graded ? x.value : x.value === 'pass' ? null : x.value)),
  );
  const stats: MarkStatistics = studentsStatistics(lists);
  let successful = 0;
  let good = 0;
  for (const list of lists) {
    const set = list.filter((v): v is PeriodMarkValue => v !== null && v !== 'exempt');
    if (set.length === 0 || set.some((v) => FAILING.has(v) || v === 'notAttested')) continue;
    successful++;
    if (set.every((v) => v === '5' || v === '4')) good++;
  }
  return {
    className,
    students: results.length,
    attested,
    notAttested,
    deferred,
    successful,
    successPercent: stats.successPercent,
    excellent,
    good,
    qualityPercent: stats.qualityPercent,
    failing,
    ...absences,
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
  // "Not set" only for columns where some marks are set: an empty column has nothing to count.
  const partly = stats.map((s) => s.counts.missing > 0 && s.counts.missing < s.students);
  if (partly.some(Boolean)) {
    rows.push({
      label: 'не выставлено',
      values: stats.map((s, i) => (partly[i] ? String(s.counts.missing) : '')),
    });
  }
  rows.push({ label: 'Успеваемость, %', values: stats.map((s) => percentCell(s.successPercent)) });
  rows.push({ label: 'Качество, %', values: stats.map((s) => percentCell(s.qualityPercent)) });
  return rows;
}

function percentCell(value: number | null): string {
  return value === null ? '' : formatPercent(value).replace(' %', '');
}

function totalsText(t: ClassTotals): string {
  return (
    `Всего обучающихся: ${t.students}. Аттестовано: ${t.attested}. Не аттестовано (н/а): ${t.notAttested}. ` +
    `Отсрочка: ${t.deferred}. Успеваемость: ${formatPercent(t.successPercent)}, качество знаний: ` +
    `${formatPercent(t.qualityPercent)}. Отличников: ${t.excellent}. Неуспевающих (есть «2», «1» или незачёт): ${t.failing}. ` +
    `Пропущено уроков: ${t.lessonsMissed}, из них по болезни — ${t.lessonsByIllness}, по уважительной причине — ` +
    `${t.lessonsExcused}, без уважительной причины — ${t.lessonsUnexcused}.`
  );
}
