// The read scope in SQL on a real PostgreSQL 15: a subject teacher's pull selects by the scope
// columns' indexes (EXPLAIN ANALYZE of the very query the server ran: no sequential scan, no walk
// of the collection by seq, no more rows read than the teacher may see), and PostgreSQL and PGlite
// answer every scoped pull with the same documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../../server/db/db';
import { openDb } from '../../../server/db/open';
import type { DocState } from '../../../server/sync/collections';
import { startDomainServer, type DomainServer, type Login } from './domain-fixture';
import { api, pullAll } from './helpers';
import { SnapshotChunkSchema, SnapshotPlanSchema } from '../../../shared/sync-wire';
import {
  postgresUnavailableReason,
  startPostgresCluster,
  type PostgresCluster,
} from './postgres-cluster';

const unavailable = postgresUnavailableReason();

/** A Db that remembers every statement it ran (to EXPLAIN the pull's own query). */
function recording(db: Db, log: { sql: string; params: readonly unknown[] }[]): Db {
  const remember = (q: Queryable): Queryable => ({
    query: (sql, params = []) => {
      log.push({ sql, params });
      return q.query(sql, params);
    },
  });
  return {
    kind: db.kind,
    ...remember(db),
    transaction: (fn) => db.transaction((tx) => fn(remember(tx))),
    close: () => db.close(),
  } as Db;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

if (unavailable) {
  describe.skip(`read scope on PostgreSQL — skipped: ${unavailable}`, () => {
    it('needs PostgreSQL 15 binaries', () => undefined);
  });
} else {
  let cluster: PostgresCluster;
  let pg: DomainServer;
  let lite: DomainServer;
  const log: { sql: string; params: readonly unknown[] }[] = [];
  const logins = new Map<DomainServer, { teacher: Login; classTeacher: Login }>();

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    pg = await startDomainServer({
      db: recording(await openDb({ databaseUrl: cluster.url }), log),
    });
    lite = await startDomainServer();
    for (const server of [pg, lite]) {
      logins.set(server, {
        teacher: await server.login('teacher', 'staff-teacher', ['teacher']),
        classTeacher: await server.login('class-teacher', 'staff-class-teacher', [
          'teacher',
          'classTeacher',
        ]),
      });
    }
    // What autovacuum does on a live server; a throwaway cluster has had no time to.
    await pg.db.query('ANALYZE documents');
  }, 300_000);

  afterAll(async () => {
    await pg?.close();
    await pg?.db.close();
    await lite?.close();
    cluster?.stop();
  });

  describe('read scope on PostgreSQL 15', () => {
    it('a subject teacher’s pull reads only his rows, through the scope indexes', async () => {
      const { teacher } = logins.get(pg)!;
      log.length = 0;
      const docs = await pullAll(pg, teacher.token, 'lessons', 1000);
      const query = log.find((q) => /FROM documents/.test(q.sql) && /course_id = ANY/.test(q.sql));
      expect(query, 'the pull filters by course in SQL').toBeDefined();
      const explained = await pg.db.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${query!.sql}`,
        query!.params,
      );
      const raw = explained.rows[0]!['QUERY PLAN'];
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
      const all = nodes(plan[0]!.Plan);
      const types = all.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`.trim());
      expect(
        types.filter((t) => t.startsWith('Seq Scan')),
        types.join(', '),
      ).toEqual([]);
      expect(types, 'no walk of the whole collection by seq').not.toContain(
        'Index Scan documents_collection_seq',
      );
      expect(
        types.some((t) => t.includes('documents_scope_course')),
        types.join(', '),
      ).toBe(true);
      // Rows the index scans produced: no more than the lessons he may read (independently
      // counted from the stored documents), far fewer than the collection.
      const leaves = all.filter((n) => /Index Scan/.test(n['Node Type']));
      const read = leaves.reduce(
        (sum, n) => sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1),
        0,
      );
      const counts = await pg.db.query(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE doc->>'courseId' IN (
                  SELECT id FROM documents WHERE collection = 'courses'
                    AND doc->>'teacherId' = 'staff-teacher')
                  OR doc->>'teacherId' = 'staff-teacher')::int AS mine
         FROM documents WHERE collection = 'lessons'`,
      );
      const { total, mine } = counts.rows[0] as { total: number; mine: number };
      console.log(`plan: ${types.join(' > ')}; index rows ${read}; his ${mine} of ${total}`);
      expect(docs.length).toBe(mine);
      expect(read).toBeLessThanOrEqual(mine);
      expect(mine).toBeLessThan(total / 2);
    });

    it('gives the same answers as PGlite for every scoped collection', async () => {
      // The two servers loaded the demo at different moments: its stamps differ, nothing else.
      const byId = (docs: DocState[]) =>
        docs
          .map(({ stamps: _stamps, ...rest }) => rest)
          .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
      for (const who of ['teacher', 'classTeacher'] as const) {
        for (const collection of ['lessons', 'periodMarks', 'students', 'consents']) {
          const onPg = await pullAll(pg, logins.get(pg)![who].token, collection, 500);
          const onLite = await pullAll(lite, logins.get(lite)![who].token, collection, 500);
          expect(onPg.length, `${who} ${collection}`).toBe(onLite.length);
          expect(byId(onPg), `${who} ${collection}`).toEqual(byId(onLite));
        }
      }
    });

    it('sends in a snapshot what its pull sends, documents kept as PostgreSQL prints them', async () => {
      // Lessons, period marks and consents go out as stored text (readIsGrant), students parsed.
      const names = ['lessons', 'periodMarks', 'students', 'consents'];
      for (const who of ['teacher', 'classTeacher'] as const) {
        const { token } = logins.get(pg)![who];
        const planned = await api(
          pg,
          'GET',
          `/api/v1/sync/snapshot?collections=${names.join(',')}`,
          undefined,
          token,
        );
        const { collections } = SnapshotPlanSchema.parse(planned.body);
        for (const part of collections) {
          const query = new URLSearchParams({ checkpoint: JSON.stringify(part.checkpoint) });
          const res = await fetch(`${pg.url}/api/v1/sync/${part.collection}/snapshot?${query}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(res.status).toBe(200);
          const sent = (await res.text())
            .split('\n')
            .filter((line) => line !== '')
            .flatMap((line) => SnapshotChunkSchema.parse(JSON.parse(line)).documents);
          const pulled = await pullAll(pg, token, part.collection, 1000);
          const sorted = (docs: DocState[]) =>
            [...docs].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
          // A subject teacher reads no consents; everything else holds documents.
          if (who === 'classTeacher' || part.collection !== 'consents') {
            expect(sent.length, `${who} ${part.collection}`).toBeGreaterThan(0);
          }
          expect(sent.length, `${who} ${part.collection}`).toBe(part.total);
          expect(sorted(sent), `${who} ${part.collection}`).toEqual(sorted(pulled));
        }
      }
    });
  });
}
