// Two server processes on one PostgreSQL: a mark a teacher pushes to one reaches a desktop's live
// stream on the other at once, and the other way round; each stream sees every write of both
// processes once, in seq order (docs/OPERATIONS.md, «Несколько процессов на одной базе»); a family
// session ended by a write on one process is refused on the next page of the other, whose session
// and rights checks are kept in memory (server/family/auth-cache.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../../../server/demo';
import type { DocState } from '../../../server/sync/collections';
import type { Stamped } from '../../../shared/merge';
import { clockFor, edit, state } from './domain-fixture';
import { api, pullAll, push } from './helpers';
import {
  postgresUnavailableReason,
  startPostgresCluster,
  type PostgresCluster,
} from './postgres-cluster';
import { readEventStream } from './event-reader';
import { consentDoc, DiaryBrowser, familySignIn, issueLogin, pushConsent } from './diary-fixture';
import { startServerProcess, type ServerProcess } from './server-process';

// Each server start is a new Node process (tsx), the first one loading a small demo school.
const SLOW = { timeout: 240_000 };

type Running = ServerProcess;

const startOn = (dir: string, databaseUrl: string, ...extra: string[]) =>
  startServerProcess(dir, ['--no-tls', ...extra], { DATABASE_URL: databaseUrl });

async function login(server: Running, loginName: string, device: string): Promise<string> {
  const res = await api(server, 'POST', '/api/v1/auth/login', {
    login: loginName,
    password: DEMO_PASSWORD,
    deviceName: device,
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return (res.body as { token: string }).token;
}

interface StreamEvent {
  event: string;
  data: string;
}

/** A desktop's live stream of lessons on `server`, collecting what arrives. */
async function followLessons(server: Running, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/v1/sync/stream?collections=lessons`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const events: StreamEvent[] = [];
  void readEventStream(res.body!, (e) => events.push(e)).catch(() => undefined);
  const lessons = () =>
    events
      .filter((e) => e.event === 'lessons' || e.event === 'message')
      .map(
        (e) =>
          JSON.parse(e.data) as {
            documents: DocState[];
            checkpoint: { seq: number };
          },
      );
  return { events, lessons, close: () => abort.abort() };
}

async function waitFor(what: string, predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 50));
  if (!predicate()) throw new Error(`not seen in 15 s: ${what}`);
}

const unavailable = postgresUnavailableReason();

describe.skipIf(unavailable !== null)(
  `two server processes on one PostgreSQL${unavailable ? ` — skipped: ${unavailable}` : ''}`,
  () => {
    let cluster: PostgresCluster;
    let dir: string;
    let a: Running;
    let b: Running;

    beforeAll(async () => {
      cluster = await startPostgresCluster();
      dir = mkdtempSync(path.join(tmpdir(), 'journal-scale-'));
      a = await startOn(
        path.join(dir, 'a'),
        cluster.url,
        '--demo',
        '--demo-students',
        '60',
        '--demo-as-of',
        'today',
      );
      b = await startOn(path.join(dir, 'b'), cluster.url);
    }, SLOW.timeout);

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it(
      'a mark typed on one process reaches the other live, both ways, in seq order',
      SLOW,
      async () => {
        const teacherOnA = await login(a, 'teacher', 'Кабинет 12');
        const deputyOnB = await login(b, 'deputy', 'Кабинет завуча');
        const teacherOnB = await login(b, 'teacher', 'Ноутбук учителя');
        const stream = await followLessons(b, deputyOnB);
        const streamOnA = await followLessons(a, await login(a, 'deputy', 'Учительская'));
        await waitFor('the resync on connect', () =>
          stream.events.some((e) => e.event === 'resync'),
        );
        await waitFor('the resync on A', () => streamOnA.events.some((e) => e.event === 'resync'));

        // A lesson of the teacher's own course that already took place, with its first student.
        const today = new Date().toISOString().slice(0, 10);
        const teacherId = demoAccounts.find((x) => x.login === 'teacher')!.staffId;
        const lessons = (await pullAll(a, teacherOnA, 'lessons', 1000)).filter(
          (l) => !l._deleted && l.teacherId === teacherId && String(l.date) <= today,
        );
        const students = await pullAll(a, teacherOnA, 'students', 1000);
        // The latest one: earlier periods may be closed.
        const lesson = lessons
          .filter((l) => l.status === 'held' && students.some((s) => s.classId === l.classId))
          .sort((x, y) => String(y.date).localeCompare(String(x.date)))[0]!;
        expect(lesson).toBeDefined();
        const student = students.find((s) => s.classId === lesson.classId)!;
        const mark = (value: string) => ({
          attendance: null,
          marks: [{ value, workTypeId: 'wt-oral', comment: '' }],
        });
        const typeOn = async (server: Running, token: string, value: string) => {
          const [master] = (await pullAll(server, token, 'lessons', 1000)).filter(
            (l) => l.id === lesson.id,
          );
          const next = edit(
            master as unknown as Stamped,
            `entries.${String(student.id)}`,
            mark(value),
            String(lesson.teacherId),
            clockFor(`scale${value}`, master as unknown as Stamped),
          );
          expect(
            await push(server, token, 'lessons', [
              { assumedMasterState: master!, newDocumentState: state(next) },
            ]),
          ).toEqual([]);
        };
        const markSeen = (on: typeof stream, value: string) =>
          on.lessons().some((batch) =>
            batch.documents.some((d) => {
              const entry = (d.entries as Record<string, { marks?: { value: string }[] }>)?.[
                String(student.id)
              ];
              return d.id === lesson.id && entry?.marks?.[0]?.value === value;
            }),
          );

        await typeOn(a, teacherOnA, '4');
        await waitFor('the mark typed on A in the stream on B', () => markSeen(stream, '4'));
        await typeOn(b, teacherOnB, '5');
        await waitFor('the mark typed on B in the stream on A', () => markSeen(streamOnA, '5'));
        await waitFor('the mark typed on B in the stream on B', () => markSeen(stream, '5'));

        // The listening connections are cut (PostgreSQL restarted, a network blip): they come
        // back by themselves and catch up by seq, so a mark typed meanwhile still arrives.
        const admin = new pg.Client({ connectionString: cluster.url });
        await admin.connect();
        const cut = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`,
        );
        await admin.end();
        expect(cut.rowCount).toBe(2);
        await typeOn(a, teacherOnA, '3');
        await waitFor('the mark typed after the cut, on B', () => markSeen(stream, '3'));

        // Every write reached each stream once, in seq order, whichever process made it.
        for (const on of [stream, streamOnA]) {
          const seqs = on.lessons().map((batch) => batch.checkpoint.seq);
          expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
          expect(new Set(seqs).size).toBe(seqs.length);
        }
        stream.close();
        streamOnA.close();
      },
    );

    it(
      "a family's session ended on one process is refused on the other's very next page",
      SLOW,
      async () => {
        const ct = { token: await login(a, 'class-teacher', 'Кабинет 5') };
        const classes = await pullAll(a, ct.token, 'classes', 1000);
        const own = classes.find((c) => c.classTeacherId === 'staff-class-teacher')!;
        const student = (await pullAll(a, ct.token, 'students', 1000)).find(
          (s) =>
            !s._deleted &&
            s.classId === own.id &&
            s.status === 'active' &&
            Object.keys(s.guardians as object).length > 0,
        )!;
        const guardianId = Object.keys(student.guardians as object).sort()[0]!;
        const who = { id: String(student.id), classId: String(student.classId) };
        const consent = consentDoc(who, guardianId, 'staff-class-teacher');
        const issued = await issueLogin(a, ct, consent);
        const onB = await familySignIn(b, issued, 'пароль-двух-процессов');
        const onA = new DiaryBrowser(a);
        expect((await onA.login(issued.login, 'пароль-двух-процессов')).status).toBe(200);
        // Both sessions served once on both processes: their checks are now kept in memory.
        const sameOnA = new DiaryBrowser(a);
        sameOnA.cookie = onB.cookie;
        const sameOnB = new DiaryBrowser(b);
        sameOnB.cookie = onA.cookie;
        for (const phone of [onA, onB, sameOnA, sameOnB]) {
          expect((await phone.get('/diary')).status).toBe(200);
        }

        // A password changed on B ends the other session, kept by A.
        const changed = await onB.post('/diary/password', {
          current: 'пароль-двух-процессов',
          password: 'новый-пароль-двух',
          repeat: 'новый-пароль-двух',
        });
        expect(changed.status).toBe(200);
        expect((await onA.get('/diary')).location).toBe('/diary/login?ended=password-changed');
        expect((await sameOnA.get('/diary')).status).toBe(200);

        // A withdrawal stored through A ends the session on B in the same commit.
        await pushConsent(
          a,
          ct,
          consentDoc(who, guardianId, 'staff-class-teacher', { decision: 'withdrawal' }, consent),
        );
        expect((await onB.get('/diary')).location).toBe('/diary/login?ended=access-closed');
      },
    );
  },
);
