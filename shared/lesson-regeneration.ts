// After a timetable change: which lessons to create, bring back, remove, flag or hand to the course's new teacher — never dropping one that holds data.
import type { Lesson } from './lesson';
import { GENERATION_AUTHOR, type GeneratedLesson } from './lesson-generation';

/** A stored lesson; `_deleted` marks a tombstone (a lesson the generation removed earlier). */
export type StoredLesson = Lesson & { _deleted?: boolean };

/** Marks, attendance, a topic or homework: what must never disappear. */
export function holdsData(lesson: Pick<Lesson, 'entries' | 'topic' | 'homework'>): boolean {
  return (
    Object.keys(lesson.entries).length > 0 ||
    lesson.topic.trim() !== '' ||
    lesson.homework.trim() !== ''
  );
}

/** No person has changed anything of the lesson since the generation wrote it. */
export function isUntouched(lesson: Pick<Lesson, 'stamps'>): boolean {
  return Object.values(lesson.stamps).every((s) => s.by === GENERATION_AUTHOR);
}

/**
 * The one case in which a journal record may disappear: a lesson the generation made, that nobody
 * has touched (no data, no cancellation, no substitute, no type), not moved in from elsewhere,
 * dated today or later. The server writes its tombstone; a push never deletes a lesson.
 */
export function mayGenerationRemove(lesson: StoredLesson, today: string): boolean {
  return (
    lesson._deleted !== true &&
    lesson.date >= today &&
    lesson.movedFrom === undefined &&
    isUntouched(lesson) &&
    !holdsData(lesson)
  );
}

export interface RegenerationInput {
  /** Lessons the versions in force before the change give over the window. */
  before: readonly GeneratedLesson[];
  /** Lessons the versions in force after the change give over the same window. */
  after: readonly GeneratedLesson[];
  /** Stored lessons of the classes concerned in the window, tombstones included. */
  existing: readonly StoredLesson[];
  /** The server's date: lessons before it are never removed, only flagged. */
  today: string;
}

export interface RegenerationPlan {
  /** Lessons the timetable now asks for that have no document yet. */
  create: GeneratedLesson[];
  /** Tombstones the timetable asks for again: they come back as they were (untouched ones with the course's teacher). */
  revive: { lesson: StoredLesson; generated: GeneratedLesson }[];
  /** Untouched future lessons that no longer fit: tombstones. */
  remove: StoredLesson[];
  /** Lessons that no longer fit but hold data, were touched or are past: kept, flagged for their teacher. */
  flag: StoredLesson[];
  /** Flagged lessons that fit the timetable again. */
  unflag: StoredLesson[];
  /** Untouched future lessons whose course now has another teacher. */
  retarget: { lesson: StoredLesson; teacherId: string }[];
}

/**
 * Compares what the timetable gave with what it gives now. Only lessons the old timetable gave
 * can be removed or flagged: lessons added by hand, moved in, or already off the timetable are
 * left alone. A lesson holding data is never removed.
 */
export function planRegeneration(input: RegenerationInput): RegenerationPlan {
  const plan: RegenerationPlan = {
    create: [],
    revive: [],
    remove: [],
    flag: [],
    unflag: [],
    retarget: [],
  };
  const existing = new Map(input.existing.map((l) => [l.id, l]));
  const wanted = new Set<string>();
  for (const g of input.after) {
    if (wanted.has(g.id)) continue;
    wanted.add(g.id);
    const lesson = existing.get(g.id);
    if (!lesson) {
      plan.create.push(g);
      continue;
    }
    if (lesson._deleted === true) {
      plan.revive.push({ lesson, generated: g });
      continue;
    }
    if (lesson.offTimetable) plan.unflag.push(lesson);
    if (lesson.teacherId !== g.teacherId && lesson.date >= input.today && isUntouched(lesson)) {
      plan.retarget.push({ lesson, teacherId: g.teacherId });
    }
  }
  const gave = new Set(input.before.map((g) => g.id));
  for (const lesson of input.existing) {
    if (lesson._deleted === true || wanted.has(lesson.id) || !gave.has(lesson.id)) continue;
    if (mayGenerationRemove(lesson, input.today)) plan.remove.push(lesson);
    else if (lesson.status === 'held' && !lesson.offTimetable) plan.flag.push(lesson);
  }
  return plan;
}

/** How many documents a plan writes. */
export function planSize(plan: RegenerationPlan): number {
  return (
    plan.create.length +
    plan.revive.length +
    plan.remove.length +
    plan.flag.length +
    plan.unflag.length +
    plan.retarget.length
  );
}
