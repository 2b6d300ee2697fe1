// The set-up collections on the server: pushed school card, periods, classes, courses and timetables are refused with the Russian message of shared/setup's checks; a pushed change regenerates the lessons it concerns in the same transaction; a write into a lesson the timetable removed brings it back.
import { lessonRemovalRefusal } from '../../../shared/lesson-contents';
import { hasRole, type AuthUser } from '../../auth/roles';
import type { Queryable } from '../../db/db';
import type { CollectionDescriptor, DocState, WriteDecision } from '../../sync/collections';
import { withoutDeleted } from '../../sync/doc-state';
import type { CollectionName } from '../../../shared/collections';
import type { Course } from '../../../shared/course';
import type { Lesson } from '../../../shared/lesson';
import { GENERATION_AUTHOR, generateLessons } from '../../../shared/lesson-generation';
import { setPart } from '../../../shared/merge';
import type { Period } from '../../../shared/period';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import { checkClass } from '../../../shared/setup/class-checks';
import { replaced, type SetupContext } from '../../../shared/setup/context';
import { checkCourse } from '../../../shared/setup/course-checks';
import { checkPeriod } from '../../../shared/setup/period-checks';
import { formatProblems, type SetupProblem } from '../../../shared/setup/problems';
import { checkSchool } from '../../../shared/setup/school-checks';
import { checkTimetable } from '../../../shared/setup/timetable-checks';
import { timetableAt, type Timetable } from '../../../shared/timetable';
import type { DomainRules } from '../rule-types';
import { affectedBy, regenerateLessons } from '../school/generation';
import { asState } from '../school/read';
import { SchoolWriter, stampsAfter } from '../school/write';
import { SetupIndex } from './setup-index';

export interface SchoolSetupOptions {
  /** The school's date, "YYYY-MM-DD" (default: the server's local date). */
  today?: () => string;
}

/** The server's local date. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

type Check = (doc: unknown, ctx: SetupContext) => SetupProblem[];

const CHECKS: Partial<Record<CollectionName, Check>> = {
  school: (doc) => checkSchool(doc),
  periods: checkPeriod,
  classes: checkClass,
  courses: checkCourse,
  timetables: checkTimetable,
};

const SET_UP = ['school', 'periods', 'classes', 'courses', 'timetables'] as const;

function deputyOrAdmin(user: AuthUser): boolean {
  return hasRole(user, 'deputy') || hasRole(user, 'admin');
}

/** The document as the checks see it: the stored state parsed again, without `_deleted`. */
function docOf(state: DocState): Record<string, unknown> {
  return withoutDeleted(state);
}

/** Audit rows keep each write's previous state: the follow-up compares before and after. */
async function previousState(
  tx: Queryable,
  collection: string,
  id: string,
  seq: number,
): Promise<DocState | null> {
  const r = await tx.query(
    'SELECT before FROM audit_log WHERE collection = $1 AND doc_id = $2 AND seq = $3',
    [collection, id, seq],
  );
  return (r.rows[0]?.before as DocState | null | undefined) ?? null;
}

/** The context with one set-up document replaced by its new state (or removed). */
function withDocument(ctx: SetupContext, collection: string, state: DocState): SetupContext {
  const id = String(state.id);
  const doc = state._deleted ? null : docOf(state);
  switch (collection) {
    case 'school':
      return { ...ctx, school: (doc as School | null) ?? ctx.school };
    case 'periods':
      return { ...ctx, periods: replaced(ctx.periods, doc as Period | null, id) };
    case 'classes':
      return { ...ctx, classes: replaced(ctx.classes, doc as SchoolClass | null, id) };
    case 'courses':
      return { ...ctx, courses: replaced(ctx.courses, doc as Course | null, id) };
    case 'timetables':
      return { ...ctx, timetables: replaced(ctx.timetables, doc as Timetable | null, id) };
    default:
      return ctx;
  }
}

/**
 * Adds the set-up checks and lesson generation to the rules of the school's collections, and
 * the rules of the timetables collection. The rights of the other collections stay as given.
 */
export function withSchoolSetup(
  rules: Partial<Record<CollectionName, DomainRules>>,
  options: SchoolSetupOptions = {},
): Partial<Record<CollectionName, DomainRules>> {
  const index = new SetupIndex();
  const today = options.today ?? localToday;
  const prepare = (db: Queryable) => index.refresh(db);

  /** Regenerates the lessons a pushed set-up write concerns; in the push's transaction. */
  const followUp =
    (collection: string): NonNullable<CollectionDescriptor['followUp']> =>
    async (tx, written, user, write): Promise<void> => {
      const writer = new SchoolWriter(
        tx,
        write,
        { accountId: user.accountId, deviceId: user.deviceId },
        'generate',
      );
      let ctx = index.context();
      for (const { seq, state } of written) {
        const before = await previousState(tx, collection, String(state.id), seq);
        const next = withDocument(ctx, collection, state);
        const affected = affectedBy(collection, before, state, next, today());
        if (affected) {
          await regenerateLessons(writer, {
            before: ctx,
            after: next,
            classIds: affected.classIds,
            from: affected.from,
            today: today(),
          });
        }
        ctx = next;
      }
    };

  const out: Partial<Record<CollectionName, DomainRules>> = { ...rules };
  out.timetables = {
    journalRecord: false,
    scoped: false,
    canWrite: (user) =>
      deputyOrAdmin(user)
        ? true
        : 'Изменять расписание могут заместитель директора и администратор',
  };
  for (const name of SET_UP) {
    const base = out[name];
    const check = CHECKS[name];
    if (!base || !check) throw new Error(`No rules for collection ${name}`);
    out[name] = {
      ...base,
      canWrite(user, before, after, parts): WriteDecision {
        const decision = base.canWrite(user, before, after, parts);
        if (decision !== true) return decision;
        if (after._deleted) return decision;
        const problems = check(docOf(after), index.context());
        return problems.length === 0 ? decision : `Не сохранено: ${formatProblems(problems)}`;
      },
      prepare,
      followUp: followUp(name),
    };
  }

  const lessons = out.lessons;
  if (!lessons) throw new Error('No rules for collection lessons');
  out.lessons = {
    ...lessons,
    prepare,
    // A push can never delete a lesson, but it can write into one the generation removed (an
    // offline teacher's marks, «Добавить урок» in the same slot): the lesson comes back with
    // what was written, flagged when the timetable no longer has it. Nothing entered disappears.
    // Merged into the removed lesson (not handed back), so the follow-up below can revive it.
    mergeIntoDeleted: true,
    async followUp(tx, written, user, write): Promise<void> {
      // An empty lesson removed on purpose (shared/lesson-contents.ts) holds nothing to bring back.
      const removed = written.filter(
        (w) => w.state._deleted && lessonRemovalRefusal(w.state as unknown as Lesson) !== null,
      );
      if (removed.length === 0) return;
      const writer = new SchoolWriter(
        tx,
        write,
        { accountId: user.accountId, deviceId: user.deviceId },
        'revive',
      );
      const ctx = index.context();
      const stamp = stampsAfter(
        GENERATION_AUTHOR,
        removed.map((w) => w.state as unknown as Lesson),
      );
      const rows = removed.map(({ state }) => {
        const lesson = docOf(state) as unknown as Lesson;
        const fits =
          ctx.school !== null &&
          generateLessons(
            {
              year: ctx.school.year,
              classes: ctx.classes,
              periods: ctx.periods,
              courses: ctx.courses,
              timetables: ctx.timetables,
            },
            { from: lesson.date, to: lesson.date, classIds: [lesson.classId] },
          ).some((g) => g.id === lesson.id);
        const revived = fits
          ? lesson
          : // Flagged from the version in force that day (the one that no longer has the lesson).
            setPart(
              lesson,
              'offTimetable',
              {
                since:
                  timetableAt(
                    ctx.timetables,
                    lesson.classId,
                    ctx.school?.year.id ?? '',
                    lesson.date,
                  )?.validFrom ?? lesson.date,
              },
              stamp(),
            );
        return { before: state, after: asState(revived) };
      });
      await writer.writeMany('lessons', rows);
    },
  };
  return out;
}
