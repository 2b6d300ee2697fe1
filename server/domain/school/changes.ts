// Day-to-day changes on the server: a substitute for lessons (one, several, or a teacher's lessons of some days), перенос, a day's lessons cancelled; each in one transaction with its audit rows, live to every desktop.
import { hasRole, type AuthUser } from '../../auth/roles';
import { ApiError } from '../../errors';
import type { DocState } from '../../sync/collections';
import { authorOf } from '../doc-parts';
import type { Course } from '../../../shared/course';
import { formatDate } from '../../../shared/dates';
import type { Lesson } from '../../../shared/lesson';
import {
  applyDayCancellation,
  applySubstitution,
  planMove,
  scheduledTeacherOf,
  type SkippedLesson,
} from '../../../shared/lesson-changes';
import { lessonId } from '../../../shared/lesson-id';
import type { StoredLesson } from '../../../shared/lesson-regeneration';
import { periodForDate } from '../../../shared/period';
import type {
  CancelDayRequest,
  LessonsChanged,
  MoveLessonRequest,
  MoveLessonResult,
  SubstitutionRequest,
} from '../../../shared/school-setup-api';
import type { SetupContext } from '../../../shared/setup/context';
import { asState, readLessons, readSetupContext, readStates } from './read';
import { stampsAfter, type SchoolWriter } from './write';

export function requireDeputy(user: AuthUser): void {
  if (!hasRole(user, 'deputy') && !hasRole(user, 'admin')) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      'Это может только заместитель директора или администратор',
    );
  }
}

/** The name of the closed reporting period the class's lesson on that date falls in, if any. */
function closedPeriod(ctx: SetupContext, classId: string, date: string): string | null {
  const cls = ctx.classes.find((c) => c.id === classId);
  if (!cls) return null;
  const period = periodForDate(ctx.periods, cls.periodScheme, date);
  return period?.closed && period.start <= date && date <= period.end ? period.name : null;
}

function live(lessons: StoredLesson[]): Lesson[] {
  return lessons.filter((l) => l._deleted !== true) as Lesson[];
}

/** Splits off lessons in closed periods (they never change). */
function openOnly(
  ctx: SetupContext,
  lessons: Lesson[],
): { open: Lesson[]; skipped: SkippedLesson[] } {
  const open: Lesson[] = [];
  const skipped: SkippedLesson[] = [];
  for (const l of lessons) {
    const closed = closedPeriod(ctx, l.classId, l.date);
    if (closed)
      skipped.push({ lessonId: l.id, reason: `${formatDate(l.date)}: период «${closed}» закрыт` });
    else open.push(l);
  }
  return { open, skipped };
}

export async function assignSubstitute(
  writer: SchoolWriter,
  request: SubstitutionRequest,
  user: AuthUser,
): Promise<LessonsChanged> {
  requireDeputy(user);
  const tx = writer.tx;
  const ctx = await readSetupContext(tx);
  const courses = new Map<string, Course>(ctx.courses.map((c) => [c.id, c]));
  if (request.substituteId !== null) {
    const substitute = ctx.staff.find((s) => s.id === request.substituteId);
    if (!substitute || substitute.active === false) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'Замещающий учитель не найден среди сотрудников',
      );
    }
  }
  let lessons: Lesson[];
  if (request.lessonIds) {
    const found = await readStates(tx, 'lessons', request.lessonIds);
    const missing = request.lessonIds.filter((id) => !found.has(id) || found.get(id)!._deleted);
    if (missing.length > 0) {
      throw new ApiError(404, 'NOT_FOUND', `Урок не найден: ${missing.slice(0, 3).join(', ')}`);
    }
    lessons = [...found.values()] as unknown as Lesson[];
  } else {
    const range = await readLessons(tx, { from: request.from, to: request.to });
    lessons = live(range).filter(
      (l) => scheduledTeacherOf(l, courses.get(l.courseId)) === request.teacherId,
    );
  }
  const { open, skipped } = openOnly(ctx, lessons);
  const dates = [...new Set(open.map((l) => l.date))].sort();
  const own =
    request.substituteId === null || dates.length === 0
      ? []
      : live(
          await readLessons(tx, {
            teacherId: request.substituteId,
            from: dates[0],
            to: dates.at(-1),
          }),
        ).filter((l) => l.status === 'held');
  const busy = new Map(own.map((l) => [`${l.date}|${l.slot}`, l]));
  const result = applySubstitution(
    open,
    {
      substituteId: request.substituteId,
      reason: request.reason,
      courses,
      busyWith: (date, slot) => busy.get(`${date}|${slot}`),
    },
    stampsAfter(authorOf(user), open),
  );
  const before = new Map(open.map((l) => [l.id, l]));
  await writer.writeMany(
    'lessons',
    result.changed.map((l) => ({ before: asState(before.get(l.id)!), after: asState(l) })),
  );
  return { changed: result.changed.map((l) => l.id), skipped: [...skipped, ...result.skipped] };
}

export async function moveLesson(
  writer: SchoolWriter,
  request: MoveLessonRequest,
  user: AuthUser,
): Promise<MoveLessonResult> {
  const tx = writer.tx;
  const ctx = await readSetupContext(tx);
  const stored = (await readStates(tx, 'lessons', [request.lessonId])).get(request.lessonId);
  if (!stored || stored._deleted) throw new ApiError(404, 'NOT_FOUND', 'Урок не найден');
  const lesson = stored as unknown as Lesson;
  const course = ctx.courses.find((c) => c.id === lesson.courseId);
  const deputy = hasRole(user, 'deputy') || hasRole(user, 'admin');
  if (!deputy && !(user.staffId !== null && course?.teacherId === user.staffId)) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      'Переносить урок могут учитель курса и заместитель директора',
    );
  }
  for (const date of [lesson.date, request.date]) {
    const closed = closedPeriod(ctx, lesson.classId, date);
    if (closed)
      throw new ApiError(409, 'CONFLICT', `Период «${closed}» закрыт: урок не переносится`);
  }
  const cls = ctx.classes.find((c) => c.id === lesson.classId);
  if (!ctx.school || !cls) throw new ApiError(409, 'CONFLICT', 'Класс урока не найден');
  const targetId = lessonId(lesson.courseId, request.date, request.slot);
  const [existing, classDay, teacherDay] = await Promise.all([
    readStates(tx, 'lessons', [targetId]),
    readLessons(tx, { classIds: [lesson.classId], from: request.date, to: request.date }),
    readLessons(tx, { teacherId: lesson.teacherId, from: request.date, to: request.date }),
  ]);
  const atSlot = (list: StoredLesson[]) =>
    live(list).filter((l) => l.slot === request.slot && l.status === 'held');
  const groups = new Map(ctx.courses.map((c) => [c.id, c.groupId]));
  const target = existing.get(targetId) as unknown as StoredLesson | undefined;
  const planned = planMove(
    lesson,
    { date: request.date, slot: request.slot },
    {
      year: ctx.school.year,
      grade: cls.grade,
      existing: target,
      classLessons: atSlot(classDay),
      teacherLessons: atSlot(teacherDay),
      groupOf: (courseId) => groups.get(courseId),
    },
    stampsAfter(authorOf(user), [lesson, ...(target ? [target] : [])]),
  );
  if ('error' in planned) throw new ApiError(409, 'CONFLICT', planned.error);
  await writer.write('lessons', stored, asState(planned.old));
  const beforeTarget: DocState | null = target ? asState(target, target._deleted === true) : null;
  await writer.write('lessons', beforeTarget, asState(planned.moved));
  return { movedTo: planned.moved.id, lessonId: planned.old.id };
}

export async function cancelDay(
  writer: SchoolWriter,
  request: CancelDayRequest,
  user: AuthUser,
): Promise<LessonsChanged> {
  requireDeputy(user);
  const tx = writer.tx;
  const ctx = await readSetupContext(tx);
  if (request.classIds) {
    const unknown = request.classIds.filter((id) => !ctx.classes.some((c) => c.id === id));
    if (unknown.length > 0) throw new ApiError(404, 'NOT_FOUND', 'Класс не найден');
  }
  const lessons = live(
    await readLessons(tx, { classIds: request.classIds, from: request.date, to: request.date }),
  );
  const { open, skipped } = openOnly(ctx, lessons);
  const changed = applyDayCancellation(
    open,
    { cancel: request.cancel, reason: request.reason },
    stampsAfter(authorOf(user), open),
  );
  const before = new Map(open.map((l) => [l.id, l]));
  await writer.writeMany(
    'lessons',
    changed.map((l) => ({ before: asState(before.get(l.id)!), after: asState(l) })),
  );
  return { changed: changed.map((l) => l.id), skipped };
}
