// Server backup and restore (PGlite): a database with the demo school and some writes is backed up
// online (by the running server) and offline (server stopped; refused while a live process holds
// the folder), restored into new folders, and a server on each copy serves identical documents and
// seq. Desktops behind the server — one with an old checkpoint, one restored from an old local copy
// without its sync state — converge without resurrecting deleted data or older values.
import { writeFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backupPgliteOffline,
  restorePglite,
  writeBackupFile,
} from '../../../server/backup/pglite-backup';
import { lockPath } from '../../../server/db/data-dir-lock';
import { openDb } from '../../../server/db/open';
import type { DocState } from '../../../server/sync/collections';
import { jsonEqual } from '../../../server/sync/doc-state';
import type { Lesson } from '../../../shared/lesson';
import { type Stamped } from '../../../shared/merge';
import { openDesktop, type Desktop } from './desktop';
import {
  clockFor,
  edit,
  startDomainServer,
  state,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { pull, push } from './helpers';

const COLLECTIONS = [
  'school',
  'periods',
  'classes',
  'staff',
  'students',
  'courses',
  'lessons',
  'periodMarks',
  'consents',
];
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function tmp(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `journal-${name}-`));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function current(server: DomainServer, collection: string, id: string): Promise<DocState> {
  const r = await server.db.query(
    'SELECT deleted, doc FROM documents WHERE collection = $1 AND id = $2',
    [collection, id],
  );
  return { ...(r.rows[0]!.doc as Record<string, unknown>), _deleted: r.rows[0]!.deleted === true };
}

async function write(
  server: DomainServer,
  who: Login,
  collection: string,
  id: string,
  path: string,
  value: unknown,
) {
  const before = await current(server, collection, id);
  const doc = before as unknown as Stamped;
  const next =
    path === ''
      ? doc
      : edit(doc, path, value, who.staffId ?? `account:${who.login}`, clockFor('w', doc));
  expect(
    await push(server, who.token, collection, [
      { assumedMasterState: before, newDocumentState: state(next) },
    ]),
  ).toEqual([]);
}

/**
 * A tombstone, written the only way one can be: by a server-side operation (the compromise undo
 * removes what a compromised account created; no push deletes a document).
 */
async function tombstone(server: DomainServer, collection: string, id: string) {
  const before = await current(server, collection, id);
  const [outcome] = await server.app.syncEngine.write(
    [{ collection, rows: [{ assumedMasterState: before, newDocumentState: state(before, true) }] }],
    { accountId: null, deviceId: null },
    'revert',
  );
  expect(outcome!.written).toHaveLength(1);
}

/** Everything the admin pulls: per collection the documents and the final checkpoint. */
async function pullEverything(server: DomainServer, token: string) {
  const out: Record<string, { documents: DocState[]; seq: number }> = {};
  for (const c of COLLECTIONS) {
    const documents: DocState[] = [];
    let checkpoint: { seq: number; scope?: string } | null = null;
    for (;;) {
      const page = await pull(server, token, c, checkpoint, 1000);
      documents.push(...page.documents);
      checkpoint = page.checkpoint;
      if (page.documents.length < 1000) break;
    }
    out[c] = { documents, seq: checkpoint?.seq ?? 0 };
  }
  return out;
}

const mark = (value: '2' | '3' | '4' | '5') => ({
  attendance: null,
  marks: [{ value, workTypeId: 'wt-oral', comment: '' }],
});

function pickLessons(server: DomainServer) {
  const school = server.school;
  const q4 = school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
  const course = school.courses.find(
    (c) =>
      c.teacherId === 'staff-teacher' &&
      school.classes.find((k) => k.id === c.classId)?.periodScheme === 'quarters',
  )!;
  const lessons = school.lessons
    .filter((l) => l.courseId === course.id && l.date >= q4.start)
    .slice(0, 3);
  const student = school.students.find((s) => s.classId === course.classId)!;
  return { ids: lessons.map((l) => l.id) as [string, string, string], student: student.id };
}

describe('server backup and restore (PGlite)', () => {
  it(
    'restores into a new folder with identical documents and seq',
    { timeout: 240_000 },
    async () => {
      const dataDir = await tmp('data');
      const db = await openDb({ dataDir });
      const server = await startDomainServer({ db });
      const admin = await server.login('admin', null, ['admin']);
      const teacher = await server.login('teacher', 'staff-teacher', ['teacher']);
      const { ids, student } = pickLessons(server);
      await write(server, teacher, 'lessons', ids[0], `entries.${student}`, mark('5'));
      await write(server, teacher, 'lessons', ids[1], 'topic', 'Повторение перед контрольной');
      const staffId = server.school.staff.find(
        (s) => s.id !== 'staff-teacher' && s.id !== 'staff-deputy',
      )!.id;
      await tombstone(server, 'staff', staffId);

      // Online: the running server makes the copy.
      const res = await fetch(`${server.url}/api/v1/admin/backup`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/gzip');
      const online = await writeBackupFile(
        path.join(dataDir, '..', `${path.basename(dataDir)}-online.tar.gz`),
        new Uint8Array(await res.arrayBuffer()),
      );
      cleanup.push(() => rm(online.file, { force: true }));
      const teacherBackup = await fetch(`${server.url}/api/v1/admin/backup`, {
        headers: { authorization: `Bearer ${teacher.token}` },
      });
      expect(teacherBackup.status).toBe(403);

      const expected = await pullEverything(server, admin.token);
      expect(expected.staff!.documents.find((d) => d.id === staffId)?._deleted).toBe(true);
      await server.close();
      await db.close();

      // Offline: refused while another live process holds the folder, done once it is free.
      writeFileSync(
        lockPath(dataDir),
        JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'now' }),
      );
      await expect(backupPgliteOffline(dataDir, `${dataDir}-offline.tar.gz`)).rejects.toThrow(
        /использует сервер/,
      );
      rmSync(lockPath(dataDir));
      const offline = await backupPgliteOffline(dataDir, `${dataDir}-offline.tar.gz`);
      cleanup.push(() => rm(offline.file, { force: true }));
      expect(offline.bytes).toBeGreaterThan(100_000);

      for (const file of [online.file, offline.file]) {
        const target = await tmp('restored');
        const summary = await restorePglite(file, target);
        expect(summary.maxSeq).toBe(Math.max(...Object.values(expected).map((c) => c.seq)));
        await expect(restorePglite(file, target)).rejects.toThrow(/не пуста/);
        const restoredDb = await openDb({ dataDir: target });
        const restored = await startDomainServer({ db: restoredDb, load: false });
        // The admin's token was restored with the accounts: the same session works on the copy.
        const got = await pullEverything(restored, admin.token);
        for (const c of COLLECTIONS) {
          expect(got[c]!.seq, c).toBe(expected[c]!.seq);
          expect(got[c]!.documents.length, c).toBe(expected[c]!.documents.length);
          expect(jsonEqual(got[c]!.documents, expected[c]!.documents), c).toBe(true);
        }
        await restored.close();
        await restoredDb.close();
      }
    },
  );
});

describe('desktops behind the server', () => {
  const desktops: Desktop[] = [];
  afterAll(async () => {
    for (const d of desktops) await d.close();
  });

  it(
    'converge without resurrecting deleted data or older values',
    { timeout: 240_000 },
    async () => {
      const server = await startDomainServer();
      cleanup.push(() => server.close());
      const deputy = await server.login('deputy', 'staff-deputy', ['deputy']);
      const teacher = await server.login('teacher', 'staff-teacher', ['teacher']);
      const { ids, student } = pickLessons(server);
      const staffId = server.school.staff.find(
        (s) => s.id !== 'staff-teacher' && s.id !== 'staff-deputy',
      )!.id;

      // The deputy's desktop syncs, then goes offline (its checkpoint stays behind).
      const stale = await openDesktop('stale', ['lessons', 'staff']);
      desktops.push(stale);
      await stale.connect(server.url, deputy.token);
      const oldLessons = await Promise.all(ids.map((id) => stale.lesson(id)));
      const oldStaff = await stale.doc('staff', staffId);
      expect(oldStaff).not.toBeNull();
      await stale.disconnect();

      // Meanwhile on the server: a mark, a topic, a deletion.
      await write(server, teacher, 'lessons', ids[0], `entries.${student}`, mark('2'));
      await write(server, teacher, 'lessons', ids[1], 'topic', 'Новая тема');
      await tombstone(server, 'staff', staffId);
      // Offline, the deputy corrects a third lesson's topic: it must arrive.
      const offlineDoc = (await stale.collections.lessons!.findOne(ids[2]).exec())!;
      await offlineDoc.incrementalModify(
        (data: Lesson) =>
          edit(
            data,
            'topic',
            'Исправлено завучем офлайн',
            'staff-deputy',
            clockFor('deputy', data),
          ) as Lesson,
      );

      await stale.connect(server.url, deputy.token); // resumes from its old checkpoint
      expect((await current(server, 'lessons', ids[2])).topic).toBe('Исправлено завучем офлайн');
      const serverState = async () => ({
        lessons: await Promise.all(ids.map((id) => current(server, 'lessons', id))),
        staff: await current(server, 'staff', staffId),
        maxSeq: Number((await server.db.query('SELECT max(seq) AS m FROM documents')).rows[0]!.m),
      });
      const before = await serverState();
      for (const [i, id] of ids.entries())
        expect(jsonEqual(await stale.lesson(id), before.lessons[i]), id).toBe(true);
      expect(await stale.doc('staff', staffId)).toBeNull(); // the tombstone won

      // A desktop restored from an old local copy WITHOUT its sync state: its old documents look like
      // local changes and are pushed. Newer server parts win per part; the tombstone stays.
      const restored = await openDesktop('restored', ['lessons', 'staff']);
      desktops.push(restored);
      const strip = ({ _deleted: _d, ...doc }: DocState) => doc;
      await restored.collections.lessons!.bulkInsert(oldLessons.map((d) => strip(d!)));
      await restored.collections.staff!.insert(strip(oldStaff!));
      await restored.connect(server.url, deputy.token);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const same = await Promise.all(
          ids.map(async (id, i) => jsonEqual(await restored.lesson(id), before.lessons[i])),
        );
        if (
          (same.every(Boolean) && (await restored.doc('staff', staffId)) === null) ||
          Date.now() > deadline
        )
          break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const after = await serverState();
      expect(jsonEqual(after, before)).toBe(true); // the old copies changed nothing on the server
      for (const [i, id] of ids.entries())
        expect(jsonEqual(await restored.lesson(id), after.lessons[i]), id).toBe(true);
      expect(((await restored.lesson(ids[0])) as unknown as Lesson).entries[student]).toEqual(
        mark('2'),
      );
      expect(await restored.doc('staff', staffId)).toBeNull();
      // The losing old values are on record in the audit log.
      const superseded = await server.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE kind = 'superseded'`,
      );
      expect(Number(superseded.rows[0]!.n)).toBeGreaterThan(0);
    },
  );
});
