// Push and pull throughput of the school server with 50 concurrent clients over HTTP (real server
// on port 0, PGlite in memory, the journal's domain collections), against baselines in the same run:
// a no-op HTTP route and raw INSERT transactions through the Db layer. `npx tsx bench/sync-server.ts`
// BENCH_CLIENTS (50), BENCH_ROUNDS (5), BENCH_BATCH (20) change the load.
import { buildServer } from '../server/app';
import { createAccount } from '../server/auth/accounts';
import { openDb } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { createDomainRegistry } from '../server/domain/registry';
import { generateSchool } from '../shared/demo';
import { createClock } from '../shared/hlc';
import type { Lesson } from '../shared/lesson';
import { setPart } from '../shared/merge';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const PULL_PAGE = 200;

interface Measure {
  name: string;
  latencies: number[];
  docs: number;
  ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(
  name: string,
  work: (record: (ms: number, docs: number) => void) => Promise<void>,
): Promise<Measure> {
  const latencies: number[] = [];
  let docs = 0;
  const started = performance.now();
  await work((ms, n) => {
    latencies.push(ms);
    docs += n;
  });
  return {
    name,
    latencies: latencies.sort((a, b) => a - b),
    docs,
    ms: performance.now() - started,
  };
}

async function clock<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

const school = generateSchool({ students: 150, seed: 11 });
// Every period open: the bench measures writes, not refusals.
school.periods = school.periods.map((p) => ({ ...p, closed: false }));
const db = await openDb();
const app = buildServer({ db, registry: createDomainRegistry(), staticDir: null });
const load = await loadSnapshot(app.syncEngine, school);
const url = await app.listen({ port: 0, host: '127.0.0.1' });

const tokens: string[] = [];
for (let i = 0; i < CLIENTS; i++) {
  await createAccount(db, {
    login: `bench${i}`,
    password: 'bench',
    staffId: `bench-${i}`,
    roles: ['deputy'],
  });
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: `bench${i}`, password: 'bench', deviceName: 'bench' }),
  });
  tokens.push(((await res.json()) as { token: string }).token);
}
const auth = (i: number) => ({
  authorization: `Bearer ${tokens[i]!}`,
  'content-type': 'application/json',
});

// Each client edits its own slice of lessons, one entry per lesson per round.
const lessons = school.lessons.filter((l) => Object.keys(l.entries).length > 0);
const slices = Array.from({ length: CLIENTS }, (_, i) => lessons.slice(i * BATCH, (i + 1) * BATCH));
if (slices.some((s) => s.length < BATCH)) throw new Error('Not enough lessons for this load');

const noop = await timed('no-op HTTP GET /api/v1/health', async (record) => {
  await Promise.all(
    tokens.map(async () => {
      for (let r = 0; r < ROUNDS * 4; r++) {
        const [, ms] = await clock(() =>
          fetch(`${url}/api/v1/health`).then((res) => res.arrayBuffer()),
        );
        record(ms, BATCH);
      }
    }),
  );
});

const push = await timed(`push ${BATCH} lessons/request`, async (record) => {
  await Promise.all(
    slices.map(async (slice, i) => {
      const hlc = createClock(`bench${i}`);
      let current: Lesson[] = slice.map((l) => structuredClone(l));
      for (let r = 0; r < ROUNDS; r++) {
        const rows = current.map((lesson) => {
          const student = Object.keys(lesson.entries)[r % Object.keys(lesson.entries).length]!;
          const stamp = { at: hlc.tick(), by: `bench-${i}` };
          for (const s of Object.values(lesson.stamps))
            if (s.at > stamp.at) stamp.at = hlc.receive(s.at);
          const next = setPart(
            lesson,
            `entries.${student}`,
            { attendance: null, marks: [{ value: '4', workTypeId: 'wt-oral', comment: `r${r}` }] },
            stamp,
          );
          return {
            assumedMasterState: { ...lesson, _deleted: false },
            newDocumentState: { ...next, _deleted: false },
          };
        });
        const [answer, ms] = await clock(async () => {
          const res = await fetch(`${url}/api/v1/sync/lessons/push`, {
            method: 'POST',
            headers: auth(i),
            body: JSON.stringify(rows),
          });
          return (await res.json()) as (Lesson & { _deleted: boolean })[];
        });
        if (!Array.isArray(answer)) throw new Error(`push failed: ${JSON.stringify(answer)}`);
        const adopted = new Map(answer.map((d) => [d.id, d]));
        current = rows.map((row) => {
          const { _deleted: _d, ...doc } = (adopted.get(row.newDocumentState.id) ??
            row.newDocumentState) as Lesson & { _deleted: boolean };
          return doc as Lesson;
        });
        record(ms, rows.length);
      }
    }),
  );
});

const pull = await timed(`pull all lessons, pages of ${PULL_PAGE}`, async (record) => {
  await Promise.all(
    tokens.map(async (_, i) => {
      let checkpoint = '';
      for (;;) {
        const [page, ms] = await clock(async () => {
          const res = await fetch(
            `${url}/api/v1/sync/lessons/pull?limit=${PULL_PAGE}&checkpoint=${encodeURIComponent(checkpoint)}`,
            { headers: auth(i) },
          );
          return (await res.json()) as { documents: unknown[]; checkpoint: unknown };
        });
        record(ms, page.documents.length);
        checkpoint = JSON.stringify(page.checkpoint);
        if (page.documents.length < PULL_PAGE) break;
      }
    }),
  );
});

const rawDoc = JSON.stringify(lessons[0]);
const raw = await timed(`raw INSERT tx of ${BATCH} rows (Db layer)`, async (record) => {
  await Promise.all(
    tokens.map(async (_, i) => {
      for (let r = 0; r < ROUNDS; r++) {
        const [, ms] = await clock(() =>
          db.transaction(async (tx) => {
            for (let k = 0; k < BATCH; k++) {
              await tx.query(
                `INSERT INTO documents (collection, id, seq, deleted, doc) VALUES ('bench', $1, nextval('document_seq'), false, $2::jsonb)`,
                [`b-${i}-${r}-${k}`, rawDoc],
              );
            }
          }),
        );
        record(ms, BATCH);
      }
    }),
  );
});

const rate = (m: Measure) => (m.docs / m.ms) * 1000;
const rows = [noop, push, raw, pull].map((m) => ({
  workload: m.name,
  requests: m.latencies.length,
  documents: m.docs,
  'p50 ms': percentile(m.latencies, 50).toFixed(1),
  'p99 ms': percentile(m.latencies, 99).toFixed(1),
  'docs/s': Math.round(rate(m)),
}));
console.log(
  `School: ${load.documents} documents loaded in ${load.ms} ms; ${CLIENTS} concurrent clients, PGlite in memory.`,
);
console.table(rows);
console.log(
  `push: ${(rate(push) / rate(raw)).toFixed(2)}× the raw-INSERT rate, p50 ${(percentile(push.latencies, 50) / percentile(noop.latencies, 50)).toFixed(1)}× a no-op request; ` +
    `pull: ${(rate(pull) / rate(noop)).toFixed(2)}× the no-op request rate (counted as ${BATCH} docs per no-op).`,
);
await app.close();
await db.close();
