// Lessons follow the timetable and the calendar: after a change, the server plans (shared/lesson-regeneration.ts) and writes the lessons of the classes concerned in the same transaction.
import type { DocState } from '../../sync/collections';
import { jsonEqual } from '../../sync/doc-state';
import type { Lesson } from '../../../shared/lesson';
import {
  GENERATION_AUTHOR,
  generatedLessonDocument,
  generateLessons,
  type GenerationSchool,
} from '../../../shared/lesson-generation';
import {
  mayGenerationRemove,
  planRegeneration,
  type RegenerationPlan,
  type StoredLesson,
} from '../../../shared/lesson-regeneration';
import { setPart } from '../../../shared/merge';
import type { SetupContext } from '../../../shared/setup/context';
import type { Timetable } from '../../../shared/timetable';
import { asState, readLessons } from './read';
import { stampsAfter, type DocumentWrite, type SchoolWriter } from './write';

/** What a regeneration did, for answers and logs. */
export interface RegenerationSummary {
  created: number;
  revived: number;
  removed: number;
  flagged: number;
  unflagged: number;
  retargeted: number;
}

export const EMPTY_SUMMARY: RegenerationSummary = {
  created: 0,
  revived: 0,
  removed: 0,
  flagged: 0,
  unflagged: 0,
  retargeted: 0,
};

export function addSummaries(a: RegenerationSummary, b: RegenerationSummary): RegenerationSummary {
  return {
    created: a.created + b.created,
    revived: a.revived + b.revived,
    removed: a.removed + b.removed,
    flagged: a.flagged + b.flagged,
    unflagged: a.unflagged + b.unflagged,
    retargeted: a.retargeted + b.retargeted,
  };
}

export interface RegenerationRequest {
  /** The set-up before and after the change (timetables, calendar, courses, classes). */
  before: SetupContext;
  after: SetupContext;
  classIds: readonly string[];
  /** First date concerned (a version's "valid from", or today for calendar changes). */
  from: string;
  /** The server's date (shared/lesson-regeneration.ts never removes a lesson before it). */
  today: string;
}

function generationSchool(ctx: SetupContext): GenerationSchool | null {
  if (!ctx.school) return null;
  return {
    year: ctx.school.year,
    classes: ctx.classes,
    periods: ctx.periods,
    courses: ctx.courses,
    timetables: ctx.timetables,
  };
}

/** The plan of a change without writing it (the import preview shows its counts). */
export async function planLessons(
  writer: Pick<SchoolWriter, 'tx'>,
  request: RegenerationRequest,
): Promise<{ plan: RegenerationPlan; existing: StoredLesson[] } | null> {
  const before = generationSchool(request.before);
  const after = generationSchool(request.after);
  if (!after || request.classIds.length === 0) return null;
  const year = after.year;
  const from = request.from > year.start ? request.from : year.start;
  const range = { from, to: year.end, classIds: request.classIds };
  const existing = await readLessons(writer.tx, { classIds: request.classIds, from });
  const plan = planRegeneration({
    before: before && before.year.id === year.id ? generateLessons(before, range) : [],
    after: generateLessons(after, range),
    existing,
    today: request.today,
  });
  return { plan, existing };
}

/** Plans and writes: lessons created, brought back, removed (tombstones), flagged, retargeted. */
export async function regenerateLessons(
  writer: SchoolWriter,
  request: RegenerationRequest,
): Promise<RegenerationSummary> {
  const planned = await planLessons(writer, request);
  if (!planned) return EMPTY_SUMMARY;
  const { plan, existing } = planned;
  const stamp = stampsAfter(GENERATION_AUTHOR, existing);
  const since = request.from;
  const writes = new Map<string, DocumentWrite>();
  const change = (lesson: StoredLesson, edit: (doc: Lesson) => Lesson, deleted = false) => {
    const prior = writes.get(lesson.id);
    const before = prior?.before ?? asState(lesson, lesson._deleted === true);
    const current = (prior?.after ?? before) as unknown as Lesson;
    writes.set(lesson.id, { before, after: asState(edit(current), deleted) });
  };

  const created: DocumentWrite[] = plan.create.map((g) => ({
    before: null,
    after: asState(generatedLessonDocument(g, stamp())),
  }));
  for (const { lesson, generated } of plan.revive) {
    change(lesson, (doc) =>
      doc.teacherId !== generated.teacherId &&
      Object.values(doc.stamps).every((s) => s.by === GENERATION_AUTHOR)
        ? setPart(doc, 'teacherId', generated.teacherId, stamp())
        : doc,
    );
  }
  for (const lesson of plan.remove) {
    // The one removal of a journal record (shared/lesson-regeneration.ts mayGenerationRemove).
    if (!mayGenerationRemove(lesson, request.today)) continue;
    change(lesson, (doc) => doc, true);
  }
  for (const lesson of plan.flag)
    change(lesson, (doc) => setPart(doc, 'offTimetable', { since }, stamp()));
  for (const lesson of plan.unflag)
    change(lesson, (doc) => setPart(doc, 'offTimetable', null, stamp()));
  for (const { lesson, teacherId } of plan.retarget) {
    change(lesson, (doc) => setPart(doc, 'teacherId', teacherId, stamp()));
  }
  await writer.writeMany('lessons', [...created, ...writes.values()]);
  return {
    created: plan.create.length,
    revived: plan.revive.length,
    removed: plan.remove.length,
    flagged: plan.flag.length,
    unflagged: plan.unflag.length,
    retargeted: plan.retarget.length,
  };
}

/** The classes whose lessons a change of one set-up document concerns, and from when. */
export function affectedBy(
  collection: string,
  before: DocState | null,
  after: DocState,
  ctx: SetupContext,
  today: string,
): { classIds: string[]; from: string } | null {
  const all = ctx.classes.map((c) => c.id);
  const changed = (field: string) => !before || !jsonEqual(before[field], after[field]);
  switch (collection) {
    case 'timetables': {
      const t = after as unknown as Timetable;
      return { classIds: [t.classId], from: t.validFrom };
    }
    case 'courses':
      // A new teacher takes over the course's untouched future lessons.
      return changed('teacherId') || before?._deleted !== after._deleted
        ? { classIds: [String(after.classId)], from: today }
        : null;
    case 'classes':
      return changed('periodScheme') || changed('grade')
        ? { classIds: [String(after.id)], from: today }
        : null;
    case 'school':
      return changed('year') ? { classIds: all, from: today } : null;
    case 'periods':
      return changed('start') || changed('end') || before?._deleted !== after._deleted
        ? { classIds: all, from: today }
        : null;
    default:
      return null;
  }
}
