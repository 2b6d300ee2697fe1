// The undo of the last year transition (POST /api/v1/school/year-transition/undo), allowed while
// the new year is not opened (shared/year-end/undo.ts says what «opened» means): in ONE
// transaction through the one write path (audit kind `year-undo`), every document of the new year
// becomes a tombstone, each student the transition moved gets back their class, status and
// movements, and last the school card returns to the finished year, which is open again.
import type { AuthUser } from '../../auth/roles';
import type { Queryable } from '../../db/db';
import { ApiError } from '../../errors';
import type { DocState } from '../../sync/collections';
import type { CollectionName } from '../../../shared/collections';
import type { Lesson } from '../../../shared/lesson';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import { applyChanges } from '../../../shared/setup/stamp-changes';
import type { Student } from '../../../shared/student';
import type { YearUndoResult } from '../../../shared/year-end/plan';
import { planUndo, type UndoPlan } from '../../../shared/year-end/undo';
import { authorOf } from '../doc-parts';
import { readDocs } from './read';
import { stampsAfter, type SchoolWriter } from './write';

/** Removal order: what refers to a class before the class, the calendar last. */
const REMOVED: readonly CollectionName[] = [
  'lessons',
  'periodMarks',
  'timetables',
  'courses',
  'classes',
  'periods',
];

interface UndoWork {
  plan: UndoPlan;
  removed: Map<CollectionName, DocState[]>;
  students: Map<string, DocState>;
  school: DocState;
}

function stateOf(row: Record<string, unknown>): DocState {
  return { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true };
}

async function liveOf(
  tx: Queryable,
  collection: CollectionName,
  by: { yearId: string } | { classIds: readonly string[] },
): Promise<DocState[]> {
  const r =
    'yearId' in by
      ? await tx.query(
          `SELECT deleted, doc FROM documents
           WHERE collection = $1 AND NOT deleted AND doc->>'yearId' = $2`,
          [collection, by.yearId],
        )
      : await tx.query(
          `SELECT deleted, doc FROM documents WHERE collection = $1 AND NOT deleted
           AND class_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
          [collection, JSON.stringify(by.classIds)],
        );
  return r.rows.map(stateOf);
}

/** Reads what the undo needs and plans it; throws 409 with the Russian reason when refused. */
async function prepareUndo(tx: Queryable, today: string): Promise<UndoWork> {
  const schools = await tx.query(
    `SELECT deleted, doc FROM documents WHERE collection = 'school' AND NOT deleted`,
  );
  const school = schools.rows[0] ? stateOf(schools.rows[0]) : null;
  if (!school) throw new ApiError(409, 'CONFLICT', 'Сначала заполните сведения о школе');
  const card = withoutFlag<School>(school);
  const yearId = card.year.id;
  const classes = await readDocs<SchoolClass>(tx, 'classes');
  const classIds = classes.filter((c) => c.yearId === yearId).map((c) => c.id);
  const [lessons, periodMarks, studentRows, moved, cardRow] = await Promise.all([
    liveOf(tx, 'lessons', { classIds }),
    liveOf(tx, 'periodMarks', { classIds }),
    tx.query(`SELECT deleted, doc FROM documents WHERE collection = 'students' AND NOT deleted`),
    tx.query(
      `SELECT DISTINCT ON (doc_id) doc_id, before, after FROM audit_log
       WHERE collection = 'students' AND kind = 'year-transition'
       ORDER BY doc_id, id DESC`,
    ),
    tx.query(
      `SELECT before FROM audit_log WHERE collection = 'school' AND kind = 'year-transition'
       ORDER BY id DESC LIMIT 1`,
    ),
  ]);
  const students = new Map(
    studentRows.rows.map((row) => {
      const s = stateOf(row);
      return [String(s.id), s];
    }),
  );
  const plan = planUndo({
    school: card,
    today,
    classes,
    lessons: lessons as unknown as Lesson[],
    periodMarks: periodMarks as unknown as PeriodMarks[],
    students: [...students.values()] as unknown as Student[],
    moved: new Map(
      moved.rows
        .filter((row) => row.before && row.after)
        .map((row) => [
          String(row.doc_id),
          { before: row.before as Student, after: row.after as Student },
        ]),
    ),
    schoolBefore: (cardRow.rows[0]?.before as School | undefined) ?? null,
  });
  if (typeof plan === 'string') throw new ApiError(409, 'CONFLICT', plan);
  const removed = new Map<CollectionName, DocState[]>([
    ['lessons', lessons],
    ['periodMarks', periodMarks],
  ]);
  for (const c of ['timetables', 'courses', 'classes', 'periods'] as const) {
    removed.set(c, await liveOf(tx, c, { yearId }));
  }
  return { plan, removed, students, school };
}

function resultOf(mode: YearUndoResult['mode'], work: UndoWork): YearUndoResult {
  const n = (c: CollectionName) => work.removed.get(c)?.length ?? 0;
  return {
    mode,
    reopened: work.plan.past.year.name,
    removed: (work.school as unknown as School).year.name,
    counts: {
      periods: n('periods'),
      classes: n('classes'),
      courses: n('courses'),
      timetables: n('timetables'),
      lessons: n('lessons'),
      periodMarks: n('periodMarks'),
      students: work.plan.students.length,
    },
  };
}

export async function previewUndo(tx: Queryable, today: string): Promise<YearUndoResult> {
  return resultOf('preview', await prepareUndo(tx, today));
}

function withoutFlag<T>(state: DocState): T {
  const { _deleted: _d, ...rest } = state;
  return rest as unknown as T;
}

export async function undoTransition(
  writer: SchoolWriter,
  user: AuthUser,
  today: string,
): Promise<YearUndoResult> {
  const work = await prepareUndo(writer.tx, today);
  for (const c of REMOVED) {
    const docs = work.removed.get(c) ?? [];
    await writer.writeMany(
      c,
      docs.map((before) => ({ before, after: { ...before, _deleted: true } })),
    );
  }
  const restored = work.plan.students.map((s) => work.students.get(s.id)!);
  const stamp = stampsAfter(authorOf(user), [...restored, work.school] as unknown as Student[]);
  await writer.writeMany(
    'students',
    work.plan.students.map(({ id, parts }) => {
      const before = work.students.get(id)!;
      const current = withoutFlag<Student>(before);
      const { stamps: _s, ...fields } = current;
      const after = applyChanges<Student>(current, current, { ...fields, ...parts }, stamp());
      return { before, after: { ...after, _deleted: false } };
    }),
  );
  // Last: the school card goes back to the finished year, which opens again.
  const card = withoutFlag<School>(work.school);
  const school = applyChanges<School>(card, card, work.plan.school, stamp());
  await writer.write('school', work.school, { ...school, _deleted: false });
  return resultOf('commit', work);
}
