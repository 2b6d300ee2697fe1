// Checks of a timetable version: its year, class and courses, a bell for every lesson number, and no conflict it brings in (class, teacher, room).
import { bellsFor, WEEKDAY_NAMES } from '../bells';
import { formatDate } from '../dates';
import { TimetableSchema, type Timetable } from '../timetable';
import {
  findTimetableConflicts,
  newConflicts,
  type ConflictCourse,
  type TimetableConflict,
} from '../timetable-conflicts';
import { namesOf, replaced, type SetupContext } from './context';
import { parseProblems, ProblemList, type SetupProblem } from './problems';

/** The version's own problems: year, dates, class, courses of the class, bells, repeated cells. */
export function checkTimetableDocument(doc: unknown, ctx: SetupContext): SetupProblem[] {
  const parsed = parseProblems(TimetableSchema, doc);
  if (parsed.data === null) return parsed.problems;
  const t: Timetable = parsed.data;
  const out = new ProblemList();
  const school = ctx.school;
  const year = school?.year;
  if (year && !t.draft && t.yearId !== year.id)
    out.add('yearId', `Расписание относится не к текущему учебному году ${year.name}`);
  if (year && t.yearId === year.id && (t.validFrom < year.start || t.validFrom > year.end))
    out.add(
      'validFrom',
      `Дата начала действия ${formatDate(t.validFrom)} вне учебного года (${formatDate(year.start)}–${formatDate(year.end)})`,
    );
  const cls = ctx.classes.find((c) => c.id === t.classId);
  if (!cls) out.add('classId', 'Класс не найден');
  const courses = new Map(ctx.courses.map((c) => [c.id, c]));
  const names = namesOf(ctx);
  const seen = new Set<string>();
  t.cells.forEach((cell, i) => {
    const at = `cells.${i}`;
    const day = WEEKDAY_NAMES[cell.weekday] ?? String(cell.weekday);
    const course = courses.get(cell.courseId);
    if (!course) out.add(`${at}.courseId`, `${day}, ${cell.slot}-й урок: курс не найден`);
    else if (course.classId !== t.classId)
      out.add(
        `${at}.courseId`,
        `${day}, ${cell.slot}-й урок: «${names.subjectName(course.subjectId)}» — курс класса ${names.className(course.classId)}`,
      );
    const key = `${cell.weekday}|${cell.slot}|${cell.courseId}`;
    if (seen.has(key)) out.add(`${at}.slot`, `${day}, ${cell.slot}-й урок указан дважды`);
    seen.add(key);
    // Bells not entered yet (a school importing its timetable first) are not a reason to refuse.
    const bells = school ? bellsFor(school, cell.weekday) : [];
    if (bells.length > 0 && !bells.some((b) => b.slot === cell.slot))
      out.add(`${at}.slot`, `${day}: для ${cell.slot}-го урока нет звонка в расписании звонков`);
  });
  return out.items;
}

/**
 * The conflicts a write brings in: present among the versions after it, absent before it. A
 * conflict already in the school (an import the deputy is still fixing) does not block other edits.
 */
export function conflictsOfChange(
  before: readonly Timetable[],
  after: readonly Timetable[],
  ctx: SetupContext,
): TimetableConflict[] {
  const year = ctx.school?.year;
  if (!year) return [];
  const courses = new Map<string, ConflictCourse>(ctx.courses.map((c) => [c.id, c]));
  const names = namesOf(ctx);
  return newConflicts(
    findTimetableConflicts(before, courses, year.id, names),
    findTimetableConflicts(after, courses, year.id, names),
  );
}

/** Everything refused in a pushed (or imported) timetable version. */
export function checkTimetable(doc: unknown, ctx: SetupContext): SetupProblem[] {
  const own = checkTimetableDocument(doc, ctx);
  if (own.length > 0) return own;
  const t = TimetableSchema.parse(doc);
  const conflicts = conflictsOfChange(ctx.timetables, replaced(ctx.timetables, t, t.id), ctx);
  return conflicts.map((c) => ({ path: 'cells', message: c.message }));
}
