// Group commit (server/sync/engine.ts `commitPushes`): pushes from many users that wait behind a
// running write share one transaction, and each stays what it would be alone — its own answer
// (only what its user may read), its own refusals and audit actor — while a push that throws
// (an observer's error, a statement PostgreSQL refuses) fails alone, with the error it gets alone,
// and the live stream brings the stored documents in seq order, none missing. On PGlite, and on
// PostgreSQL when its binaries are installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/db';
import { openDb } from '../../../server/db/open';
import { ApiError } from '../../../server/errors';
import type { DocState } from '../../../server/sync/collections';
import type { SerialQueue } from '../../../shared/serial-queue';
import { readEventStream } from './event-reader';
import { api, newUser, push, refusalReasons, startServer, type TestServer } from './helpers';
import {
  postgresUnavailableReason,
  startPostgresCluster,
  type PostgresCluster,
} from './postgres-cluster';

const TEACHERS = 8;
const unavailable = postgresUnavailableReason();

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out: ${what}`);
}

const note = (fields: Record<string, unknown>): DocState => ({ _deleted: false, ...fields });

function groupCommitSuite(name: string, openDatabase: () => Promise<Db>): void {
  describe(`group commit on ${name}`, () => {
    let db: Db;
    let server: TestServer;

    beforeAll(async () => {
      db = await openDatabase();
      server = await startServer({ db });
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
    });

    it(
      'answers each grouped push its own, fails a throwing push alone, streams in seq order',
      { timeout: 60_000 },
      async () => {
        const engine = server.app.syncEngine;
        // The transaction each stored note was written in: the pushes must share one.
        const txOf = new Map<string, string>();
        engine.onStored('notes', async (tx, written) => {
          const ids = written.map((w) => String(w.state.id));
          if (ids.includes('boom-js')) throw new ApiError(409, 'CONFLICT', 'Тестовый отказ записи');
          if (ids.includes('boom-sql')) await tx.query('SELECT 1 / 0');
          const txid = String((await tx.query('SELECT txid_current() AS id')).rows[0]!.id);
          for (const id of ids) txOf.set(id, txid);
        });

        const deputy = await newUser(server, ['deputy']);
        const teachers: Awaited<ReturnType<typeof newUser>>[] = [];
        for (let k = 0; k < TEACHERS; k++) teachers.push(await newUser(server, ['teacher']));
        const failing = [await newUser(server, ['teacher']), await newUser(server, ['teacher'])];
        // Before the group: a note of each teacher's own, and a secret note they may not read.
        for (const [k, t] of teachers.entries()) {
          await push(server, t.token, 'notes', [
            { newDocumentState: note({ id: `own-${k}`, text: 'v0', owner: t.login }) },
          ]);
          await push(server, deputy.token, 'notes', [
            { newDocumentState: note({ id: `secret-${k}`, text: 'тайна', secret: true }) },
          ]);
        }
        const own = (k: number) =>
          note({ id: `own-${k % TEACHERS}`, text: 'v0', owner: teachers[k % TEACHERS]!.login });

        // The deputy's live stream reads every note.
        const events: { event: string; data: string }[] = [];
        const abort = new AbortController();
        const stream = await fetch(`${server.url}/api/v1/sync/notes/stream`, {
          headers: { authorization: `Bearer ${deputy.token}` },
          signal: abort.signal,
        });
        const reading = readEventStream(stream.body!, (e) => events.push(e)).catch(() => 0);
        await waitFor(() => events.length > 0, 'the opening resync');
        const baseSeq = Number(
          (await db.query('SELECT max(seq) AS seq FROM documents')).rows[0]!.seq,
        );

        // Hold the write queue so that every push below waits for the same group commit.
        const internals = engine as unknown as { queue: SerialQueue; waiting: readonly unknown[] };
        let release!: () => void;
        const held = internals.queue.run(() => new Promise<void>((r) => (release = r)));
        const pushes = teachers.map((t, k) =>
          api(
            server,
            'POST',
            '/api/v1/sync/notes/push',
            [
              { newDocumentState: note({ id: `new-${k}`, text: `из ${k}` }) },
              { newDocumentState: note({ id: `bad-${k}`, text: 'запрещено' }) },
              // Someone else's note: refused, answered with the master this user may read.
              {
                assumedMasterState: own(k + 1),
                newDocumentState: { ...own(k + 1), text: `чужое ${k}` },
              },
              // A secret note: for this user it does not exist, the answer shows nothing of it.
              { newDocumentState: note({ id: `secret-${k}`, text: `попытка ${k}` }) },
            ],
            t.token,
          ),
        );
        const failingRows = [
          [
            { newDocumentState: note({ id: 'pre-js', text: 'до' }) },
            { newDocumentState: note({ id: 'boom-js', text: 'сбой' }) },
          ],
          [
            { newDocumentState: note({ id: 'pre-sql', text: 'до' }) },
            { newDocumentState: note({ id: 'boom-sql', text: 'сбой' }) },
          ],
        ];
        const failed = failing.map((f, i) =>
          api(server, 'POST', '/api/v1/sync/notes/push', failingRows[i], f.token),
        );
        const total = TEACHERS + failing.length;
        await waitFor(() => internals.waiting.length === total, 'every push waiting');
        release();
        await held;
        const answers = await Promise.all(pushes);
        const failures = await Promise.all(failed);

        for (const [k, answer] of answers.entries()) {
          expect(answer.status).toBe(200);
          expect(answer.body).toEqual([
            { id: `bad-${k}`, text: 'запрещено', _deleted: true },
            own(k + 1),
            { id: `secret-${k}`, text: `попытка ${k}`, _deleted: true },
          ]);
        }
        expect(failures[0]!.status).toBe(409);
        expect(failures[0]!.body).toEqual({
          error: { code: 'CONFLICT', message: 'Тестовый отказ записи' },
        });
        expect(failures[1]!.status).toBe(500);

        // Stored: each teacher's new note, nothing of the failed pushes; one transaction for all.
        const stored = await db.query(
          `SELECT d.id, a.device_id FROM documents d JOIN audit_log a
             ON a.collection = d.collection AND a.doc_id = d.id AND a.seq = d.seq
           WHERE d.collection = 'notes' AND d.seq > $1 ORDER BY d.seq`,
          [baseSeq],
        );
        const newIds = teachers.map((_, k) => `new-${k}`);
        expect(stored.rows.map((r) => r.id).sort()).toEqual([...newIds].sort());
        const deviceOf = new Map(teachers.map((t, k) => [`new-${k}`, t.deviceId]));
        for (const row of stored.rows) expect(row.device_id).toBe(deviceOf.get(String(row.id)));
        const audited = await db.query(
          `SELECT count(*) AS n FROM audit_log WHERE collection = 'notes' AND seq > $1`,
          [baseSeq],
        );
        expect(Number(audited.rows[0]!.n)).toBe(TEACHERS);
        expect(new Set(newIds.map((id) => txOf.get(id))).size).toBe(1);
        // Each user's own refusals, none of a failed push's.
        for (const t of teachers) {
          expect((await refusalReasons(server, t.token)).sort()).toEqual(
            [
              'Документ с таким идентификатором создать нельзя: он уже занят',
              'Изменять запись может только её автор',
              'Такой текст записывать нельзя',
            ].sort(),
          );
        }
        for (const f of failing) expect(await refusalReasons(server, f.token)).toEqual([]);

        // The live stream: exactly the stored notes, in seq order. On PostgreSQL the notes
        // written before the group reach the stream through NOTIFY and may arrive after it
        // opened, alone or at the head of the group's batch: those are left out.
        const beforeGroup = (d: DocState) =>
          (String(d.id).startsWith('secret-') && d.text === 'тайна') ||
          (String(d.id).startsWith('own-') && d.text === 'v0');
        const streamed = () =>
          events
            .filter((e) => e.event === 'message')
            .map(
              (e) => JSON.parse(e.data) as { documents: DocState[]; checkpoint: { seq: number } },
            )
            .map((b) => ({ ...b, documents: b.documents.filter((d) => !beforeGroup(d)) }))
            .filter((b) => b.documents.length > 0);
        await waitFor(
          () => streamed().flatMap((b) => b.documents).length >= TEACHERS,
          'the live events',
        );
        expect(streamed().flatMap((b) => b.documents.map((d) => d.id))).toEqual(
          stored.rows.map((r) => r.id),
        );
        const checkpoints = streamed().map((b) => b.checkpoint.seq);
        expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b));

        // Alone, a failing push gets exactly the error it got in the group.
        for (const [i, f] of failing.entries()) {
          const alone = await api(
            server,
            'POST',
            '/api/v1/sync/notes/push',
            failingRows[i],
            f.token,
          );
          expect({ status: alone.status, body: alone.body }).toEqual({
            status: failures[i]!.status,
            body: failures[i]!.body,
          });
        }
        abort.abort();
        await reading;
      },
    );
  });
}

groupCommitSuite('PGlite', () => openDb());

if (unavailable) {
  describe.skip(`group commit on PostgreSQL — skipped: ${unavailable}`, () => {
    it('needs PostgreSQL 15 binaries', () => undefined);
  });
} else {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(() => cluster?.stop());
  groupCommitSuite('PostgreSQL', () => openDb({ databaseUrl: cluster.url }));
}
