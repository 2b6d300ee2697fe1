// A hostile subject teacher, property-tested: random mutations of real demo documents (random
// parts, identity fields changed, stamps from the future, malformed or signed by colleagues, ids
// of other classes and courses, deletions) pushed over real HTTP. Whatever arrives, the answer
// never holds a document or a field the teacher may not read, and the stored documents change
// only the way the rights table (docs/SECURITY.md) allows. The read scope and the rights are
// computed here from the school itself, not by the server's code.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import { jsonEqual, toDocState } from '../../../server/sync/doc-state';
import { MAX_STAMP_AHEAD_MS } from '../../../shared/clock-skew';
import { COLLECTIONS, type CollectionName } from '../../../shared/collections';
import { createClock, decodeHlc, encodeHlc } from '../../../shared/hlc';
import { startDomainServer, storedOrNull, type DomainServer, type Login } from './domain-fixture';
import { api } from './helpers';

const ME = 'staff-0004';
const RUNS = 70;

let server: DomainServer;
let me: Login;
/** Classes whose lessons, period marks and student names the teacher reads. */
let seen: Set<string>;
/** The teacher's own courses. */
let mine: Set<string>;
let accepted = 0;
let refusedOrIgnored = 0;

type Doc = Record<string, unknown> & {
  id: string;
  stamps?: Record<string, { at: string; by: string }>;
};

beforeAll(async () => {
  server = await startDomainServer();
  me = await server.login('teacher-0004', ME, ['teacher']);
  const school = server.school;
  mine = new Set(school.courses.filter((c) => c.teacherId === ME).map((c) => c.id));
  seen = new Set([
    ...school.courses.filter((c) => c.teacherId === ME).map((c) => c.classId),
    ...school.lessons.filter((l) => l.teacherId === ME).map((l) => l.classId),
  ]);
});

afterAll(async () => {
  await server?.close();
});

// --- The model: what the teacher may read and write ------------------------------------------

const SCOPED = new Set(['lessons', 'periodMarks', 'students']);

function readable(collection: string, doc: Doc): boolean {
  if (collection === 'consents') return false; // only class teachers read consents
  if (SCOPED.has(collection)) return seen.has(String(doc.classId));
  return true;
}

/** What the teacher may see of a readable document (students without their personal parts). */
function visible(collection: string, state: DocState): DocState {
  if (collection !== 'students') return state;
  const stamps = Object.fromEntries(
    Object.entries((state.stamps ?? {}) as object).filter(
      ([p]) => !p.startsWith('birthDate') && !p.startsWith('address') && !p.startsWith('guardians'),
    ),
  );
  return { ...state, birthDate: '', address: '', guardians: {}, stamps };
}

function closedAt(classId: string, date: string): boolean {
  const scheme = server.school.classes.find((c) => c.id === classId)?.periodScheme;
  const periods = server.school.periods.filter((p) => p.scheme === scheme);
  const inside = periods.find((p) => p.start <= date && date <= p.end);
  const period =
    inside ?? periods.filter((p) => p.end < date).sort((a, b) => (a.end < b.end ? 1 : -1))[0];
  return period?.closed === true;
}

/** Why this stored change is one the rights table forbids (null: allowed). */
function forbidden(collection: string, before: DocState | null, after: DocState): string | null {
  if (collection !== 'lessons' && collection !== 'periodMarks') return `wrote ${collection}`;
  if (after._deleted || (before !== null && before._deleted !== after._deleted)) return 'deleted';
  if (before) {
    for (const field of COLLECTIONS[collection].identity) {
      if (!jsonEqual(before[field], after[field])) return `changed identity ${field}`;
    }
  }
  const course = server.school.courses.find((c) => c.id === after.courseId);
  if (!course || course.classId !== after.classId) return 'no such course in that class';
  const holder = collection === 'lessons' && before?.teacherId === ME;
  if (!mine.has(course.id) && !holder) return 'not their course';
  if (collection === 'lessons') {
    if (closedAt(String(after.classId), String(after.date))) return 'closed period';
    if (before && before.teacherId !== after.teacherId && !mine.has(course.id)) {
      return 'a substitute reassigned the lesson';
    }
  } else {
    const period = server.school.periods.find((p) => p.id === after.periodId);
    if (!period || period.closed) return 'closed period';
  }
  // Every part whose stamp changed is signed by the teacher, now, in the HLC encoding.
  const old = (before?.stamps ?? {}) as Record<string, { at: string; by: string }>;
  for (const [path, stamp] of Object.entries(
    (after.stamps ?? {}) as Record<string, { at: string; by: string }>,
  )) {
    const prior = old[path];
    if (prior && prior.at === stamp.at && prior.by === stamp.by) continue;
    if (stamp.by !== ME) return `part ${path} signed by ${stamp.by}`;
    let wall: number;
    try {
      wall = decodeHlc(stamp.at).wallMs;
    } catch {
      return `malformed stamp on ${path}`;
    }
    if (wall - Date.now() > MAX_STAMP_AHEAD_MS) return `stamp from the future on ${path}`;
  }
  return null;
}

/** A lesson or period marks of the teacher's own course in an open period. */
function isOwnOpen(collection: string, doc: Doc): boolean {
  if (!mine.has(String(doc.courseId))) return false;
  if (collection === 'lessons') return !closedAt(String(doc.classId), String(doc.date));
  if (collection === 'periodMarks') {
    return server.school.periods.find((p) => p.id === doc.periodId)?.closed === false;
  }
  return false;
}

// --- The attacker ----------------------------------------------------------------------------

const clock = createClock('attacker');
const STAMPS = [
  'mine',
  'mine',
  'mine',
  'colleague',
  'future',
  'slightlyAhead',
  'malformed',
  'none',
] as const;
type StampKind = (typeof STAMPS)[number];

function stampOf(kind: StampKind, pick: number): { at: string; by: string } | undefined {
  const now = clock.tick();
  switch (kind) {
    case 'mine':
      return { at: now, by: ME };
    case 'colleague':
      return { at: now, by: pick % 2 ? 'staff-teacher' : 'staff-deputy' };
    case 'future':
      return {
        at: encodeHlc({
          wallMs: Date.now() + (1 + (pick % 400)) * 24 * 3600_000,
          counter: 0,
          node: 'x',
        }),
        by: ME,
      };
    case 'slightlyAhead':
      return {
        at: encodeHlc({ wallMs: Date.now() + 3 * 60_000, counter: pick % 10, node: 'x' }),
        by: ME,
      };
    case 'malformed':
      return { at: ['~', '999999999999999-99999-x', '', 'zzz', '2026-12-01'][pick % 5]!, by: ME };
    case 'none':
      return undefined;
  }
}

const COLLECTION_WEIGHTS: [CollectionName, number][] = [
  ['lessons', 6],
  ['periodMarks', 3],
  ['students', 1],
  ['consents', 1],
  ['courses', 1],
  ['periods', 1],
];

function docsOf(collection: CollectionName): Doc[] {
  return (collection === 'school'
    ? [server.school.school]
    : server.school[collection]) as unknown as Doc[];
}

/** A random value for a part of a document of the collection (valid or not). */
function partValue(collection: string, field: string, pick: number): unknown {
  const students = server.school.students;
  const student = students[pick % students.length]!.id;
  switch (field) {
    case 'entries':
      return [
        student,
        pick % 5 === 0
          ? { marks: 'нет', attendance: 7 }
          : {
              attendance: pick % 3 ? null : 'н',
              marks: [{ value: String(2 + (pick % 4)), workTypeId: 'wt-oral', comment: '' }],
            },
      ];
    case 'marks':
      return [
        student,
        {
          value: String(2 + (pick % 4)),
          proposed: null,
          average: null,
          deferral: null,
          comment: '',
        },
      ];
    case 'guardians':
      return [
        `gd-${pick}`,
        {
          lastName: 'Взломов',
          firstName: 'Иван',
          middleName: '',
          kind: 'other',
          phone: '1',
          email: '',
          address: '',
        },
      ];
    case 'topic':
    case 'homework':
    case 'note':
      return pick % 7 === 0 ? 'x'.repeat(5000) : `подмена ${pick}`;
    case 'teacherId':
      return ['staff-teacher', ME, 'staff-0002', 'staff-deputy'][pick % 4];
    case 'status':
      return collection === 'students'
        ? ['left', 'active'][pick % 2]
        : ['held', 'cancelled', 'lost'][pick % 3];
    case 'closed':
      return pick % 2 === 0;
    case 'end':
      return '2027-06-15';
    case 'decision':
      return 'withdrawal';
    default:
      return `?${pick}`;
  }
}

const EDITABLE: Record<string, string[]> = {
  lessons: ['topic', 'homework', 'entries', 'teacherId', 'status'],
  periodMarks: ['marks'],
  students: ['status', 'guardians', 'classId'],
  consents: ['decision', 'note'],
  courses: ['teacherId'],
  periods: ['closed', 'end'],
};

interface Mutation {
  field: number;
  pick: number;
  stamp: StampKind;
}

interface RowPlan {
  collection: CollectionName;
  /** Pick among the teacher's own documents in open periods (where writes may succeed). */
  own: boolean;
  doc: number;
  mutations: Mutation[];
  identity: { field: number; from: number; stamp: StampKind } | null;
  foreignId: number | null;
  deleted: boolean;
  assumed: 'stored' | 'none' | 'other';
  bareId: boolean;
}

const mutation = fc.record({
  field: fc.nat(20),
  pick: fc.nat(10_000),
  stamp: fc.constantFrom(...STAMPS),
});
/** `value` in about one of `every` cases, otherwise null. */
const sometimes = <T>(value: fc.Arbitrary<T>, every: number) =>
  fc.oneof({ arbitrary: value, weight: 1 }, { arbitrary: fc.constant(null), weight: every - 1 });
const collectionArb = fc.oneof(
  ...COLLECTION_WEIGHTS.map(([c, w]) => ({ arbitrary: fc.constant(c), weight: w })),
);
const rowPlan: fc.Arbitrary<Omit<RowPlan, 'collection'>> = fc.record({
  own: fc.nat(9).map((n) => n < 6),
  doc: fc.nat(100_000),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 4 }),
  identity: sometimes(
    fc.record({ field: fc.nat(10), from: fc.nat(100_000), stamp: fc.constantFrom(...STAMPS) }),
    5,
  ),
  foreignId: sometimes(fc.nat(100_000), 6),
  deleted: fc.nat(9).map((n) => n === 0),
  assumed: fc.constantFrom('stored', 'stored', 'none', 'other'),
  bareId: fc.nat(9).map((n) => n === 0),
});

const stored = (collection: string, id: string) => storedOrNull(server, collection, id);

/** Builds the pushed row from a plan, starting from the document as stored (the strongest attacker). */
async function buildRow(plan: RowPlan) {
  const docs = docsOf(plan.collection);
  const owned = docs.filter((d) => isOwnOpen(plan.collection, d));
  const pool = plan.own && owned.length > 0 ? owned : docs;
  const base = pool[plan.doc % pool.length]!;
  const current = (await stored(plan.collection, base.id)) ?? { ...base, _deleted: false };
  if (plan.bareId)
    return {
      collection: plan.collection,
      row: { newDocumentState: { id: base.id, _deleted: false } },
    };
  const next: Record<string, unknown> = structuredClone(current);
  const stamps: Record<string, unknown> = { ...((current.stamps as object) ?? {}) };
  const fields = EDITABLE[plan.collection]!;
  for (const m of plan.mutations) {
    const field = fields[m.field % fields.length]!;
    const value = partValue(plan.collection, field, m.pick);
    let path = field;
    if (Array.isArray(value) && ['entries', 'marks', 'guardians'].includes(field)) {
      const [key, entry] = value as [string, unknown];
      next[field] = { ...((next[field] as object) ?? {}), [key]: entry };
      path = `${field}.${key}`;
    } else {
      next[field] = value;
    }
    const stamp = stampOf(m.stamp, m.pick);
    if (stamp) stamps[path] = stamp;
  }
  const identity = COLLECTIONS[plan.collection].identity;
  if (plan.identity && identity.length > 0) {
    const field = identity[plan.identity.field % identity.length]!;
    const donor = docs[plan.identity.from % docs.length]!;
    next[field] = field === 'slot' ? (Number(donor[field] ?? 0) + 1) % 13 : donor[field];
    const stamp = stampOf(plan.identity.stamp, plan.identity.from);
    if (stamp) stamps[field] = stamp;
  }
  next.stamps = stamps;
  if (plan.foreignId !== null) next.id = docs[plan.foreignId % docs.length]!.id;
  next._deleted = plan.deleted;
  const assumed =
    plan.assumed === 'stored'
      ? current
      : plan.assumed === 'other'
        ? { ...docs[(plan.doc + 1) % docs.length]!, _deleted: false }
        : undefined;
  return {
    collection: plan.collection,
    row: { ...(assumed ? { assumedMasterState: assumed } : {}), newDocumentState: next },
  };
}

describe('a hostile subject teacher', () => {
  it(
    `never reads or writes past the rights table (${RUNS} random pushes)`,
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          collectionArb,
          fc.array(rowPlan, { minLength: 1, maxLength: 3 }),
          async (collection, plans) => {
            const rows = [];
            for (const plan of plans) rows.push((await buildRow({ ...plan, collection })).row);
            const ids = [...new Set(rows.map((r) => String(r.newDocumentState.id)))];
            const before = new Map<string, DocState | null>();
            for (const id of ids) before.set(id, await stored(collection, id));
            const maxSeq = Number(
              (await server.db.query('SELECT max(seq) AS m FROM documents')).rows[0]!.m,
            );

            const res = await api(
              server,
              'POST',
              `/api/v1/sync/${collection}/push`,
              rows,
              me.token,
            );
            expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
            const answer = res.body as DocState[];

            // 1. The answer: each state is the teacher's own row as a tombstone, or what they may
            //    see of the document as it now is.
            for (const doc of answer) {
              const id = String(doc.id);
              const sent = rows
                .filter((r) => r.newDocumentState.id === id)
                .map((r) => ({ ...toDocState(r.newDocumentState), _deleted: true }));
              if (sent.some((s) => jsonEqual(s, doc))) continue;
              const now = await stored(collection, id);
              expect(now, `answer for ${collection} ${id} that does not exist`).not.toBeNull();
              expect(
                readable(collection, now as unknown as Doc),
                `answer shows unreadable ${collection} ${id}`,
              ).toBe(true);
              expect(
                readable(collection, doc as unknown as Doc),
                `answer is unreadable ${collection} ${id}`,
              ).toBe(true);
              expect(doc, `answer shows personal parts of ${id}`).toEqual(visible(collection, doc));
              // One row per document: the answer is what the teacher may see of it as it now is.
              if (sent.length === 1)
                expect(doc, `answer for ${collection} ${id}`).toEqual(visible(collection, now!));
            }

            // 2. The store: only documents of this push changed, and only as the table allows.
            const changed = await server.db.query(
              'SELECT collection, id FROM documents WHERE seq > $1',
              [maxSeq],
            );
            for (const row of changed.rows) {
              const id = String(row.id);
              expect(row.collection).toBe(collection);
              expect(ids).toContain(id);
              const reason = forbidden(
                collection,
                before.get(id) ?? null,
                (await stored(collection, id))!,
              );
              expect(reason, `${collection} ${id}`).toBeNull();
            }
            if (changed.rows.length > 0) accepted += 1;
            else refusedOrIgnored += 1;
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261201) },
      );
      console.log(
        `pushes with a stored change: ${accepted}; refused or changing nothing: ${refusedOrIgnored}`,
      );
      // Both kinds were exercised: the property is not vacuous.
      expect(accepted).toBeGreaterThan(0);
      expect(refusedOrIgnored).toBeGreaterThan(0);
    },
  );
});
