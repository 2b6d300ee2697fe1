// Refused writes are kept as a bounded summary (reason, collection, id, size, hash, at most ~2 KB
// of the attempt) and pruned by age and count, so hostile pushes of 5 MB each grow the server's
// data folder by a small, bounded amount only.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../server/db/open';
import type { Db } from '../../../server/db/db';
import {
  EXCERPT_BUDGET_PER_WRITE,
  EXCERPT_CHARS,
  KEEP_DAYS,
  pruneRefusals,
  REASON_CHARS,
} from '../../../server/sync/refusals';
import type { Course } from '../../../shared/course';
import { createClock } from '../../../shared/hlc';
import { startDomainServer, type DomainServer, type Login } from './domain-fixture';
import { api, push } from './helpers';

let dataDir: string;
let db: Db;
let server: DomainServer;
let teacher: Login;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'journal-refusals-'));
  db = await openDb({ dataDir });
  server = await startDomainServer({ db });
  teacher = await server.login('teacher', 'staff-teacher', ['teacher']);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A course staff-teacher does not teach: every lesson pushed into it is refused. */
function foreignCourse(): Course {
  return server.school.courses.find((c) => c.teacherId !== 'staff-teacher')!;
}

/** New lessons of the foreign course with `topicChars` random Latin letters each. */
function hostileLessons(count: number, topicChars: number, tag: string) {
  const course = foreignCourse();
  const clock = createClock('attacker');
  return Array.from({ length: count }, (_, i) => {
    const at = { at: clock.tick(), by: 'staff-teacher' };
    return {
      newDocumentState: {
        id: `${course.id}:${tag}:${i}`,
        courseId: course.id,
        classId: course.classId,
        date: '2027-04-05',
        slot: i % 12,
        teacherId: 'staff-teacher',
        lessonType: 'regular',
        status: 'held',
        workTypeId: null,
        topic: randomBytes(topicChars).toString('base64').slice(0, topicChars),
        homework: '',
        entries: {},
        stamps: { topic: at, teacherId: at, lessonType: at, status: at, homework: at },
        _deleted: false,
      },
    };
  });
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

describe('refusals', () => {
  it('keeps size, hash and at most 2,000 characters of an attempt', async () => {
    const [row] = hostileLessons(1, 3900, 'one');
    const sentText = JSON.stringify(row!.newDocumentState);
    expect(await push(server, teacher.token, 'lessons', [row!])).toEqual([
      { ...row!.newDocumentState, _deleted: true },
    ]);
    const r = await db.query(`SELECT reason, attempted FROM refusals WHERE doc_id = $1`, [
      row!.newDocumentState.id,
    ]);
    expect(r.rows[0]!.reason).toBe('Вы не ведёте этот курс');
    const summary = r.rows[0]!.attempted as {
      size: number;
      sha256: string;
      excerpt: string;
      truncated: boolean;
    };
    expect(summary.size).toBe(sentText.length);
    expect(summary.sha256).toBe(createHash('sha256').update(sentText).digest('hex'));
    expect(summary.excerpt).toBe(sentText.slice(0, EXCERPT_CHARS));
    expect(summary.truncated).toBe(true);
  });

  it('cuts a long reason (hundreds of invalid parts) to its limit', async () => {
    const [row] = hostileLessons(1, 10, 'bad');
    const entries: Record<string, unknown> = {};
    for (let i = 0; i < 300; i += 1) entries[`st-x${i}`] = { marks: 'нет', attendance: 5 };
    await push(server, teacher.token, 'lessons', [
      { newDocumentState: { ...row!.newDocumentState, entries } },
    ]);
    const r = await db.query(`SELECT reason FROM refusals WHERE doc_id = $1`, [
      row!.newDocumentState.id,
    ]);
    const reason = String(r.rows[0]!.reason);
    expect(reason).toMatch(/^Документ не прошёл проверку: entries\./);
    expect(reason.length).toBeLessThanOrEqual(REASON_CHARS);
  });

  it('prunes refusals by age (on a push with many) and by count', async () => {
    await db.query(
      `INSERT INTO refusals (collection, doc_id, account_id, reason, attempted, at)
       SELECT 'lessons', 'old-' || n, NULL, 'старый отказ', NULL, now() - make_interval(days => $1)
       FROM generate_series(1, 30) AS n`,
      [KEEP_DAYS + 1],
    );
    await push(server, teacher.token, 'lessons', hostileLessons(100, 10, 'many'));
    const old = await db.query(`SELECT count(*)::int AS n FROM refusals WHERE doc_id LIKE 'old-%'`);
    expect(Number(old.rows[0]!.n)).toBe(0);
    const before = await db.query('SELECT max(id) AS id FROM refusals');
    expect(await pruneRefusals(db, { days: KEEP_DAYS, rows: 10 })).toBeGreaterThan(90);
    const left = await db.query('SELECT id FROM refusals ORDER BY id DESC');
    expect(left.rows).toHaveLength(10);
    expect(Number(left.rows[0]!.id)).toBe(Number(before.rows[0]!.id));
    // The caller's own list still works and is newest first.
    const mine = await api(
      server,
      'GET',
      '/api/v1/refusals/mine?limit=3',
      undefined,
      teacher.token,
    );
    expect((mine.body as { refusals: unknown[] }).refusals).toHaveLength(3);
  });

  it(
    'grows the data folder by a small bounded amount under five hostile 5 MB pushes',
    { timeout: 120_000 },
    async () => {
      await db.query('CHECKPOINT');
      const before = await folderBytes(dataDir);
      let sent = 0;
      for (let p = 0; p < 5; p += 1) {
        // 1,000 rows (the most a push may hold) of ~4.9 KB each: just under the 5 MB body limit.
        const rows = hostileLessons(1000, 4600, `flood${p}`);
        const body = JSON.stringify(rows);
        sent += Buffer.byteLength(body);
        const res = await api(server, 'POST', '/api/v1/sync/lessons/push', body, teacher.token);
        expect(res.status).toBe(200);
        expect((res.body as unknown[]).length).toBe(1000);
      }
      expect(sent).toBeGreaterThan(20 * 1024 * 1024);
      await db.query('CHECKPOINT');
      const grown = (await folderBytes(dataDir)) - before;
      // What is stored per push: 1,000 summaries without excerpt plus EXCERPT_BUDGET_PER_WRITE
      // characters of excerpt — well under 1 MB; allow for PostgreSQL's pages and write-ahead log.
      const bound = 5 * (1000 * 400 + EXCERPT_BUDGET_PER_WRITE) * 4;
      console.log(`pushed ${sent} bytes; the data folder grew by ${grown} bytes`);
      expect(grown).toBeLessThan(bound);
      expect(bound).toBeLessThan(sent / 2);
    },
  );
});
