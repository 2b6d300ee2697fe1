// The replication contract, run against any database (PGlite in memory, real PostgreSQL).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/db';
import type { AuthUser } from '../../../server/auth/roles';
import type { DocState } from '../../../server/sync/collections';
import { SyncEngine } from '../../../server/sync/engine';
import {
  api,
  newUser,
  pull,
  pullAll,
  push,
  startServer,
  testRegistry,
  type TestServer,
} from './helpers';

const note = (id: string, text: string, extra: Record<string, unknown> = {}): DocState => ({
  id,
  text,
  ...extra,
  _deleted: false,
});

export function describeSyncContract(name: string, openDatabase: () => Promise<Db>): void {
  describe(name, () => {
    let db: Db;
    let server: TestServer;
    let second: TestServer;
    let teacher: Awaited<ReturnType<typeof newUser>>;
    let deputy: Awaited<ReturnType<typeof newUser>>;

    beforeAll(async () => {
      db = await openDatabase();
      server = await startServer({ db });
      // A second server process on the same database (its own write queue): only the
      // transaction-scoped lock keeps seq order = commit order between the two.
      second = await startServer({ db });
      teacher = await newUser(server, ['teacher']);
      deputy = await newUser(server, ['deputy']);
    });

    afterAll(async () => {
      await second?.close();
      await server?.close();
      await db?.close();
    });

    it('pushes, then pulls with checkpoints in seq order', async () => {
      const conflicts = await push(server, teacher.token, 'notes', [
        { newDocumentState: note('a1', 'первая') },
        { newDocumentState: note('a2', 'вторая') },
        { newDocumentState: note('a3', 'третья') },
      ]);
      expect(conflicts).toEqual([]);
      const first = await pull(server, teacher.token, 'notes', null, 2);
      expect(first.documents.map((d) => d.id)).toEqual(['a1', 'a2']);
      expect(first.documents[0]).toEqual(note('a1', 'первая'));
      const rest = await pull(server, teacher.token, 'notes', first.checkpoint, 2);
      expect(rest.documents.map((d) => d.id)).toEqual(['a3']);
      expect(rest.checkpoint.seq).toBeGreaterThan(first.checkpoint.seq);
      const empty = await pull(server, teacher.token, 'notes', rest.checkpoint, 2);
      expect(empty).toEqual({ documents: [], checkpoint: rest.checkpoint });
    });

    it('an update moves the document after the checkpoint; an outdated push is a conflict', async () => {
      const base = await pull(server, teacher.token, 'notes', null, 1000);
      const a1 = base.documents.find((d) => d.id === 'a1')!;
      const updated = { ...a1, text: 'исправлено' };
      expect(
        await push(server, teacher.token, 'notes', [
          { assumedMasterState: a1, newDocumentState: updated },
        ]),
      ).toEqual([]);
      const after = await pull(server, teacher.token, 'notes', base.checkpoint);
      expect(after.documents).toEqual([updated]);
      // Another device still assumes the old state: conflict, the master comes back.
      const stale = await push(server, deputy.token, 'notes', [
        { assumedMasterState: a1, newDocumentState: { ...a1, text: 'устаревшее' } },
      ]);
      expect(stale).toEqual([updated]);
      // An insert over an existing document is a conflict too.
      const insert = await push(server, deputy.token, 'notes', [
        { newDocumentState: note('a1', 'новая') },
      ]);
      expect(insert).toEqual([updated]);
    });

    it('a re-sent identical push is harmless', async () => {
      const row = { newDocumentState: note('idem', 'один раз') };
      expect(await push(server, teacher.token, 'notes', [row])).toEqual([]);
      const before = await pull(server, teacher.token, 'notes', null, 1000);
      expect(await push(server, teacher.token, 'notes', [row])).toEqual([]);
      expect(await push(server, teacher.token, 'notes', [row, row])).toEqual([]);
      const after = await pull(server, teacher.token, 'notes', before.checkpoint);
      expect(after.documents).toEqual([]);
      const audit = await db.query('SELECT count(*)::int AS n FROM audit_log WHERE doc_id = $1', [
        'idem',
      ]);
      expect(Number(audit.rows[0]!.n)).toBe(1);
    });

    it('deletions are tombstones with a seq', async () => {
      const doc = note('del', 'удалить');
      await push(server, teacher.token, 'notes', [{ newDocumentState: doc }]);
      const cp = (await pull(server, teacher.token, 'notes', null, 1000)).checkpoint;
      const tombstone = { ...doc, _deleted: true };
      expect(
        await push(server, teacher.token, 'notes', [
          { assumedMasterState: doc, newDocumentState: tombstone },
        ]),
      ).toEqual([]);
      const after = await pull(server, teacher.token, 'notes', cp);
      expect(after.documents).toEqual([tombstone]);
      const row = await db.query(
        'SELECT deleted, seq FROM documents WHERE collection = $1 AND id = $2',
        ['notes', 'del'],
      );
      expect(row.rows[0]!.deleted).toBe(true);
      expect(Number(row.rows[0]!.seq)).toBe(after.checkpoint.seq);
    });

    it('records every accepted write in the audit log with before and after', async () => {
      const doc = note('aud', 'было');
      await push(server, teacher.token, 'notes', [{ newDocumentState: doc }]);
      await push(server, teacher.token, 'notes', [
        { assumedMasterState: doc, newDocumentState: { ...doc, text: 'стало' } },
      ]);
      const log = await db.query(
        'SELECT seq, account_id, device_id, before, after FROM audit_log WHERE doc_id = $1 ORDER BY seq',
        ['aud'],
      );
      expect(log.rows).toHaveLength(2);
      expect(log.rows[0]!.before).toBeNull();
      expect(log.rows[1]!.before).toEqual(doc);
      expect(log.rows[1]!.after).toEqual({ ...doc, text: 'стало' });
      expect(log.rows[1]!.device_id).toBe(teacher.deviceId);
      const docRow = await db.query('SELECT updated_device FROM documents WHERE id = $1', ['aud']);
      expect(docRow.rows[0]!.updated_device).toBe(teacher.deviceId);
    });

    it('refuses forbidden writes: master returned, refusal recorded, nothing stored', async () => {
      const owned = note('own', 'моя', { owner: teacher.login });
      await push(server, teacher.token, 'notes', [{ newDocumentState: owned }]);
      const other = await newUser(server, ['teacher'], 'Кабинет 12');
      const answer = await push(server, other.token, 'notes', [
        { assumedMasterState: owned, newDocumentState: { ...owned, text: 'чужая правка' } },
      ]);
      expect(answer).toEqual([owned]);
      // A refused insert comes back as a tombstone of itself.
      const refusedInsert = note('bad-insert', 'запрещено');
      expect(
        await push(server, other.token, 'notes', [{ newDocumentState: refusedInsert }]),
      ).toEqual([{ ...refusedInsert, _deleted: true }]);
      const refusals = await db.query(
        'SELECT doc_id, reason, device_id, attempted FROM refusals WHERE device_id = $1 ORDER BY id',
        [other.deviceId],
      );
      expect(refusals.rows.map((r) => r.doc_id)).toEqual(['own', 'bad-insert']);
      expect(refusals.rows[0]!.reason).toBe('Изменять запись может только её автор');
      // A bounded summary of the attempt: its size, a hash, and (up to 2,000 characters) the text.
      const sentText = JSON.stringify(refusedInsert);
      expect(refusals.rows[1]!.attempted).toEqual({
        size: sentText.length,
        sha256: createHash('sha256').update(sentText).digest('hex'),
        excerpt: sentText,
        truncated: false,
      });
      const stored = await db.query('SELECT doc FROM documents WHERE id = $1', ['own']);
      expect(stored.rows[0]!.doc).toEqual({ id: 'own', text: 'моя', owner: teacher.login });
      expect(
        (await db.query('SELECT 1 FROM documents WHERE id = $1', ['bad-insert'])).rows,
      ).toEqual([]);
    });

    it('refuses documents that fail validation, with a reason', async () => {
      const invalid = { id: 'inv', text: 42, _deleted: false } as unknown as DocState;
      const answer = await push(server, teacher.token, 'notes', [{ newDocumentState: invalid }]);
      expect(answer).toEqual([{ ...invalid, _deleted: true }]);
      const refusal = await db.query('SELECT reason FROM refusals WHERE doc_id = $1', ['inv']);
      expect(String(refusal.rows[0]!.reason)).toMatch(/^Документ не прошёл проверку: text/);
    });

    it('leaves unreadable documents out of pulls without stalling the checkpoint', async () => {
      const start = (await pull(server, teacher.token, 'notes', null, 1000)).checkpoint;
      await push(server, deputy.token, 'notes', [
        { newDocumentState: note('s1', 'секрет', { secret: true }) },
        { newDocumentState: note('s2', 'секрет', { secret: true }) },
        { newDocumentState: note('s3', 'секрет', { secret: true }) },
        { newDocumentState: note('p1', 'открыто') },
      ]);
      const page = await pull(server, teacher.token, 'notes', start, 1);
      expect(page.documents.map((d) => d.id)).toEqual(['p1']);
      const deputyPage = await pull(server, deputy.token, 'notes', start, 10);
      expect(deputyPage.documents.map((d) => d.id)).toEqual(['s1', 's2', 's3', 'p1']);
      expect(page.checkpoint).toEqual(deputyPage.checkpoint);
    });

    it('merges on the server with the collection merge function', async () => {
      const base = {
        id: 'm1',
        parts: { topic: { value: 'Дроби', stamp: '001' } },
        _deleted: false,
      };
      await push(server, teacher.token, 'stamped', [{ newDocumentState: base }]);
      const a = { ...base, parts: { ...base.parts, homework: { value: '№ 5', stamp: '002' } } };
      const b = { ...base, parts: { topic: { value: 'Десятичные дроби', stamp: '003' } } };
      expect(
        await push(server, teacher.token, 'stamped', [
          { assumedMasterState: base, newDocumentState: a },
        ]),
      ).toEqual([]);
      const merged = {
        id: 'm1',
        parts: { topic: b.parts.topic, homework: a.parts.homework },
        _deleted: false,
      };
      // b was based on `base`: merged instead of refused, and the merge comes back to the client.
      expect(
        await push(server, deputy.token, 'stamped', [
          { assumedMasterState: base, newDocumentState: b },
        ]),
      ).toEqual([merged]);
      const all = await pullAll(server, teacher.token, 'stamped');
      expect(all).toEqual([merged]);
    });

    it('stores SQL metacharacters and odd text verbatim', async () => {
      const nasty = [
        "'; DROP TABLE documents; --",
        'Robert"); DELETE FROM accounts; --',
        '$1 $2 \\x00 %s %% _ \\\\ \u0000'.replace('\u0000', ''),
        'ёЁ «ёлки» — тире, эмодзи 📚, \t таб, \n перевод',
        '{"json": [1, 2]}',
      ];
      const docs = nasty.map((text, i) => note(`sql'${i}"; --`, text));
      expect(
        await push(
          server,
          teacher.token,
          'notes',
          docs.map((d) => ({ newDocumentState: d })),
        ),
      ).toEqual([]);
      const all = await pullAll(server, teacher.token, 'notes');
      for (const doc of docs) expect(all.find((d) => d.id === doc.id)).toEqual(doc);
      expect(
        (await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0]!.n,
      ).toBeGreaterThan(0);
    });

    it('rejects malformed pushes and checkpoints with 400, unknown collections with 404', async () => {
      const missingId = await api(
        server,
        'POST',
        '/api/v1/sync/notes/push',
        [{ newDocumentState: { text: 'x' } }],
        teacher.token,
      );
      expect(missingId.status).toBe(400);
      const notArray = await api(
        server,
        'POST',
        '/api/v1/sync/notes/push',
        { rows: [] },
        teacher.token,
      );
      expect(notArray.status).toBe(400);
      expect((notArray.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      const badCheckpoint = await api(
        server,
        'GET',
        '/api/v1/sync/notes/pull?checkpoint=%7Bnope',
        undefined,
        teacher.token,
      );
      expect(badCheckpoint.status).toBe(400);
      const badLimit = await api(
        server,
        'GET',
        '/api/v1/sync/notes/pull?limit=0',
        undefined,
        teacher.token,
      );
      expect(badLimit.status).toBe(400);
      const unknown = await api(
        server,
        'GET',
        '/api/v1/sync/nothing/pull',
        undefined,
        teacher.token,
      );
      expect(unknown.status).toBe(404);
      expect((unknown.body as { error: { code: string } }).error.code).toBe('UNKNOWN_COLLECTION');
    });

    it('never lets a puller skip a row while many writers push concurrently', async () => {
      const writers = 12;
      const batches = 6;
      const perBatch = 4;
      const collection = 'stamped';
      const start = (await pull(server, teacher.token, collection, null, 1000)).checkpoint;
      const expected = new Set<string>();
      let writing = true;
      const writes = Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const target = w % 2 === 0 ? server : second;
          for (let b = 0; b < batches; b += 1) {
            const rows = Array.from({ length: perBatch }, (_, i) => {
              const id = `c-${w}-${b}-${i}`;
              expected.add(id);
              return { newDocumentState: { id, parts: {}, _deleted: false } };
            });
            expect(await push(target, teacher.token, collection, rows)).toEqual([]);
          }
        }),
      ).finally(() => {
        writing = false;
      });
      const seen = new Set<string>();
      let checkpoint = start;
      let lastSeq = start.seq;
      const drain = async () => {
        for (;;) {
          const page = await pull(second, deputy.token, collection, checkpoint, 3);
          for (const doc of page.documents) seen.add(String(doc.id));
          expect(page.checkpoint.seq).toBeGreaterThanOrEqual(lastSeq);
          lastSeq = page.checkpoint.seq;
          checkpoint = page.checkpoint;
          if (page.documents.length < 3) return;
        }
      };
      while (writing) await drain();
      await writes;
      await drain();
      expect(seen.size).toBe(writers * batches * perBatch);
      expect([...expected].filter((id) => !seen.has(id))).toEqual([]);
    });

    it('keeps seq order = commit order between independent engines (server processes)', async () => {
      // Each engine has its own in-process write queue, so only the transaction-scoped lock
      // orders them. Without that lock this test loses hundreds of rows on PostgreSQL.
      const descriptor = testRegistry().get('stamped')!;
      const user: AuthUser = {
        accountId: 'race',
        login: 'race',
        displayName: 'race',
        staffId: null,
        roles: ['deputy'],
        deviceId: 'race-device',
        deviceName: 'race',
      };
      const engines = Array.from({ length: 8 }, () => new SyncEngine(db, testRegistry()));
      const reader = new SyncEngine(db, testRegistry());
      let checkpoint = (await reader.pull(descriptor, user, null, 100_000)).checkpoint;
      const ids: string[] = [];
      let writing = true;
      const writes = Promise.all(
        engines.map(async (engine, w) => {
          for (let b = 0; b < 25; b += 1) {
            const rows = [0, 1].map((i) => {
              const id = `race-${w}-${b}-${i}`;
              ids.push(id);
              return { newDocumentState: { id, parts: {}, _deleted: false } };
            });
            await engine.write([{ collection: 'stamped', rows }], user, 'push');
          }
        }),
      ).finally(() => {
        writing = false;
      });
      const seen = new Set<string>();
      const drain = async () => {
        for (;;) {
          const page = await reader.pull(descriptor, user, checkpoint, 5);
          for (const doc of page.documents) seen.add(String(doc.id));
          checkpoint = page.checkpoint;
          if (page.documents.length < 5) return;
        }
      };
      while (writing) await drain();
      await writes;
      await drain();
      expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    });
  });
}
