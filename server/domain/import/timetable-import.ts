// Timetable import, all or nothing: rows of a timetable file → the classes' new timetable versions, with the subjects, groups and courses they need; row errors and conflicts in Russian; a preview and a commit that regenerates the lessons.
import { createHash } from 'node:crypto';
import type { AuthUser } from '../../auth/roles';
import type { Queryable } from '../../db/db';
import type { DocState } from '../../sync/collections';
import { authorOf } from '../doc-parts';
import { WEEKDAY_NAMES } from '../../../shared/bells';
import type { Course } from '../../../shared/course';
import { formatDate } from '../../../shared/dates';
import { courseIdFor, timetableId } from '../../../shared/lesson-id';
import { setPart, type Stamped } from '../../../shared/merge';
import type { School, Subject } from '../../../shared/school';
import type { ClassGroup, SchoolClass } from '../../../shared/school-class';
import { replaced, type SetupContext } from '../../../shared/setup/context';
import { checkTimetableDocument, conflictsOfChange } from '../../../shared/setup/timetable-checks';
import type { Stamp, Stamps } from '../../../shared/stamp';
import {
  compareCells,
  type Timetable,
  type TimetableCell,
  type TimetableSource,
} from '../../../shared/timetable';
import { planLessons, regenerateLessons, type RegenerationSummary } from '../school/generation';
import { readState } from '../school/read';
import { stampsAfter, type SchoolWriter } from '../school/write';
import { normalizeClassName } from './school-context';
import { matchGroup, matchStaff, matchSubject, normalizeName } from './match';
import type { TimetableFile, TimetableRow } from './timetable-rows';

export interface TimetableImportOptions {
  /** The first day the imported timetable is in force. */
  validFrom: string;
  name: string;
  source: TimetableSource;
}

export interface TimetableImportPlan {
  errors: string[];
  warnings: string[];
  subjectsAdded: Subject[];
  groupsAdded: { classId: string; className: string; group: ClassGroup }[];
  coursesCreated: Course[];
  coursesRetaught: { course: Course; teacherId: string }[];
  timetables: Timetable[];
  /** Versions of the same classes and "valid from" the import overwrites. */
  replacedVersions: number;
  /** The set-up as it will be after the commit (what the lessons are generated from). */
  after: SetupContext;
}

function digest(text: string, n: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, n);
}

function shortOf(name: string, short: string): string {
  const s = (short || name).trim();
  return s.length <= 16 ? s : `${s.slice(0, 15)}.`;
}

/** The first day a new timetable is in force when the request names none. */
export function defaultValidFrom(ctx: SetupContext, today: string): string | null {
  const year = ctx.school?.year;
  if (!year) return null;
  const hasVersions = ctx.timetables.some((t) => t.yearId === year.id && !t.draft);
  if (!hasVersions || today < year.start) return year.start;
  return today > year.end ? year.end : today;
}

export function planTimetableImport(
  file: TimetableFile,
  ctx: SetupContext,
  options: TimetableImportOptions,
): TimetableImportPlan {
  const errors = [...file.errors];
  const warnings = [...file.warnings];
  const plan: TimetableImportPlan = {
    errors,
    warnings,
    subjectsAdded: [],
    groupsAdded: [],
    coursesCreated: [],
    coursesRetaught: [],
    timetables: [],
    replacedVersions: 0,
    after: ctx,
  };
  const school = ctx.school;
  if (!school) {
    errors.push('Сначала заполните сведения о школе и учебный год');
    return plan;
  }
  const year = school.year;
  if (options.validFrom < year.start || options.validFrom > year.end) {
    errors.push(
      `Дата начала действия ${formatDate(options.validFrom)} вне учебного года ${year.name} (${formatDate(year.start)}–${formatDate(year.end)})`,
    );
    return plan;
  }

  const subjects = [...school.subjects];
  const classes = new Map(
    ctx.classes.filter((c) => c.yearId === year.id).map((c) => [normalizeClassName(c.name), c]),
  );
  const groupsOf = new Map(ctx.classes.map((c) => [c.id, [...c.groups]]));
  /** The courses the file's lessons belong to, by course id (known or new). */
  const planned = new Map<
    string,
    {
      cls: SchoolClass;
      subjectId: string;
      groupId: string | null;
      teacherId: string;
      at: string;
      hoursPerWeek: number | null;
      known: Course | undefined;
    }
  >();
  const cells = new Map<string, TimetableCell[]>();

  for (const row of file.rows) {
    const problems: string[] = [];
    const cls = row.className ? classes.get(normalizeClassName(row.className)) : undefined;
    if (!row.className) problems.push('не указан класс');
    else if (!cls) problems.push(`класса «${row.className}» нет в школе (${year.name})`);
    if (row.weekday === null)
      problems.push(
        row.dayText ? `неизвестный день недели «${row.dayText}»` : 'не указан день недели',
      );
    if (row.slot === null)
      problems.push(
        row.slotText
          ? `неверный номер урока «${row.slotText}» (от 0 до 12)`
          : 'не указан номер урока',
      );
    if (!row.subjectName) problems.push('не указан предмет');
    const teacher = matchStaff(ctx.staff, row.teacherName);
    if ('error' in teacher) problems.push(teacher.error);
    if (problems.length > 0 || !cls || !('staff' in teacher)) {
      errors.push(`${row.at}: ${problems.join('; ')}`);
      continue;
    }
    let subject = matchSubject(subjects, row.subjectName, row.subjectShort);
    if (!subject) {
      subject = {
        id: `sub-${digest(normalizeName(row.subjectName), 10)}`,
        name: row.subjectName.slice(0, 120),
        short: shortOf(row.subjectName, row.subjectShort),
      };
      subjects.push(subject);
      plan.subjectsAdded.push(subject);
    }
    let groupId: string | null = null;
    if (row.groupName) {
      const groups = groupsOf.get(cls.id) ?? [];
      let group = matchGroup(groups, row.groupName);
      if (!group) {
        group = {
          id: `grp-${digest(`${cls.id}|${normalizeName(row.groupName)}`, 12)}`,
          name: row.groupName.slice(0, 60),
          studentIds: [],
        };
        groups.push(group);
        groupsOf.set(cls.id, groups);
        plan.groupsAdded.push({ classId: cls.id, className: cls.name, group });
      }
      groupId = group.id;
    }
    // A course the school has (under any id) is found by class, subject and group.
    const subjectId = subject.id;
    const known = ctx.courses.find(
      (c) => c.classId === cls.id && c.subjectId === subjectId && c.groupId === groupId,
    );
    const courseId = known?.id ?? courseIdFor(cls.id, subjectId, groupId);
    const seen = planned.get(courseId);
    if (seen && seen.teacherId !== teacher.staff.id) {
      const what = `«${subject.name}» ${cls.name}${row.groupName ? ` (${row.groupName})` : ''}`;
      errors.push(`${row.at}: у курса ${what} в файле два учителя — см. также ${seen.at}`);
      continue;
    }
    if (!seen) {
      planned.set(courseId, {
        cls,
        subjectId,
        groupId,
        teacherId: teacher.staff.id,
        at: row.at,
        hoursPerWeek: row.hoursPerWeek,
        known,
      });
    }
    const list = cells.get(cls.id) ?? [];
    list.push({
      weekday: row.weekday!,
      slot: row.slot!,
      courseId,
      room: row.room,
      ...(row.joint ? { joint: true } : {}),
    });
    cells.set(cls.id, list);
  }

  // Known courses keep their hours (the curriculum); new ones get the file's or the week's count.
  const perWeek = new Map<string, number>();
  for (const c of [...cells.values()].flat())
    perWeek.set(c.courseId, (perWeek.get(c.courseId) ?? 0) + 1);
  for (const [courseId, p] of planned) {
    if (p.known) {
      if (p.known.teacherId !== p.teacherId)
        plan.coursesRetaught.push({ course: p.known, teacherId: p.teacherId });
      continue;
    }
    const hours = Math.min(10, Math.max(0.5, p.hoursPerWeek ?? perWeek.get(courseId) ?? 1));
    plan.coursesCreated.push({
      id: courseId,
      stamps: {},
      yearId: year.id,
      classId: p.cls.id,
      subjectId: p.subjectId,
      groupId: p.groupId,
      teacherId: p.teacherId,
      assessment: p.cls.grade === 1 ? 'none' : 'marks',
      hoursPerWeek: hours,
      plannedByPeriod: {},
      plannedYear: Math.round(hours * 34),
      hasExam: false,
    });
  }

  const existingVersions = new Map(ctx.timetables.map((t) => [t.id, t]));
  for (const [classId, list] of cells) {
    const id = timetableId(classId, options.validFrom);
    if (existingVersions.has(id)) plan.replacedVersions += 1;
    plan.timetables.push({
      id,
      stamps: {},
      yearId: year.id,
      classId,
      validFrom: options.validFrom,
      name: options.name,
      source: options.source,
      draft: false,
      cells: dedupeCells(list),
    });
  }
  if (file.rows.length > 0 && plan.timetables.length === 0 && errors.length === 0) {
    errors.push('В файле нет ни одного урока для классов школы');
  }

  const after: SetupContext = {
    ...ctx,
    school: { ...school, subjects },
    classes: ctx.classes.map((c) =>
      groupsOf.has(c.id) ? { ...c, groups: groupsOf.get(c.id)! } : c,
    ),
    courses: [
      ...ctx.courses.map((c) => {
        const retaught = plan.coursesRetaught.find((r) => r.course.id === c.id);
        return retaught ? { ...c, teacherId: retaught.teacherId } : c;
      }),
      ...plan.coursesCreated,
    ],
    timetables: plan.timetables.reduce((list, t) => replaced(list, t, t.id), [...ctx.timetables]),
  };
  plan.after = after;
  // The versions built from the good rows are checked too, so one pass shows every problem.
  for (const t of plan.timetables) {
    const problems = checkTimetableDocument(t, after);
    if (problems.length > 0) {
      const cls = after.classes.find((c) => c.id === t.classId);
      for (const p of problems) errors.push(`${cls?.name ?? t.classId}: ${p.message}`);
    }
  }
  for (const c of conflictsOfChange(ctx.timetables, after.timetables, after))
    errors.push(c.message);
  return plan;
}

/** One cell per course, weekday and slot, in grid order. */
function dedupeCells(list: TimetableCell[]): TimetableCell[] {
  const seen = new Map<string, TimetableCell>();
  for (const c of list) seen.set(`${c.weekday}|${c.slot}|${c.courseId}`, c);
  return [...seen.values()].sort(compareCells);
}

export interface TimetableImportSummary {
  timetables: number;
  replacedVersions: number;
  subjectsAdded: string[];
  groupsAdded: string[];
  coursesCreated: number;
  coursesRetaught: number;
  /** Lessons a week per class: "5А" → 31. */
  lessonsPerWeek: Record<string, number>;
}

export function summarize(plan: TimetableImportPlan): TimetableImportSummary {
  const names = new Map(plan.after.classes.map((c) => [c.id, c.name]));
  return {
    timetables: plan.timetables.length,
    replacedVersions: plan.replacedVersions,
    subjectsAdded: plan.subjectsAdded.map((s) => s.name),
    groupsAdded: plan.groupsAdded.map((g) => `${g.className}: ${g.group.name}`),
    coursesCreated: plan.coursesCreated.length,
    coursesRetaught: plan.coursesRetaught.length,
    lessonsPerWeek: Object.fromEntries(
      plan.timetables.map((t) => [names.get(t.classId) ?? t.classId, t.cells.length]),
    ),
  };
}

function stampFields(doc: Record<string, unknown>, stamp: () => Stamp, skip: string[]): Stamps {
  const stamps: Stamps = {};
  for (const key of Object.keys(doc)) if (!skip.includes(key)) stamps[key] = stamp();
  return stamps;
}

function state(doc: object): DocState {
  return { ...(doc as Record<string, unknown>), _deleted: false };
}

/** The lessons the commit would write, without writing (for the preview). */
export async function previewLessons(
  tx: Queryable,
  plan: TimetableImportPlan,
  ctx: SetupContext,
  options: TimetableImportOptions,
  today: string,
): Promise<RegenerationSummary | null> {
  const planned = await planLessons(
    { tx },
    {
      before: ctx,
      after: plan.after,
      classIds: plan.timetables.map((t) => t.classId),
      from: options.validFrom,
      today,
    },
  );
  if (!planned) return null;
  const p = planned.plan;
  return {
    created: p.create.length,
    revived: p.revive.length,
    removed: p.remove.length,
    flagged: p.flag.length,
    unflagged: p.unflag.length,
    retargeted: p.retarget.length,
  };
}

/** Writes the plan (it must have no errors) and regenerates the lessons of its classes. */
export async function commitTimetableImport(
  writer: SchoolWriter,
  plan: TimetableImportPlan,
  ctx: SetupContext,
  options: TimetableImportOptions,
  user: AuthUser,
  today: string,
): Promise<RegenerationSummary> {
  if (plan.errors.length > 0) throw new Error('A timetable import with errors is never written');
  const tx = writer.tx;
  const by = authorOf(user);
  const touched: Stamped[] = [
    ...(ctx.school ? [ctx.school] : []),
    ...ctx.classes,
    ...ctx.courses,
    ...ctx.timetables,
  ];
  const stamp = stampsAfter(by, touched);

  if (plan.subjectsAdded.length > 0 && ctx.school) {
    const before = await readState(tx, 'school', ctx.school.id);
    const school = before as unknown as School;
    const next = setPart(school, 'subjects', [...school.subjects, ...plan.subjectsAdded], stamp());
    await writer.write('school', before, state(next));
  }
  const groupsByClass = new Map<string, ClassGroup[]>();
  for (const g of plan.groupsAdded) {
    groupsByClass.set(g.classId, [...(groupsByClass.get(g.classId) ?? []), g.group]);
  }
  for (const [classId, groups] of groupsByClass) {
    const before = await readState(tx, 'classes', classId);
    if (!before) continue;
    const cls = before as unknown as SchoolClass;
    await writer.write(
      'classes',
      before,
      state(setPart(cls, 'groups', [...cls.groups, ...groups], stamp())),
    );
  }
  await writer.writeMany(
    'courses',
    plan.coursesCreated.map((c) => ({
      before: null,
      after: state({
        ...c,
        stamps: stampFields(c, stamp, [
          'id',
          'stamps',
          'yearId',
          'classId',
          'subjectId',
          'groupId',
        ]),
      }),
    })),
  );
  for (const { course, teacherId } of plan.coursesRetaught) {
    const before = await readState(tx, 'courses', course.id);
    if (!before) continue;
    await writer.write(
      'courses',
      before,
      state(setPart(before as unknown as Course, 'teacherId', teacherId, stamp())),
    );
  }
  for (const t of plan.timetables) {
    const before = await readState(tx, 'timetables', t.id);
    const stamps = stampFields(t, stamp, ['id', 'stamps', 'yearId', 'classId', 'validFrom']);
    await writer.write('timetables', before, state({ ...t, stamps }));
  }
  return regenerateLessons(writer, {
    before: ctx,
    after: plan.after,
    classIds: plan.timetables.map((t) => t.classId),
    from: options.validFrom,
    today,
  });
}

/** "понедельник, 3-й урок" */
export function describeCell(cell: Pick<TimetableCell, 'weekday' | 'slot'>): string {
  return `${WEEKDAY_NAMES[cell.weekday] ?? cell.weekday}, ${cell.slot}-й урок`;
}

export type { TimetableRow };
