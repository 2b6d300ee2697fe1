// The year transition (POST /api/v1/school/year-transition): a reviewed plan applied in ONE
// transaction through the one write path — next year's periods, classes, courses and draft
// timetables, each student's movement and class, debts as deferred marks — and last the school
// card, which closes the finished year (from then on every write to its documents is refused).
// After an undo (year-undo.ts) the same ids hold tombstones: the new documents are written over them.
import type { AuthUser } from '../../auth/roles';
import type { Queryable } from '../../db/db';
import { ApiError } from '../../errors';
import type { DocState } from '../../sync/collections';
import { COLLECTIONS, type CollectionName } from '../../../shared/collections';
import type { Course } from '../../../shared/course';
import { getPart, setPart, type Stamped } from '../../../shared/merge';
import type { Period } from '../../../shared/period';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import { applyChanges } from '../../../shared/setup/stamp-changes';
import type { Stamp } from '../../../shared/stamp';
import type { Student } from '../../../shared/student';
import type { Timetable } from '../../../shared/timetable';
import { checkPlan } from '../../../shared/year-end/plan-checks';
import type { YearTransitionPlan, YearTransitionResult } from '../../../shared/year-end/plan';
import {
  transitionDocuments,
  type TransitionDocuments,
} from '../../../shared/year-end/transition-documents';
import { authorOf } from '../doc-parts';
import { readDocs, readStates } from './read';
import { stampsAfter, type SchoolWriter } from './write';

async function readSource(tx: Queryable) {
  const [schools, periods, classes, courses, timetables, students] = await Promise.all([
    readDocs<School>(tx, 'school'),
    readDocs<Period>(tx, 'periods'),
    readDocs<SchoolClass>(tx, 'classes'),
    readDocs<Course>(tx, 'courses'),
    readDocs<Timetable>(tx, 'timetables'),
    readDocs<Student>(tx, 'students'),
  ]);
  const school = schools[0];
  if (!school) throw new ApiError(409, 'CONFLICT', 'Сначала заполните сведения о школе');
  return { school, periods, classes, courses, timetables, students };
}

/** Checks the plan and builds its documents; throws 400 with every problem in Russian. */
export async function planTransition(
  tx: Queryable,
  plan: YearTransitionPlan,
  user: AuthUser,
  now: Date,
): Promise<TransitionDocuments> {
  const source = await readSource(tx);
  const problems = checkPlan(plan, source);
  if (problems.length > 0) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `План перехода не принят: ${problems.slice(0, 5).join('; ')}`,
      {
        problems,
      },
    );
  }
  return transitionDocuments(plan, source, { at: now.toISOString(), by: user.login.slice(0, 64) });
}

export function resultOf(
  mode: 'preview' | 'commit',
  docs: TransitionDocuments,
): YearTransitionResult {
  return {
    mode,
    counts: {
      periods: docs.periods.length,
      classes: docs.classes.length,
      courses: docs.courses.length,
      timetables: docs.timetables.length,
      students: docs.students.length,
      periodMarks: docs.periodMarks.length,
    },
    unplacedDebts: docs.unplacedDebts,
  };
}

/** A new document with every part stamped (identity fields unstamped). */
function created<T extends Stamped & { id: string }>(
  collection: CollectionName,
  draft: Omit<T, 'stamps'>,
  stamp: Stamp,
): T {
  return applyChanges<T>(null, null, draft, stamp, COLLECTIONS[collection].identity);
}

export async function applyTransition(
  writer: SchoolWriter,
  docs: TransitionDocuments,
  user: AuthUser,
): Promise<void> {
  const tx = writer.tx;
  const [students, schools, ...removed] = await Promise.all([
    readStates(
      tx,
      'students',
      docs.students.map((s) => s.id),
    ),
    readStates(tx, 'school', [docs.school.id]),
    // Tombstones an undone transition left under the same ids: the new documents replace them.
    ...CREATED.map((c) =>
      readStates(
        tx,
        c,
        docs[c].map((d) => d.id),
      ),
    ),
  ]);
  const tombstones = new Map(CREATED.map((c, i) => [c, removed[i]!]));
  const schoolBefore = schools.get(docs.school.id) ?? null;
  const stamp = stampsAfter(authorOf(user), [
    ...students.values(),
    ...(schoolBefore ? [schoolBefore] : []),
    ...removed.flatMap((m) => [...m.values()]),
  ] as unknown as Stamped[]);
  const fresh = <T extends Stamped & { id: string }>(
    c: (typeof CREATED)[number],
    list: Omit<T, 'stamps'>[],
    build: (d: Omit<T, 'stamps'>) => T = (d) => created<T>(c, d, stamp()),
  ) =>
    writer.writeMany(
      c,
      list.map((d) => {
        const before = tombstones.get(c)?.get(d.id) ?? null;
        const doc = build(d);
        return { before, after: { ...(before ? over(before, doc, stamp) : doc), _deleted: false } };
      }),
    );
  await fresh<Period>('periods', docs.periods);
  await fresh<SchoolClass>('classes', docs.classes);
  await fresh<Course>('courses', docs.courses);
  await fresh<Timetable>('timetables', docs.timetables);
  await fresh<PeriodMarks>('periodMarks', docs.periodMarks, (d) => {
    let doc: PeriodMarks = { ...d, marks: {}, stamps: {} };
    for (const [studentId, entry] of Object.entries(d.marks)) {
      doc = setPart(doc, `marks.${studentId}`, entry, stamp());
    }
    return doc;
  });
  await writer.writeMany(
    'students',
    docs.students.map((next) => {
      const before = students.get(next.id)!;
      const current = withoutFlag(before) as unknown as Student;
      const after = applyChanges<Student>(current, current, next, stamp());
      return { before, after: { ...after, _deleted: false } };
    }),
  );
  // Last: the school card moves to the new year and closes the old one. Nothing after it can fail.
  const current = (schoolBefore ? withoutFlag(schoolBefore) : null) as unknown as School;
  const school = applyChanges<School>(current, current, docs.school, stamp());
  await writer.write('school', schoolBefore, { ...school, _deleted: false });
}

/** The collections a transition creates documents in. */
const CREATED = ['periods', 'classes', 'courses', 'timetables', 'periodMarks'] as const;

/**
 * A new document written over the tombstone of the same id: every part the tombstone stamped and
 * the new one does not (a debt of another student) is removed with a newer stamp, so the merge
 * with the tombstone gives exactly the new document.
 */
function over<T extends Stamped>(tombstone: DocState, doc: T, stamp: () => Stamp): T {
  let out = doc;
  const old = (tombstone.stamps ?? {}) as Record<string, unknown>;
  for (const path of Object.keys(old)) {
    if (path in out.stamps) continue;
    out = setPart(out, path, getPart(out, path), stamp());
  }
  return out;
}

function withoutFlag(state: DocState): Record<string, unknown> {
  const { _deleted: _d, ...rest } = state;
  return rest;
}
