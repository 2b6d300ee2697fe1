// A desktop filled by the first download's snapshot (renderer/sync/snapshot-download.ts) over the
// real server (small school): with its connection cut midway and then replicated, it equals,
// document by document, one filled by the replication alone; the cut download resumes where it
// stopped; a write landing during the snapshot and a local edit made before the replication
// started both reach their destination; with another window of the database open, the documents
// go through the storage, which tells that window. The route itself: snapshot-route.test.ts.
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
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/collections';
import { createClock } from '../../../shared/hlc';
import type { Lesson } from '../../../shared/lesson';
import { canonicalText } from '../../../shared/json';
import { ownFields } from '../../../shared/rxdb-fields';
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
import { pullAll, push } from './helpers';
import { teachersLesson } from './snapshot-fixture';

let server: DomainServer;
let staff: DomainLogins;

beforeAll(async () => {
  server = await startDomainServer();
  staff = await signInDemoStaff(server);
});

afterAll(async () => {
  await server?.close();
});

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
      const changed = teachersLesson(server, 1);
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
      const mineId = teachersLesson(server, 2).id;
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
