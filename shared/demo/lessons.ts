// Lesson documents with sparse entries: attendance (illness runs, lateness) and marks drawn from each student's latent ability.
import type { Lesson, LessonEntry, LessonType, Mark } from '../lesson';
import type { LessonMarkValue } from '../grading-policy';
import type { Stamps } from '../stamp';
import { lessonId } from '../lesson-id';
import { hlcAt, slotStartMs } from './calendar';
import type { PlannedLesson } from './lesson-plan';
import type { Rng } from './random';
import { DAY_ILL, type StudentInfo } from './roster';
import type { CourseDraft } from './staffing';

/** Per course, per reporting period and student: what the period mark is computed from. */
export interface CourseStats {
  periods: number;
  students: number;
  /** Index `period * students + student` (period 0-based): the marks given, for proposePeriodMark. */
  marks: Mark[][];
  missed: Uint16Array;
  ill: Uint16Array;
  /** Lessons held per period. */
  held: Uint16Array;
}

export interface LessonContext {
  days: readonly string[];
  /** Lessons are written for day indexes below this (asOf). */
  cutoff: number;
  /** 1-based reporting period of each school day in the class's scheme. */
  periodOfDay: Uint8Array;
  periods: number;
  roster: readonly StudentInfo[];
  subjectIndex: number;
}

/** Who appoints substitutes and cancels lessons in the demo school. */
const DEPUTY_ID = 'staff-deputy';

const FULL_DAY_CODE = ['', 'б', 'у', 'н'];
const REGULAR_WORK: readonly (readonly [string, number])[] = [
  ['oral', 0.45],
  ['classwork', 0.25],
  ['homework', 0.2],
  ['independent', 0.1],
];

function workTypeOf(rng: Rng, type: LessonType): string {
  switch (type) {
    case 'test':
      return 'test';
    case 'dictation':
      return 'dictation';
    case 'lab':
      return 'lab';
    case 'practical':
      return 'practical';
    default:
      return rng.weighted(REGULAR_WORK);
  }
}

function markValue(rng: Rng, latent: number): LessonMarkValue {
  const v = Math.round(latent + rng.normal(0, 0.75));
  if (v >= 5) return '5';
  if (v === 4) return '4';
  if (v === 3) return '3';
  return rng.chance(0.01) ? '1' : '2';
}

export function newStats(periods: number, students: number): CourseStats {
  const n = periods * students;
  return {
    periods,
    students,
    marks: Array.from({ length: n }, (): Mark[] => []),
    missed: new Uint16Array(n),
    ill: new Uint16Array(n),
    held: new Uint16Array(periods),
  };
}

/** Writes the course's lessons up to the cutoff into `out`; returns the number of marks given. */
export function writeLessons(
  rng: Rng,
  course: CourseDraft,
  plan: readonly PlannedLesson[],
  ctx: LessonContext,
  stats: CourseStats,
  out: Lesson[],
): number {
  const { roster } = ctx;
  const size = roster.length;
  const perLesson = (size * (4 + 0.5 * course.hours)) / (8.5 * course.hours);
  const order = new Array<number>(size);
  const jitter = new Float64Array(size);
  let marksGiven = 0;

  for (const p of plan) {
    if (p.dayIdx >= ctx.cutoff) break;
    const date = ctx.days[p.dayIdx] ?? '';
    const teacherId = p.substitute ?? course.teacherId;
    const t0 = slotStartMs(date, p.slot);
    const headAt = hlcAt(t0 + 5 * 60_000);
    const head = { at: headAt, by: teacherId };
    // Substitutes and cancellations are the deputy's, set the morning before the lesson.
    const deputy = { at: hlcAt(t0 - 60 * 60_000), by: DEPUTY_ID };
    const stamps: Stamps = {
      lessonType: head,
      status: p.cancelled ? deputy : head,
      teacherId: p.substitute ? deputy : head,
    };
    const testLike = p.lessonType === 'test' || p.lessonType === 'dictation';
    const lessonWork =
      testLike || p.lessonType === 'lab' || p.lessonType === 'practical'
        ? workTypeOf(rng, p.lessonType)
        : null;
    if (lessonWork) stamps.workTypeId = head;
    if (p.topic) stamps.topic = head;
    if (p.homework) stamps.homework = { at: hlcAt(t0 + 35 * 60_000), by: teacherId };
    const entries: Record<string, LessonEntry> = {};
    const lesson: Lesson = {
      id: lessonId(course.id, date, p.slot),
      stamps,
      courseId: course.id,
      classId: course.classId,
      date,
      slot: p.slot,
      teacherId,
      lessonType: p.lessonType,
      status: p.cancelled ? 'cancelled' : 'held',
      workTypeId: lessonWork,
      topic: p.topic,
      homework: p.homework,
      entries,
    };
    if (p.substitute) {
      lesson.substitution = { absentTeacherId: course.teacherId, reason: 'болезнь учителя' };
      stamps.substitution = deputy;
    }
    if (p.cancelled) {
      lesson.cancelReason = 'болезнь учителя, замены нет';
      stamps.cancelReason = deputy;
    }
    out.push(lesson);
    if (p.cancelled) continue;

    const period = (ctx.periodOfDay[p.dayIdx] ?? 1) - 1;
    const base = period * size;
    stats.held[period] = (stats.held[period] ?? 0) + 1;

    // Attendance first: an absent student gets no mark.
    const attendance = new Array<string | null>(size);
    let present = 0;
    for (let s = 0; s < size; s++) {
      const st = roster[s] as StudentInfo;
      const day = st.dayCodes[p.dayIdx] ?? 0;
      let code: string | null = day ? (FULL_DAY_CODE[day] ?? 'н') : null;
      if (!code) {
        const r = rng.next();
        if (course.grade >= 5 && r < 0.005) code = 'н';
        else if (r < (p.slot === 1 ? 0.025 : 0.004)) code = 'оп';
      }
      attendance[s] = code;
      if (code && code !== 'оп') {
        stats.missed[base + s] = (stats.missed[base + s] ?? 0) + 1;
        if (day === DAY_ILL) stats.ill[base + s] = (stats.ill[base + s] ?? 0) + 1;
      } else {
        order[present++] = s;
      }
    }

    // Who gets marks: everyone on a test, most on a lab, otherwise those with the fewest marks so far.
    let chosen = 0;
    if (course.assessment !== 'none' && present > 0) {
      if (testLike) chosen = present;
      else if (p.lessonType === 'lab' || p.lessonType === 'practical')
        chosen = Math.round(present * rng.real(0.5, 0.9));
      else {
        const want = course.assessment === 'passFail' ? perLesson / 2 : perLesson;
        chosen = Math.min(present, Math.floor(want * rng.real(0.6, 1.4) + rng.next()));
      }
      if (chosen < present) {
        for (let i = 0; i < present; i++) {
          const s = order[i] as number;
          jitter[s] = (stats.marks[base + s]?.length ?? 0) + rng.next() * 1.6;
        }
        const head2 = order.slice(0, present).sort((a, b) => (jitter[a] ?? 0) - (jitter[b] ?? 0));
        for (let i = 0; i < present; i++) order[i] = head2[i] as number;
      }
    }
    const marked = new Uint8Array(size);
    for (let i = 0; i < chosen; i++) marked[order[i] as number] = 1;

    let k = 0;
    for (let s = 0; s < size; s++) {
      const code = attendance[s] ?? null;
      if (!code && !marked[s]) continue;
      const st = roster[s] as StudentInfo;
      const marks: Mark[] = [];
      if (marked[s]) {
        const latent = st.ability + (st.skill[ctx.subjectIndex] ?? 0) - (testLike ? 0.25 : 0);
        const count = testLike || rng.chance(0.94) ? 1 : 2;
        for (let m = 0; m < count; m++) {
          const workTypeId = m === 0 ? (lessonWork ?? workTypeOf(rng, p.lessonType)) : 'homework';
          const value: LessonMarkValue =
            course.assessment === 'passFail'
              ? rng.chance(0.97)
                ? 'pass'
                : 'fail'
              : markValue(rng, latent);
          const mark: Mark = { value, workTypeId, comment: '' };
          marks.push(mark);
          stats.marks[base + s]?.push(mark);
          marksGiven++;
        }
      }
      const id = st.doc.id;
      entries[id] = { marks, attendance: code };
      stamps[`entries.${id}`] = {
        at: hlcAt(t0 + (code && code !== 'оп' ? 2 : 20) * 60_000 + k++ * 15_000),
        by: teacherId,
      };
    }
  }
  return marksGiven;
}
