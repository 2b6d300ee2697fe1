// Diary extract (выписка из электронного журнала) as plain data: marks with dates and work types, averages,
// the forecast or period mark of the period the dates fall in, absences, the coming week — as of the date of issue.
import { countLessonsMissed, summarizeAbsences } from '../attendance';
import type { AbsenceSummary } from '../attendance';
import { fullName, shortName } from '../common';
import { effectiveChannel } from '../consent';
import type { GradingPolicy } from '../grading-policy';
import { MARK_LABELS } from '../grading-policy';
import type { WeightedMark } from '../grading';
import { proposePeriodMark, studentMarks } from '../grading';
import type { Period } from '../period';
import { formatAverage } from '../statistics';
import type { Student } from '../student';
import { endOfDayMs, lessonsAsOf, periodMarkAsOf } from './as-of';
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

/** Topics and homework of the coming days are cut to this many characters unless asked in full. */
export const TOPIC_LIMIT = 300;

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
  /**
   * Date of issue ("YYYY-MM-DD"): printed, the end of the marks counted, and the day the extract
   * is "as of": marks, absences, topics and period marks written after that day are left out.
   */
  issuedOn: string;
  /** Days of topics and homework after the date of issue; 0 leaves the section out (default 7). */
  upcomingDays?: number;
  /** Topics and homework of the coming days in full; otherwise cut at TOPIC_LIMIT characters. */
  fullTopics?: boolean;
  /** Number of the first extract in the school's register of issued extracts; absent = "5А-1", "5А-2"… */
  firstNumber?: number;
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
  /** Weighted average of the marks shown, "4,25" or "—". */
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
  /** "5А-3" or the register number. */
  number: string;
  studentName: string;
  /** "Иванова М. П." for the page footers. */
  studentShort: string;
  className: string;
  /** The dates of the class (classes follow different schemes). */
  periodLabel: string;
  /** The reporting period whose mark or forecast is shown: "II четверть (04.11.2026 – 28.12.2026)". */
  forecastLabel: string;
  classTeacher: string;
  classTeacherShort: string;
  subjects: ExtractSubject[];
  absences: AbsenceSummary;
  upcoming: ExtractUpcoming[];
  /** How the average and the forecast are computed, with the school's weights and thresholds. */
  legend: string[];
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

/** "4,5" — a threshold or weight as printed. */
function num(x: number): string {
  return String(x).replace('.', ',');
}

/** The legend under the marks table: what parents dispute, said on the page. */
export function extractLegend(
  policy: GradingPolicy,
  period: Period,
  workTypes: [string, number][],
): string[] {
  const t = policy.thresholds;
  const weights = workTypes.length
    ? workTypes.map(([short, w]) => `${short} — ${num(w)}`).join(', ')
    : policy.workTypes.map((w) => `${w.short} — ${num(w.weight)}`).join(', ');
  const kind = period.kind;
  const min =
    kind === 'quarter' || kind === 'halfYear' || kind === 'trimester'
      ? policy.attestation.minMarks[kind]
      : 0;
  const lines = [
    `Средний балл — взвешенный: сумма произведений отметок на вес вида работы, делённая на сумму весов ` +
      `(веса: ${weights}); зачёт и незачёт в него не входят. Средний балл не округляется, а усекается до ` +
      'сотых: 4,5556 печатается как 4,55.',
    `Прогноз (предлагаемая отметка за период) считается по всем отметкам периода до даты выдачи: «5» при ` +
      `среднем балле от ${num(t.five)}, «4» — от ${num(t.four)}, «3» — от ${num(t.three)}, иначе «2»; ` +
      `«н/а» — если отметок меньше ${min} или пропущено больше ${num(Math.round(policy.attestation.maxMissedShare * 1000) / 10)} % уроков. ` +
      'Отметку за период выставляет учитель.',
  ];
  if (policy.allowModifiers) {
    lines[0] += ` Отметки «4+» и «4−» считаются как ${num(4 + policy.modifierDelta)} и ${num(4 - policy.modifierDelta)}.`;
  }
  return lines;
}

/** The weighted average of the marks, truncated to hundredths exactly as the proposal's is. */
function rangeAverage(marks: readonly WeightedMark[], policy: GradingPolicy): number | null {
  return proposePeriodMark(
    { marks, lessonsHeld: 1, lessonsMissed: 0, periodKind: 'year', assessment: 'marks' },
    policy,
  ).average;
}

/** A text cut at a word boundary to at most `limit` characters, with "…" when cut. */
export function capText(text: string, limit: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= limit) return t;
  const cut = t.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/u, '')}…`;
}

interface Range {
  /** First day of the marks and absences shown. */
  from: string;
  /** Last day counted: the end of the range, or the date of issue when earlier. */
  until: string;
  /** The reporting period whose forecast or mark is shown. */
  period: Period;
  /** Last day of that period counted for the forecast. */
  periodUntil: string;
  /** The date-of-issue limit for stamps (ms). */
  limit: number;
  upcomingDays: number;
  /** The extract covers dates, not a whole period. */
  rangeOnly: boolean;
}

export function buildExtractModel(source: DocumentSource, options: ExtractOptions): ExtractModel {
  const cls = findClass(source, options.classKey);
  const limit = endOfDayMs(options.issuedOn);
  // Only this class, as it stood at the end of the date of issue.
  const own: DocumentSource = {
    ...source,
    lessons: lessonsAsOf(
      source.lessons.filter((l) => l.classId === cls.id),
      limit,
    ),
    periodMarks: source.periodMarks.filter((pm) => pm.classId === cls.id),
  };
  const data = classData(own, cls, indexSource(own));
  let from: string;
  let to: string;
  let periodLabel: string;
  let period: Period;
  if (options.from || options.to) {
    if (!options.from || !options.to || options.from > options.to) {
      throw new DocumentError('Укажите обе даты диапазона, начало не позже конца.');
    }
    from = options.from;
    to = options.to;
    periodLabel = `с ${formatDate(from)} по ${formatDate(to)}`;
    // The forecast is the one of the class's period the range (up to the date of issue) falls in.
    period = classPeriod(own, cls, undefined, to < options.issuedOn ? to : options.issuedOn);
  } else {
    period = classPeriod(own, cls, options.periodId, options.issuedOn);
    from = period.start;
    to = period.end;
    periodLabel = `${period.name} (${formatDate(period.start)} – ${formatDate(period.end)})`;
  }
  const until = to < options.issuedOn ? to : options.issuedOn;
  const periodUntil = period.end < options.issuedOn ? period.end : options.issuedOn;
  const upcomingDays = options.upcomingDays ?? 7;
  let students = data.students;
  if (options.studentIds) {
    const wanted = new Set(options.studentIds);
    students = students.filter((s) => wanted.has(s.id));
  }
  if (options.onlyPaper) students = students.filter((s) => wantsPaper(source, s.id));
  const forecastLabel = `${period.name} (${formatDate(period.start)} – ${formatDate(period.end)})`;
  const rangeOnly = Boolean(options.from || options.to);
  const range: Range = { from, until, period, periodUntil, limit, upcomingDays, rangeOnly };
  return {
    kind: 'extract',
    schoolFullName: source.school.fullName,
    schoolShortName: source.school.shortName,
    periodLabel,
    issuedOn: options.issuedOn,
    upcomingDays,
    students: students.map((s, i) => ({
      ...studentExtract(own, data, s, range, options),
      number:
        options.firstNumber !== undefined
          ? String(options.firstNumber + i)
          : `${cls.name}-${i + 1}`,
      periodLabel,
      forecastLabel,
    })),
  };
}

function studentExtract(
  source: DocumentSource,
  data: ClassData,
  student: Student,
  range: Range,
  options: ExtractOptions,
): Omit<StudentExtract, 'periodLabel' | 'forecastLabel' | 'number'> {
  const policy = source.school.policy;
  const codes = source.school.attendanceCodes;
  const workTypes = new Map(policy.workTypes.map((w) => [w.id, w]));
  const subjects: ExtractSubject[] = [];
  const upcoming: ExtractUpcoming[] = [];
  const used = new Map<string, number>();
  const upcomingEnd = addDays(options.issuedOn, range.upcomingDays);
  const limitText = options.fullTopics ? Infinity : TOPIC_LIMIT;
  const pm = new Map(source.periodMarks.map((d) => [`${d.courseId}:${d.periodId}`, d]));
  for (const subject of data.subjects) {
    const course = data.courseFor(student.id, subject.id);
    if (!course) continue;
    const lessons = data.courseLessons(course.id, range.from, range.until);
    const marks = studentMarks(lessons, student.id);
    const lessonsMissed = countLessonsMissed(lessons, student.id, codes);
    const periodLessons = data.courseLessons(course.id, range.period.start, range.periodUntil);
    const proposal = proposePeriodMark(
      {
        marks: studentMarks(periodLessons, student.id).map((m) => m.mark),
        lessonsHeld: periodLessons.length,
        lessonsMissed: countLessonsMissed(periodLessons, student.id, codes),
        periodKind: range.period.kind,
        assessment: course.assessment,
      },
      policy,
    );
    let result = proposal.value ? `прогноз: ${PERIOD_MARK_TEXT[proposal.value]}` : '—';
    // For a date range the forecast is the period's: say which period it is.
    const prefix = range.rangeOnly ? `${range.period.name}: ` : '';
    let explanation = proposal.value ? prefix + printableExplanation(proposal.explanation) : '';
    const entry = periodMarkAsOf(
      pm.get(`${course.id}:${range.period.id}`),
      student.id,
      range.limit,
    );
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
    for (const m of marks) {
      const wt = workTypes.get(m.mark.workTypeId);
      used.set(wt?.short ?? m.mark.workTypeId, wt?.weight ?? 1);
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
      average: formatAverage(
        rangeAverage(
          marks.map((m) => m.mark),
          policy,
        ),
      ),
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
          topic: capText(l.topic, limitText),
          homework: capText(l.homework, limitText),
        });
      }
    }
  }
  upcoming.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    studentId: student.id,
    studentName: fullName(student),
    studentShort: shortName(student),
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
    legend: extractLegend(policy, range.period, [...used.entries()]),
  };
}

/** The embedded PT Sans has no arrow glyph: the screen's "≥ 3,5 → 4" prints as "≥ 3,5: 4". */
function printableExplanation(text: string): string {
  return text.replace(/\s*→\s*/g, ': ');
}
