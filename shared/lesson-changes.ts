// Day-to-day changes by the deputy as pure steps on lesson documents: a substitute (замена), a перенос to another date and slot, a day's lessons cancelled with a reason.
import { isStudyDay, type AcademicYear } from './academic-year';
import type { Course } from './course';
import { formatDate, isoWeekday } from './dates';
import type { Lesson } from './lesson';
import { lessonId } from './lesson-id';
import { setPart } from './merge';
import type { Stamp } from './stamp';

/** A fresh stamp per written part, signed by whoever makes the change. */
export type StampSource = () => Stamp;

/** A refused lesson with the reason, in Russian. */
export interface SkippedLesson {
  lessonId: string;
  reason: string;
}

function at(lesson: Pick<Lesson, 'date' | 'slot'>): string {
  return `${formatDate(lesson.date)}, ${lesson.slot}-й урок`;
}

/** Whose lesson it is by the timetable: the absent teacher of a substitution, else the course's teacher. */
export function scheduledTeacherOf(
  lesson: Pick<Lesson, 'teacherId' | 'substitution'>,
  course: Pick<Course, 'teacherId'> | undefined,
): string {
  return lesson.substitution?.absentTeacherId ?? course?.teacherId ?? lesson.teacherId;
}

/** A substitute holds the lesson: only when the teacher changed does it count as replaced. */
export function isReplaced(
  lesson: Pick<Lesson, 'teacherId' | 'substitution'>,
  course: Pick<Course, 'teacherId'> | undefined,
): boolean {
  return lesson.teacherId !== scheduledTeacherOf(lesson, course);
}

export interface SubstitutionInput {
  /** The substitute, or null to give the lessons back to their own teacher. */
  substituteId: string | null;
  reason: string;
  courses: ReadonlyMap<string, Pick<Course, 'teacherId'>>;
  /** The substitute's own lesson at that date and slot, if any (another class's). */
  busyWith?: (date: string, slot: number) => Pick<Lesson, 'id' | 'classId'> | undefined;
}

/**
 * Sets or removes a substitute on lessons: `teacherId` becomes the substitute and `substitution`
 * records whose lesson it was and why; removing gives it back. Cancelled lessons are skipped, and
 * so are slots where the substitute holds a lesson of their own.
 */
export function applySubstitution(
  lessons: readonly Lesson[],
  input: SubstitutionInput,
  stamp: StampSource,
): { changed: Lesson[]; skipped: SkippedLesson[] } {
  const changed: Lesson[] = [];
  const skipped: SkippedLesson[] = [];
  for (const lesson of lessons) {
    if (lesson.status !== 'held') {
      skipped.push({ lessonId: lesson.id, reason: `${at(lesson)}: урок отменён` });
      continue;
    }
    const own = scheduledTeacherOf(lesson, input.courses.get(lesson.courseId));
    const target = input.substituteId ?? own;
    if (target === own) {
      if (lesson.teacherId === own && !lesson.substitution) continue;
      let next = setPart(lesson, 'teacherId', own, stamp());
      next = setPart(next, 'substitution', null, stamp());
      changed.push(next);
      continue;
    }
    const busy = input.busyWith?.(lesson.date, lesson.slot);
    if (busy && busy.id !== lesson.id) {
      skipped.push({
        lessonId: lesson.id,
        reason: `${at(lesson)}: у замещающего учителя в это время свой урок`,
      });
      continue;
    }
    if (lesson.teacherId === target && lesson.substitution?.reason === input.reason) continue;
    let next = setPart(lesson, 'teacherId', target, stamp());
    next = setPart(next, 'substitution', { absentTeacherId: own, reason: input.reason }, stamp());
    changed.push(next);
  }
  return { changed, skipped };
}

export interface MoveTarget {
  date: string;
  slot: number;
}

export interface MoveContext {
  year: AcademicYear;
  grade: number;
  /** The stored lesson with the target's id (the course's lesson at that date and slot), if any. */
  existing: (Lesson & { _deleted?: boolean }) | undefined;
  /** Held lessons of the class at the target date and slot (a group course may share the slot). */
  classLessons: readonly Pick<Lesson, 'id' | 'courseId'>[];
  /** Held lessons of the lesson's teacher at the target date and slot. */
  teacherLessons: readonly Pick<Lesson, 'id' | 'classId'>[];
  /** Group of each course of the class (null for the whole class). */
  groupOf: (courseId: string) => string | null | undefined;
}

/**
 * Перенос: identity fields (date, slot) never change, so the lesson moves as a NEW document at the
 * target (id by lessonId, `movedFrom` → the old one) that takes the lesson's topic, homework, type
 * and entries with their stamps; the old one is cancelled with `movedTo` → the new one and keeps
 * what it held (for the audit; cancelled lessons count nowhere).
 */
export function planMove(
  lesson: Lesson,
  target: MoveTarget,
  ctx: MoveContext,
  stamp: StampSource,
): { moved: Lesson; old: Lesson } | { error: string } {
  if (lesson.status !== 'held') return { error: 'Отменённый урок не переносится' };
  if (target.date === lesson.date && target.slot === lesson.slot)
    return { error: 'Урок уже стоит на эту дату и этот номер' };
  if (isoWeekday(target.date) === 7 || !isStudyDay(ctx.year, target.date, ctx.grade))
    return { error: `${formatDate(target.date)} — не учебный день для этого класса` };
  const id = lessonId(lesson.courseId, target.date, target.slot);
  if (ctx.existing && ctx.existing._deleted !== true)
    return { error: `У этого курса уже есть урок ${at(target)}` };
  const myGroup = ctx.groupOf(lesson.courseId);
  for (const other of ctx.classLessons) {
    if (other.id === lesson.id || other.id === id) continue;
    const group = ctx.groupOf(other.courseId);
    if (
      myGroup === null ||
      myGroup === undefined ||
      group === null ||
      group === undefined ||
      group === myGroup
    )
      return { error: `У класса уже есть урок ${at(target)}` };
  }
  if (ctx.teacherLessons.some((l) => l.id !== lesson.id && l.id !== id))
    return { error: `У учителя уже есть урок ${at(target)}` };

  const keep = (path: string) => lesson.stamps[path];
  const moved: Lesson = {
    id,
    stamps: {},
    courseId: lesson.courseId,
    classId: lesson.classId,
    date: target.date,
    slot: target.slot,
    teacherId: lesson.teacherId,
    lessonType: lesson.lessonType,
    status: 'held',
    workTypeId: lesson.workTypeId,
    topic: lesson.topic,
    homework: lesson.homework,
    entries: lesson.entries,
    movedFrom: lesson.id,
  };
  if (lesson.substitution) moved.substitution = lesson.substitution;
  for (const path of Object.keys(lesson.stamps)) {
    if (
      path === 'offTimetable' ||
      path === 'status' ||
      path === 'cancelReason' ||
      path === 'movedTo'
    )
      continue;
    const s = keep(path);
    if (s) moved.stamps[path] = { at: s.at, by: s.by };
  }
  moved.stamps.status = stamp();
  let old = setPart(lesson, 'status', 'cancelled', stamp());
  old = setPart(old, 'movedTo', id, stamp());
  old = setPart(old, 'cancelReason', `Перенесён на ${at(target)}`, stamp());
  return { moved, old };
}

/**
 * Cancels the held lessons (карантин, актированный день) with the reason, or — `cancel: false` —
 * brings back those a day's cancellation cancelled (cancelled with a reason, not moved).
 */
export function applyDayCancellation(
  lessons: readonly Lesson[],
  input: { cancel: boolean; reason: string },
  stamp: StampSource,
): Lesson[] {
  const out: Lesson[] = [];
  for (const lesson of lessons) {
    if (input.cancel) {
      if (lesson.status !== 'held') continue;
      let next = setPart(lesson, 'status', 'cancelled', stamp());
      next = setPart(next, 'cancelReason', input.reason, stamp());
      out.push(next);
    } else {
      if (lesson.status !== 'cancelled' || !lesson.cancelReason || lesson.movedTo) continue;
      let next = setPart(lesson, 'status', 'held', stamp());
      next = setPart(next, 'cancelReason', '', stamp());
      out.push(next);
    }
  }
  return out;
}
