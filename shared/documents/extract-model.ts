// Diary extract (выписка из электронного журнала) as plain data: marks with dates and work types, averages, forecast or period mark, absences, the coming week.
import { countLessonsMissed, summarizeAbsences } from '../attendance';
import type { AbsenceSummary } from '../attendance';
import { fullName } from '../common';
import { effectiveChannel } from '../consent';
import { MARK_LABELS } from '../grading-policy';
import { proposePeriodMark, studentMarks } from '../grading';
import { SCHEME_PERIOD_KIND } from '../period';
import { formatAverage } from '../statistics';
import type { Student } from '../student';
import type { ClassData } from './class-data';
import { classData, indexSource } from './class-data';
import { classPeriod } from './periods';
import type { DocumentSource } from './source';
import {
  addDays,
  DocumentError,
  findClass,
  formatDate,
  formatDayMonth,
  PERIOD_MARK_TEXT,
  staffFullName,
  staffShortName,
} from './source';

export interface ExtractOptions {
  /** Class id or name. */
  classKey: string;
  /** Only these students (ids); absent = the whole class. */
  studentIds?: readonly string[];
  /** Only families who get paper: a refusal or withdrawal, or the channel 'paper'. */
  onlyPaper?: boolean;
  /** A reporting period id; or a date range `from`..`to`; absent = the period containing `issuedOn`. */
  periodId?: string;
  from?: string;
  to?: string;
  /** Date of issue ("YYYY-MM-DD"): printed, and the end of marks counted. */
  issuedOn: string;
  /** Days of topics and homework after the date of issue; 0 leaves the section out (default 7). */
  upcomingDays?: number;
}

export interface ExtractMark {
  date: string;
  value: string;
  workType: string;
  weight: number;
}

export interface ExtractSubject {
  name: string;
  teacher: string;
  marks: ExtractMark[];
  /** "4,25" or "—". */
  average: string;
  /** "4 (выставлена)", "прогноз: 4", "отсрочка до 20.01.2027", "—". */
  result: string;
  /** How the forecast was computed (for disputes); empty for a set mark. */
  explanation: string;
  lessonsMissed: number;
}

export interface ExtractUpcoming {
  date: string;
  subject: string;
  topic: string;
  homework: string;
}

export interface StudentExtract {
  studentId: string;
  studentName: string;
  className: string;
  /** The period of the student's class (classes follow different schemes). */
  periodLabel: string;
  classTeacher: string;
  classTeacherShort: string;
  subjects: ExtractSubject[];
  absences: AbsenceSummary;
  upcoming: ExtractUpcoming[];
}

export interface ExtractModel {
  kind: 'extract';
  schoolFullName: string;
  schoolShortName: string;
  /** "II четверть (04.11.2026 – 28.12.2026)" or "с 01.12.2026 по 25.12.2026". */
  periodLabel: string;
  issuedOn: string;
  upcomingDays: number;
  students: StudentExtract[];
}

/** Whether the family of a student gets paper extracts (any guardian's effective channel is paper). */
export function wantsPaper(source: DocumentSource, studentId: string): boolean {
  return source.consents.some((c) => c.studentId === studentId && effectiveChannel(c) === 'paper');
}

export function buildExtractModel(source: DocumentSource, options: ExtractOptions): ExtractModel {
  const cls = findClass(source, options.classKey);
  const data = classData(source, cls, indexSource(source));
  let from: string;
  let to: string;
  let periodLabel: string;
  let periodId: string | undefined;
  let periodKind = SCHEME_PERIOD_KIND[cls.periodScheme];
  if (options.from || options.to) {
    if (!options.from || !options.to || options.from > options.to) {
      throw new DocumentError('Укажите обе даты диапазона, начало не позже конца.');
    }
    from = options.from;
    to = options.to;
    periodLabel = `с ${formatDate(from)} по ${formatDate(to)}`;
  } else {
    const period = classPeriod(source, cls, options.periodId, options.issuedOn);
    from = period.start;
    to = period.end;
    periodId = period.id;
    periodKind = period.kind;
    periodLabel = `${period.name} (${formatDate(period.start)} – ${formatDate(period.end)})`;
  }
  const until = to < options.issuedOn ? to : options.issuedOn;
  const upcomingDays = options.upcomingDays ?? 7;
  let students = data.students;
  if (options.studentIds) {
    const wanted = new Set(options.studentIds);
    students = students.filter((s) => wanted.has(s.id));
  }
  if (options.onlyPaper) students = students.filter((s) => wantsPaper(source, s.id));
  return {
    kind: 'extract',
    schoolFullName: source.school.fullName,
    schoolShortName: source.school.shortName,
    periodLabel,
    issuedOn: options.issuedOn,
    upcomingDays,
    students: students.map((s) => ({
      ...studentExtract(
        source,
        data,
        s,
        { from, until, periodId, periodKind, upcomingDays },
        options,
      ),
      periodLabel,
    })),
  };
}

interface Range {
  from: string;
  until: string;
  periodId: string | undefined;
  periodKind: ReturnType<typeof classPeriod>['kind'];
  upcomingDays: number;
}

function studentExtract(
  source: DocumentSource,
  data: ClassData,
  student: Student,
  range: Range,
  options: ExtractOptions,
): Omit<StudentExtract, 'periodLabel'> {
  const policy = source.school.policy;
  const codes = source.school.attendanceCodes;
  const workTypes = new Map(policy.workTypes.map((w) => [w.id, w]));
  const subjects: ExtractSubject[] = [];
  const upcoming: ExtractUpcoming[] = [];
  const upcomingEnd = addDays(options.issuedOn, range.upcomingDays);
  for (const subject of data.subjects) {
    const course = data.courseFor(student.id, subject.id);
    if (!course) continue;
    const lessons = data.courseLessons(course.id, range.from, range.until);
    const marks = studentMarks(lessons, student.id);
    const lessonsMissed = countLessonsMissed(lessons, student.id, codes);
    const proposal = proposePeriodMark(
      {
        marks: marks.map((m) => m.mark),
        lessonsHeld: lessons.length,
        lessonsMissed,
        periodKind: range.periodKind,
        assessment: course.assessment,
      },
      policy,
    );
    let result = proposal.value ? `прогноз: ${PERIOD_MARK_TEXT[proposal.value]}` : '—';
    let explanation = proposal.value ? printableExplanation(proposal.explanation) : '';
    const entry = range.periodId
      ? data.periodMark(course.id, range.periodId, student.id)
      : undefined;
    if (entry?.value) {
      result = `${PERIOD_MARK_TEXT[entry.value]} (выставлена)`;
      explanation = '';
    } else if (entry?.deferral) {
      result = `отсрочка до ${formatDate(entry.deferral.due)}`;
      explanation = entry.deferral.reason;
    }
    if (course.assessment === 'none') {
      result = 'без отметок';
      explanation = '';
    }
    subjects.push({
      name: subject.name,
      teacher: staffShortName(source, course.teacherId),
      marks: marks.map((m) => {
        const wt = workTypes.get(m.mark.workTypeId);
        return {
          date: formatDayMonth(m.date),
          value: MARK_LABELS[m.mark.value],
          workType: wt?.short ?? m.mark.workTypeId,
          weight: wt?.weight ?? 1,
        };
      }),
      average: formatAverage(proposal.average),
      result,
      explanation,
      lessonsMissed,
    });
    if (range.upcomingDays > 0) {
      for (const l of data.courseLessons(course.id, addDays(options.issuedOn, 1), upcomingEnd)) {
        if (!l.topic && !l.homework) continue;
        upcoming.push({
          date: l.date,
          subject: subject.name,
          topic: l.topic,
          homework: l.homework,
        });
      }
    }
  }
  upcoming.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    studentId: student.id,
    studentName: fullName(student),
    className: data.cls.name,
    classTeacher: staffFullName(source, data.cls.classTeacherId),
    classTeacherShort: staffShortName(source, data.cls.classTeacherId),
    subjects,
    absences: summarizeAbsences(
      data.studentLessons(student.id, range.from, range.until),
      student.id,
      codes,
    ),
    upcoming: upcoming.map((u) => ({ ...u, date: formatDate(u.date) })),
  };
}

/** The embedded PT Sans has no arrow glyph: the screen's "≥ 3,5 → 4" prints as "≥ 3,5: 4". */
function printableExplanation(text: string): string {
  return text.replace(/\s*→\s*/g, ': ');
}
