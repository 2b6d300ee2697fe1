// The first download outside the replication, over the real server (small school): the snapshot
// holds exactly what a pull from the beginning holds, for each role and collection, compressed;
// a desktop filled by the snapshot (renderer/sync/snapshot-download.ts, its connection cut
// midway) and then the replication equals, document by document, one filled by the replication
// alone; the cut download resumes where it stopped; a write landing during the snapshot and a
// local edit made before the replication started both reach their destination; a resumed
// snapshot after the read scope changed is refused and left to the replication.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { getChangedDocumentsSince, type RxCollection } from 'rxdb';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../renderer/db/database';
import { OtherWindows } from '../../../renderer/db/other-windows';
import type { JournalDatabase } from '../../../renderer/db/types';
import { PendingChanges } from '../../../renderer/sync/pending-changes';
import {
  startCollectionReplication,
  type CollectionReplication,
} from '../../../renderer/sync/replication';
import {
  downloadSnapshot,
  initialCheckpoints,
  planSnapshots,
  readSnapshotState,
  type InitialCheckpoints,
} from '../../../renderer/sync/snapshot-download';
import type { DocState } from '../../../server/sync/collections';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/collections';
import { createClock } from '../../../shared/hlc';
import type { Lesson } from '../../../shared/lesson';
import { canonicalText } from '../../../shared/json';
import { ownFields } from '../../../shared/rxdb-fields';
import {
  SnapshotChunkSchema,
  SnapshotPlanSchema,
  type Checkpoint,
  type SnapshotChunk,
  type SnapshotPlan,
} from '../../../shared/sync-wire';
import { ChaosProxy } from './chaos-proxy';
import {
  edit,
  signInDemoStaff,
  startDomainServer,
  state,
  storedState,
  type DomainLogins,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, pullAll, push } from './helpers';

let server: DomainServer;
let staff: DomainLogins;

beforeAll(async () => {
  server = await startDomainServer();
  staff = await signInDemoStaff(server);
});

afterAll(async () => {
  await server?.close();
});

async function plan(login: Login, names: readonly string[]): Promise<SnapshotPlan> {
  const res = await api(
    server,
    'GET',
    `/api/v1/sync/snapshot?collections=${names.join(',')}`,
    undefined,
    login.token,
  );
  expect(res.status).toBe(200);
  return SnapshotPlanSchema.parse(res.body);
}

/** One snapshot answer read whole: its status, headers and NDJSON lines. */
async function snapshot(
  login: Login,
  collection: string,
  checkpoint: Checkpoint,
  after = 0,
): Promise<{ status: number; headers: Headers; chunks: SnapshotChunk[]; body: unknown }> {
  const query = new URLSearchParams({
    checkpoint: JSON.stringify(checkpoint),
    after: String(after),
  });
  const res = await fetch(`${server.url}/api/v1/sync/${collection}/snapshot?${query}`, {
    headers: { authorization: `Bearer ${login.token}`, 'accept-encoding': 'br, gzip' },
  });
  const text = await res.text();
  if (res.status !== 200) {
    return { status: res.status, headers: res.headers, chunks: [], body: JSON.parse(text) };
  }
  const chunks = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => SnapshotChunkSchema.parse(JSON.parse(line)));
  return { status: res.status, headers: res.headers, chunks, body: null };
}

const byId = (docs: readonly Record<string, unknown>[]) =>
  [...docs].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('the snapshot route', () => {
  it('holds exactly what a pull from the beginning holds, for the scoped roles and every collection', async () => {
    // (The deputy reads everything; their lessons are compared in the next test.)
    for (const login of [staff.teacher, staff.classTeacher]) {
      const { collections } = await plan(login, COLLECTION_NAMES);
      expect(collections.map((c) => c.collection)).toEqual([...COLLECTION_NAMES]);
      for (const part of collections) {
        const pulled = await pullAll(server, login.token, part.collection, 1000);
        const answer = await snapshot(login, part.collection, part.checkpoint);
        expect(answer.status).toBe(200);
        const docs = answer.chunks.flatMap((c) => c.documents);
        expect(byId(docs), `${login.login} ${part.collection}`).toEqual(byId(pulled));
        expect(part.total, `${login.login} ${part.collection}`).toBe(pulled.length);
        expect(answer.chunks.at(-1)).toEqual({
          documents: [],
          after: part.checkpoint.seq,
          done: true,
        });
      }
    }
  });

  it('gives a subject teacher fewer lessons than the deputy, compressed, and resumes after a seq', async () => {
    const mine = (await plan(staff.teacher, ['lessons'])).collections[0]!;
    const all = (await plan(staff.deputy, ['lessons'])).collections[0]!;
    expect(mine.checkpoint.scope).toEqual(expect.any(String));
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    const whole = await snapshot(staff.deputy, 'lessons', all.checkpoint);
    const pulled = await pullAll(server, staff.deputy.token, 'lessons', 1000);
    expect(byId(whole.chunks.flatMap((c) => c.documents))).toEqual(byId(pulled));
    expect(all.total).toBe(pulled.length);
    expect(whole.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(whole.headers.get('content-encoding')).toBe('br');
    expect(whole.chunks.length).toBeGreaterThan(2);
    // Resumed after the first chunk: exactly the rest.
    const first = whole.chunks[0]!;
    const rest = await snapshot(staff.deputy, 'lessons', all.checkpoint, first.after);
    expect(rest.chunks.flatMap((c) => c.documents)).toEqual(
      whole.chunks.slice(1).flatMap((c) => c.documents),
    );
  });

  it('sends stored documents as stored (unparsed), a deleted one as deleted, to whoever reads it', async () => {
    // Lessons go out as the database prints them (readIsGrant): a tombstone must keep its flag,
    // and the text must hold exactly the stored fields. Deleted here by hand, outside the write
    // path, since a push may not remove a lesson that holds marks.
    const lesson = server.school.lessons.find(
      (l) => l.courseId === teachersLesson(0).courseId && l.date < '2026-10-01',
    )!;
    await server.db.query(
      `UPDATE documents SET deleted = true, seq = nextval('document_seq')
       WHERE collection = 'lessons' AND id = $1`,
      [lesson.id],
    );
    const stored = (
      await server.db.query(`SELECT doc FROM documents WHERE collection = 'lessons' AND id = $1`, [
        lesson.id,
      ])
    ).rows[0]!.doc as Record<string, unknown>;
    try {
      for (const login of [staff.teacher, staff.deputy]) {
        const part = (await plan(login, ['lessons'])).collections[0]!;
        const docs = (await snapshot(login, 'lessons', part.checkpoint)).chunks.flatMap(
          (c) => c.documents,
        );
        const sent = docs.filter((d) => d.id === lesson.id);
        expect(sent, login.login).toEqual([{ ...stored, _deleted: true }]);
        expect(byId(docs)).toEqual(byId(await pullAll(server, login.token, 'lessons', 1000)));
      }
    } finally {
      await server.db.query(
        `UPDATE documents SET deleted = false, seq = nextval('document_seq')
         WHERE collection = 'lessons' AND id = $1`,
        [lesson.id],
      );
    }
    // Another subject teacher's snapshot (not signed in as a class teacher): exactly the lessons
    // of their courses and those they hold, computed here from the school as generated.
    const staffId = 'staff-0002';
    const other = await server.login('other-teacher', staffId, ['teacher']);
    const theirs = (await plan(other, ['lessons'])).collections[0]!;
    const seen = (await snapshot(other, 'lessons', theirs.checkpoint)).chunks.flatMap(
      (c) => c.documents,
    );
    const { courses, lessons } = server.school;
    const own = new Set(courses.filter((c) => c.teacherId === staffId).map((c) => c.id));
    const expected = lessons.filter((l) => own.has(l.courseId) || l.teacherId === staffId);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((d) => d.id).sort()).toEqual(expected.map((l) => l.id).sort());
  });

  it('selects by scope columns the database derives from the document, whatever writes it', async () => {
    // The snapshot of lessons trusts class_id / course_id (and who holds the lesson) alone: a
    // hand-made SQL fix that moves a lesson to another teacher's course moves its scope columns
    // too, and they cannot be written apart from the document.
    const lesson = teachersLesson(3);
    const other = server.school.courses.find((c) => c.teacherId !== 'staff-teacher')!;
    const columns = async () =>
      (
        await server.db.query(
          `SELECT class_id, course_id FROM documents WHERE collection = 'lessons' AND id = $1`,
          [lesson.id],
        )
      ).rows[0];
    expect(await columns()).toEqual({ class_id: lesson.classId, course_id: lesson.courseId });
    await expect(
      server.db.query(`UPDATE documents SET course_id = 'x' WHERE id = $1`, [lesson.id]),
    ).rejects.toThrow();
    const move = (courseId: string, teacherId: string) =>
      server.db.query(
        `UPDATE documents SET doc = jsonb_set(jsonb_set(doc, '{courseId}', to_jsonb($2::text)),
           '{teacherId}', to_jsonb($3::text)), seq = nextval('document_seq')
         WHERE collection = 'lessons' AND id = $1`,
        [lesson.id, courseId, teacherId],
      );
    await move(other.id, other.teacherId);
    try {
      expect(await columns()).toEqual({ class_id: lesson.classId, course_id: other.id });
      const part = (await plan(staff.teacher, ['lessons'])).collections[0]!;
      const docs = (await snapshot(staff.teacher, 'lessons', part.checkpoint)).chunks.flatMap(
        (c) => c.documents,
      );
      expect(docs.some((d) => d.id === lesson.id)).toBe(false);
    } finally {
      await move(lesson.courseId, lesson.teacherId);
    }
  });

  it('refuses a snapshot without a checkpoint and one of an unknown collection', async () => {
    const none = await api(
      server,
      'GET',
      '/api/v1/sync/lessons/snapshot',
      undefined,
      staff.teacher.token,
    );
    expect(none.status).toBe(400);
    const unknown = await api(
      server,
      'GET',
      '/api/v1/sync/snapshot?collections=lessons,secrets',
      undefined,
      staff.teacher.token,
    );
    expect(unknown.status).toBe(404);
    const anonymous = await api(server, 'GET', '/api/v1/sync/snapshot?collections=lessons');
    expect(anonymous.status).toBe(401);
  });
});

// --- Desktops ---------------------------------------------------------------------------------

interface LocalDoc {
  id: string;
  state: string;
  revHeight: number;
}

/** Every document of the local collection, deleted ones too, as content and revision height. */
async function dump(collection: RxCollection): Promise<LocalDoc[]> {
  const { documents } = await getChangedDocumentsSince(collection.storageInstance, 1_000_000);
  return documents
    .map((d) => ({
      id: String((d as Record<string, unknown>).id),
      state: canonicalText({ ...ownFields(d as never), _deleted: d._deleted }),
      revHeight: Number(d._rev.split('-')[0]),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The bytes of one answer as they come over the wire (gzip asked), and its NDJSON line count. */
function rawSize(path: string, token: string): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      server.url + path,
      { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = gunzipSync(body).toString('utf8');
          resolve({ bytes: body.length, lines: text.split('\n').filter(Boolean).length });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let opened = 0;
/** `dexie`: the app's storage (on fake-indexeddb), whose snapshot writes go to its Dexie tables. */
function openLocal(storage: 'memory' | 'dexie' = 'memory'): Promise<JournalDatabase> {
  opened += 1;
  return openDatabase({
    name: `snapshot-${opened}-${Date.now()}`,
    storage:
      storage === 'dexie' ? getRxStorageDexie({ indexedDB, IDBKeyRange }) : getRxStorageMemory(),
  });
}

/** Replicates every collection (polling, no live stream) until in sync; counts pulled documents. */
async function replicate(
  db: JournalDatabase,
  serverUrl: string,
  login: Login,
  initial: Map<string, InitialCheckpoints> = new Map(),
): Promise<{ states: CollectionReplication[]; received: Map<string, number> }> {
  const received = new Map<string, number>();
  const clock = createClock(`d${opened}replica`);
  const pending = new PendingChanges();
  const states = COLLECTION_NAMES.map((name) => {
    const start = initial.get(name);
    return startCollectionReplication({
      serverUrl,
      token: login.token,
      collection: db[name] as unknown as RxCollection,
      primaryKey: 'id',
      clock,
      pending,
      pullBatchSize: 200,
      hooks: {
        onReachability: () => undefined,
        onError: () => undefined,
        onFatal: (error) => {
          throw error;
        },
        onReceived: (c, n) => received.set(c, (received.get(c) ?? 0) + n),
        onRefused: (c, ids) => {
          throw new Error(`refused ${c} ${ids.join(',')}`);
        },
      },
      ...(start ? { initialCheckpoint: start } : {}),
    });
  });
  await Promise.all(states.map((s) => s.awaitInitialReplication()));
  await Promise.all(states.map((s) => s.awaitInSync()));
  return { states, received };
}

/** A lesson of one of the teacher's courses in the open fourth quarter. */
function teachersLesson(skip = 0): Lesson {
  const courses = new Set(
    server.school.courses.filter((c) => c.teacherId === 'staff-teacher').map((c) => c.id),
  );
  const q4 = server.school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
  const lessons = server.school.lessons.filter(
    (l) =>
      courses.has(l.courseId) &&
      l.date >= q4.start &&
      l.date <= q4.end &&
      server.school.classes.find((c) => c.id === l.classId)?.periodScheme === 'quarters',
  );
  return lessons[skip]!;
}

describe('a desktop filled by the snapshot', () => {
  it('ends identical to one filled by the replication alone, after a cut, with nothing fetched or pushed twice', async () => {
    const teacher = staff.teacher;
    const proxy = new ChaosProxy(() => Number(new URL(server.url).port));
    const proxyUrl = await proxy.listen();
    const db = await openLocal('dexie');
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/snapshot')) seen.push(url);
      return realFetch(input, init);
    });
    let local: Awaited<ReturnType<typeof replicate>> | undefined;
    let editedId = '';
    try {
      const states = await planSnapshots(db, proxyUrl, teacher.token, COLLECTION_NAMES);
      expect(states).not.toBeNull();
      // A write lands after the plan, before the lessons are downloaded: the deputy sets a topic.
      const changed = teachersLesson(1);
      const before = await storedState(server, 'lessons', changed.id);
      const topic = 'Тема, записанная во время загрузки';
      const after = edit(before as unknown as Lesson, 'topic', topic, 'staff-deputy');
      expect(
        await push(server, staff.deputy.token, 'lessons', [
          { assumedMasterState: before, newDocumentState: state(after) },
        ]),
      ).toEqual([]);

      const lessonsPlan = states!.find((s) => s.collection === 'lessons')!;
      // The lessons' answer as it comes over the wire (gzip, as Node's fetch asks): several lines.
      const wire = await rawSize(
        `/api/v1/sync/lessons/snapshot?checkpoint=${encodeURIComponent(JSON.stringify(lessonsPlan.checkpoint))}&after=0&limit=50`,
        teacher.token,
      );
      expect(wire.lines).toBeGreaterThanOrEqual(4);
      const clock = createClock('dsnapshot');
      for (const snapshotState of states!) {
        const name = snapshotState.collection as CollectionName;
        // The lessons' answer hangs after 60 % of its bytes and is cut once its first chunk is
        // stored: the rest was on the way, never complete.
        if (name === 'lessons') proxy.stallAfter(Math.floor(wire.bytes * 0.6));
        const done = await downloadSnapshot({
          serverUrl: proxyUrl,
          token: teacher.token,
          collection: db[name] as unknown as RxCollection,
          state: snapshotState,
          clock,
          onStored: () => {
            if (name === 'lessons' && proxy.cuts === 0) proxy.cut(0);
          },
          signal: new AbortController().signal,
          retryMs: 50,
          chunkSize: 50,
        });
        expect(done.complete).toBe(true);
      }
      expect(proxy.cuts).toBe(1);
      // Resumed after what was stored, not from zero.
      const lessonRequests = seen.filter((u) => u.includes('/lessons/snapshot'));
      expect(lessonRequests.length).toBe(2);
      expect(new URL(lessonRequests[0]!).searchParams.get('after')).toBe('0');
      expect(Number(new URL(lessonRequests[1]!).searchParams.get('after'))).toBeGreaterThan(0);
      // Every lesson of the plan stored once; the one written meanwhile is left to the pull.
      const stored = await readSnapshotState(db, 'lessons');
      expect(stored!.stored).toBe(lessonsPlan.total - 1);
      expect((await dump(db.lessons as unknown as RxCollection)).length).toBe(
        lessonsPlan.total - 1,
      );

      // Typed before the replication started: a topic of another of the teacher's lessons.
      const mineId = teachersLesson(2).id;
      editedId = mineId;
      const mine = await db.lessons.findOne(mineId).exec();
      const localTopic = 'Тема, набранная во время первой загрузки';
      const edited = edit(
        mine!.toJSON() as unknown as Lesson,
        'topic',
        localTopic,
        'staff-teacher',
      );
      await mine!.incrementalPatch({ topic: edited.topic, stamps: edited.stamps } as never);

      const auditBefore = await server.db.query(
        'SELECT count(*)::int AS n FROM audit_log WHERE device_id = $1',
        [teacher.deviceId],
      );
      const initial = new Map(states!.map((s) => [s.collection, initialCheckpoints(s)]));
      local = await replicate(db, proxyUrl, teacher, initial);
      // Pulled after the snapshot: the lesson written meanwhile (and possibly the echo of the
      // local edit), nothing else.
      const pulled = [...local.received.values()].reduce((a, b) => a + b, 0);
      expect(pulled).toBeGreaterThanOrEqual(1);
      expect(pulled).toBeLessThanOrEqual(2);
      expect((await db.lessons.findOne(changed.id).exec())!.topic).toBe(topic);
      // Pushed: the local edit only.
      const auditAfter = await server.db.query(
        'SELECT count(*)::int AS n FROM audit_log WHERE device_id = $1',
        [teacher.deviceId],
      );
      expect(Number(auditAfter.rows[0]!.n) - Number(auditBefore.rows[0]!.n)).toBe(1);
      expect((await storedState(server, 'lessons', mineId)).topic).toBe(localTopic);
    } finally {
      spy.mockRestore();
      await proxy.close();
    }
    const filled = new Map<string, LocalDoc[]>();
    for (const name of COLLECTION_NAMES) {
      filled.set(name, await dump(db[name] as unknown as RxCollection));
    }
    await Promise.all(local!.states.map((s) => s.cancel()));
    await db.close();

    // The same user's second desktop, by the replication alone.
    const plainDb = await openLocal();
    const plain = await replicate(plainDb, server.url, teacher);
    let compared = 0;
    for (const name of COLLECTION_NAMES) {
      const expected = await dump(plainDb[name] as unknown as RxCollection);
      // The document edited on the first desktop is one local write further on there.
      const got = filled
        .get(name)!
        .map((d) => (d.id === editedId ? { ...d, revHeight: d.revHeight - 1 } : d));
      expect(got, name).toEqual(expected);
      compared += expected.length;
    }
    // The replication alone pulled everything (the comparison is not of two empty databases).
    expect([...plain.received.values()].reduce((a, b) => a + b, 0)).toBe(compared);
    expect(compared).toBeGreaterThan(500);
    await Promise.all(plain.states.map((s) => s.cancel()));
    await plainDb.close();
  });

  it('with another window of the database open, stores through the storage, which tells that window', async () => {
    const teacher = staff.teacher;
    const db = await openLocal('dexie');
    // A second browser tab of the same profile, open before the download.
    const tab = new OtherWindows(db.name);
    try {
      await new Promise((r) => setTimeout(r, 50));
      const states = await planSnapshots(db, server.url, teacher.token, ['lessons']);
      const lessons = states!.find((s) => s.collection === 'lessons')!;
      const collection = db.lessons as unknown as RxCollection;
      const storage = collection.storageInstance
        .originalStorageInstance as unknown as RxStorageInstanceDexie<unknown>;
      const bulkAdd = vi.spyOn((await storage.internals).dexieTable, 'bulkAdd');
      // What RxDB's multiInstance posts to the other tab: the storage's own change events.
      let announced = 0;
      const watching = storage.changeStream().subscribe((bulk) => {
        announced += bulk.events.length;
      });
      const done = await downloadSnapshot({
        serverUrl: server.url,
        token: teacher.token,
        collection,
        state: lessons,
        clock: createClock('dtabs'),
        onStored: () => undefined,
        signal: new AbortController().signal,
        chunkSize: 200,
      });
      watching.unsubscribe();
      expect(done.complete).toBe(true);
      expect(bulkAdd).not.toHaveBeenCalled();
      const pulled = await pullAll(server, teacher.token, 'lessons', 1000);
      expect(lessons.total).toBe(pulled.length);
      expect(announced).toBe(pulled.filter((d) => !d._deleted).length);
      expect((await dump(collection)).map((d) => d.id)).toEqual(
        pulled.map((d) => String(d.id)).sort((a, b) => a.localeCompare(b)),
      );
    } finally {
      tab.close();
      await db.close();
    }
  });
});

describe('a snapshot resumed after the read scope changed', () => {
  it('is refused (409) and the replication from the plan’s checkpoint withdraws what left the scope', async () => {
    const teacher = staff.teacher;
    const part = (await plan(teacher, ['lessons'])).collections[0]!;
    const whole = await snapshot(teacher, 'lessons', part.checkpoint);
    const held = new Map(whole.chunks.flatMap((c) => c.documents).map((d) => [String(d.id), d]));
    // The deputy swaps a course of the teacher's with one of another teacher's.
    const courses = (
      await server.db.query(
        `SELECT doc FROM documents WHERE collection = 'courses' AND NOT deleted`,
      )
    ).rows.map((r) => r.doc as { id: string; teacherId: string });
    const gained = courses.find((c) => c.teacherId === 'staff-0007')!;
    const lost = courses.find((c) => c.teacherId === 'staff-teacher')!;
    for (const [id, teacherId] of [
      [gained.id, 'staff-teacher'],
      [lost.id, 'staff-0007'],
    ] as const) {
      const before = await storedState(server, 'courses', id);
      const after = edit(before as never, 'teacherId', teacherId, 'staff-deputy');
      expect(
        await push(server, staff.deputy.token, 'courses', [
          { assumedMasterState: before, newDocumentState: state(after) },
        ]),
      ).toEqual([]);
    }
    const resumed = await snapshot(teacher, 'lessons', part.checkpoint, whole.chunks[0]!.after);
    expect(resumed.status).toBe(409);
    expect(resumed.body).toMatchObject({ error: { code: 'SNAPSHOT_OUTDATED' } });
    // The pull from the plan's checkpoint takes over: what left the scope comes as tombstones.
    const pulled: DocState[] = [];
    let checkpoint: Checkpoint = part.checkpoint;
    for (;;) {
      const res = await api(
        server,
        'GET',
        `/api/v1/sync/lessons/pull?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`,
        undefined,
        teacher.token,
      );
      const page = res.body as { documents: DocState[]; checkpoint: Checkpoint };
      pulled.push(...page.documents);
      if (page.documents.length === 0) break;
      checkpoint = page.checkpoint;
    }
    // What the desktop ends with equals what the teacher may read now (a pull from zero).
    const readable = await pullAll(server, teacher.token, 'lessons', 1000);
    const withdrawn = pulled.filter((d) => d._deleted).map((d) => String(d.id));
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const doc of pulled) {
      if (doc._deleted) held.delete(String(doc.id));
      else held.set(String(doc.id), doc);
    }
    expect([...held.keys()].sort()).toEqual(readable.map((d) => String(d.id)).sort());
  });
});
