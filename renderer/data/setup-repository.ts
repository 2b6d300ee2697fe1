// Domain verbs of «Школа → Настройка»: save the school card, the periods of the year, a class and
// the courses of the curriculum. Each save is checked first with the shared set-up checks against
// the local set-up documents (the same checks the server runs on push); a refusal carries the
// problems for the form's fields and writes nothing. Only the changed parts are stamped.
import type { Course } from '../../shared/course';
import type { Clock } from '../../shared/hlc';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import { checkClass } from '../../shared/setup/class-checks';
import { replaced, type SetupContext } from '../../shared/setup/context';
import { checkCourse } from '../../shared/setup/course-checks';
import { checkPeriod } from '../../shared/setup/period-checks';
import type { SetupProblem } from '../../shared/setup/problems';
import { checkSchool } from '../../shared/setup/school-checks';
import { applyChanges, type Unstamped } from '../../shared/setup/stamp-changes';
import type { Timetable } from '../../shared/timetable';
import { SerialQueue } from '../../shared/serial-queue';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

/** A save refused by the set-up checks: nothing was written. */
export class SetupRefusal extends WriteError {
  constructor(readonly problems: SetupProblem[]) {
    super(problems[0]?.message ?? 'Данные не сохранены: исправьте ошибки');
  }
}

/** An edit: the version the form opened with (null for a new document) and the form's document. */
export interface Edit<T> {
  base: T | null;
  next: Unstamped<T>;
}

export interface SetupRepository {
  saveSchool(edit: Edit<School>): Promise<School>;
  /** All or nothing: every period is checked against the others before any is written. */
  savePeriods(edits: readonly Edit<Period>[]): Promise<void>;
  saveClass(edit: Edit<SchoolClass>): Promise<SchoolClass>;
  saveCourses(edits: readonly Edit<Course>[]): Promise<void>;
}

/** Fields fixed when the document is made (as the demo school and the imports make them). */
const IDENTITY: Record<'school' | 'periods' | 'classes' | 'courses', readonly string[]> = {
  school: [],
  periods: ['yearId', 'kind', 'scheme', 'number'],
  classes: ['yearId', 'grade'],
  courses: [],
};

const json = <T>(docs: { toJSON(): unknown }[]): T[] => docs.map((d) => d.toJSON() as T);

async function readContext(db: JournalDatabase): Promise<SetupContext> {
  const [school, periods, classes, staff, courses, timetables] = await Promise.all([
    db.school.find().exec(),
    db.periods.find().exec(),
    db.classes.find().exec(),
    db.staff.find().exec(),
    db.courses.find().exec(),
    db.timetables.find().exec(),
  ]);
  return {
    school: (school[0]?.toJSON() as School | undefined) ?? null,
    periods: json<Period>(periods),
    classes: json<SchoolClass>(classes),
    staff: json(staff),
    courses: json<Course>(courses),
    timetables: json<Timetable>(timetables),
  };
}

/** Problems of the edits as their documents would be after the write. */
function refuseOn(problems: SetupProblem[]): void {
  if (problems.length > 0) throw new SetupRefusal(problems);
}

export function createSetupRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): SetupRepository {
  const queue = new SerialQueue();
  const signer = createSigner(clock, author);

  /** Writes every edit of a collection; documents are already checked. */
  async function write<T extends { id: string; stamps: Record<string, unknown> }>(
    collection: 'school' | 'periods' | 'classes' | 'courses',
    edits: readonly Edit<T>[],
  ): Promise<T[]> {
    const stamp = signer.stamp();
    const rx = db[collection] as unknown as {
      findOne(id: string): { exec(): Promise<{ toJSON(): unknown; incrementalModify(f: (d: T) => T): Promise<{ toJSON(): unknown }> } | null> };
      insert(doc: T): Promise<{ toJSON(): unknown }>;
    };
    const out: T[] = [];
    for (const edit of edits) {
      const found = await rx.findOne(edit.next.id).exec();
      const written = found
        ? await found.incrementalModify((current) =>
            applyChanges(
              current as never,
              edit.base as never,
              edit.next as never,
              stamp,
              IDENTITY[collection],
            ),
          )
        : await rx.insert(
            applyChanges(null, null, edit.next as never, stamp, IDENTITY[collection]) as T,
          );
      out.push(written.toJSON() as T);
    }
    return out;
  }

  return {
    saveSchool(edit) {
      return queue.run('setup', async () => {
        refuseOn(checkSchool(withStamps(edit)));
        const [written] = await write<School>('school', [edit]);
        return written!;
      });
    },
    savePeriods(edits) {
      return queue.run('setup', async () => {
        const ctx = await readContext(db);
        let periods = ctx.periods;
        for (const e of edits) periods = replaced(periods, withStamps(e), e.next.id);
        const next = { ...ctx, periods };
        refuseOn(
          edits.flatMap((e, i) =>
            checkPeriod(withStamps(e), next).map((p) => ({ ...p, path: `${i}.${p.path}` })),
          ),
        );
        await write<Period>('periods', edits);
      });
    },
    saveClass(edit) {
      return queue.run('setup', async () => {
        const ctx = await readContext(db);
        refuseOn(checkClass(withStamps(edit), ctx));
        const [written] = await write<SchoolClass>('classes', [edit]);
        return written!;
      });
    },
    saveCourses(edits) {
      return queue.run('setup', async () => {
        const ctx = await readContext(db);
        let courses = ctx.courses;
        for (const e of edits) courses = replaced(courses, withStamps(e), e.next.id);
        const next = { ...ctx, courses };
        refuseOn(
          edits.flatMap((e, i) =>
            checkCourse(withStamps(e), next).map((p) => ({ ...p, path: `${i}.${p.path}` })),
          ),
        );
        await write<Course>('courses', edits);
      });
    },
  };
}

/** The form's document as the checks take it (stamps do not matter to them). */
function withStamps<T>(edit: Edit<T>): T {
  return { ...(edit.next as object), stamps: {} } as T;
}
