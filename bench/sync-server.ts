// Push and pull latency of the school server run as its own process (`npm run server`), with the
// simulated desktops in separate worker processes (bench/_sync-server-desktops.ts, many desktops
// each, raw protocol over HTTP, a live stream each), against a no-op route timed by the same
// desktops in the same run. Subject teachers push their own lessons: one lesson every few seconds
// (realistic) and bursts of 20; 50 and 200 desktops; on PGlite, on PostgreSQL, and two server
// processes on one PostgreSQL. `npx tsx bench/sync-server.ts`; BENCH_SETUPS (pglite,postgres,
// postgres-2), BENCH_DESKTOPS (50,200), BENCH_SECONDS (20), BENCH_WORKERS (4) change the run;
// BENCH_PROFILE_DIR=/tmp/x writes the server processes' CPU profiles there.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../server/app';
import { createAccount } from '../server/auth/accounts';
import { openDb, type OpenDbOptions } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { createDomainRegistry } from '../server/domain/registry';
import { generateSchool } from '../shared/demo';
import type { Lesson } from '../shared/lesson';
import {
  postgresUnavailableReason,
  startPostgresCluster,
  type PostgresCluster,
} from '../tests/integration/server/postgres-cluster';
import { startServerProcess, type ServerProcess } from '../tests/integration/server/server-process';
import type { DesktopSpec, FromWorker, RunResult, ToWorker } from './_sync-server-desktops';

const SETUPS = (process.env.BENCH_SETUPS ?? 'pglite,postgres,postgres-2').split(',');
const DESKTOPS = (process.env.BENCH_DESKTOPS ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const LESSONS_PER_DESKTOP = 20;
const MODES = [
  { name: 'realistic: 1 lesson every 3 s', batch: 1, intervalMs: 3000 },
  { name: 'burst: 20 lessons every 10 s', batch: 20, intervalMs: 10_000 },
];
const PASSWORD = 'bench-password';
const here = path.dirname(fileURLToPath(import.meta.url));

const school = generateSchool({ students: 300, seed: 11 });
// Every period open: the bench measures writes, not refusals.
school.periods = school.periods.map((p) => ({ ...p, closed: false }));
const teacherOf = new Map(school.courses.map((c) => [c.id, c.teacherId]));
const byTeacher = new Map<string, Lesson[]>();
for (const l of school.lessons) {
  if (Object.keys(l.entries).length === 0) continue;
  const t = teacherOf.get(l.courseId)!;
  byTeacher.set(t, [...(byTeacher.get(t) ?? []), l]);
}
const teachers = [...byTeacher.keys()].sort();
const maxDesktops = Math.max(...DESKTOPS);
/** Desktop i: teacher i mod T (a teacher on several computers), 20 lessons of his own. */
const plan = Array.from({ length: maxDesktops }, (_, i) => {
  const staffId = teachers[i % teachers.length]!;
  const offset = Math.floor(i / teachers.length) * LESSONS_PER_DESKTOP;
  const lessons = byTeacher.get(staffId)!.slice(offset, offset + LESSONS_PER_DESKTOP);
  if (lessons.length < LESSONS_PER_DESKTOP) throw new Error('Not enough lessons for this load');
  return { index: i, staffId, lessonIds: lessons.map((l) => l.id) };
});

/** Loads the school and the accounts into the database; returns the lessons as stored. */
async function seed(options: OpenDbOptions): Promise<{ stored: Map<string, Lesson>; seq: number }> {
  const db = await openDb(options);
  const app = buildServer({ db, registry: createDomainRegistry(), staticDir: null });
  const load = await loadSnapshot(app.syncEngine, school);
  for (const staffId of teachers)
    await createAccount(db, { login: staffId, password: PASSWORD, staffId, roles: ['teacher'] });
  const ids = plan.flatMap((p) => p.lessonIds);
  const stored = await db.query(
    `SELECT doc FROM documents WHERE collection = 'lessons' AND id = ANY($1::text[])`,
    [ids],
  );
  const last = await db.query('SELECT max(seq) AS seq FROM documents');
  console.log(`  school loaded: ${load.documents} documents in ${load.ms} ms`);
  await app.close();
  await db.close();
  return {
    stored: new Map(stored.rows.map((r) => [(r.doc as Lesson).id, r.doc as Lesson])),
    seq: Number(last.rows[0]!.seq),
  };
}

async function login(serverUrl: string, staffId: string, i: number): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: staffId, password: PASSWORD, deviceName: `ПК ${i}` }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login ${staffId}: ${JSON.stringify(body)}`);
  return body.token;
}

function ask(worker: ChildProcess, message: ToWorker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m: FromWorker) => resolve(m));
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    worker.send(message);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

interface Row {
  setup: string;
  desktops: number;
  mode: string;
  requests: number;
  'push p50': string;
  'push p99': string;
  'pull p50': string;
  'pull p99': string;
  'no-op p50': string;
  'no-op p99': string;
  'push p99 / no-op p99': string;
  'docs/s': number;
  answered: number;
  errors: number;
}
const rows: Row[] = [];

async function runSetup(setup: string): Promise<void> {
  const postgres = setup.startsWith('postgres');
  if (postgres && postgresUnavailableReason()) {
    console.log(`${setup}: skipped — ${postgresUnavailableReason()}`);
    return;
  }
  console.log(`\n${setup}:`);
  const dir = mkdtempSync(path.join(tmpdir(), 'journal-bench-'));
  let cluster: PostgresCluster | null = null;
  const servers: ServerProcess[] = [];
  const workers: ChildProcess[] = [];
  try {
    if (postgres) cluster = await startPostgresCluster();
    const { stored, seq } = await seed(cluster ? { databaseUrl: cluster.url } : { dataDir: dir });
    const processes = setup === 'postgres-2' ? 2 : 1;
    for (let k = 0; k < processes; k++) {
      servers.push(
        await startServerProcess(
          cluster ? path.join(dir, `p${k}`) : dir,
          ['--no-tls'],
          cluster ? { DATABASE_URL: cluster.url } : {},
          process.env.BENCH_PROFILE_DIR
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
            : [],
        ),
      );
    }
    const specs: DesktopSpec[] = [];
    for (const p of plan) {
      const serverUrl = servers[p.index % servers.length]!.url;
      specs.push({
        index: p.index,
        serverUrl,
        token: await login(serverUrl, p.staffId, p.index),
        staffId: p.staffId,
        lessons: p.lessonIds.map((id) => stored.get(id)!),
        seededSeq: seq,
      });
    }
    for (let w = 0; w < WORKERS; w++) {
      workers.push(
        fork(path.join(here, '_sync-server-desktops.ts'), [], { execArgv: ['--import', 'tsx'] }),
      );
    }
    const started = Date.now();
    await Promise.all(
      workers.map((worker, w) =>
        ask(worker, { type: 'init', desktops: specs.filter((s) => s.index % WORKERS === w) }),
      ),
    );
    console.log(`  ${specs.length} desktops signed in and connected in ${Date.now() - started} ms`);
    for (const desktops of DESKTOPS) {
      for (const mode of MODES) {
        const answers = await Promise.all(
          workers.map((worker) =>
            ask(worker, {
              type: 'run',
              active: desktops,
              batch: mode.batch,
              intervalMs: mode.intervalMs,
              seconds: SECONDS,
            }),
          ),
        );
        const results = answers.map((a) => (a as { result: RunResult }).result);
        const all = (key: 'push' | 'pull' | 'noop') => results.flatMap((r) => r[key]);
        const sum = (key: 'pushedDocs' | 'answered' | 'errors') =>
          results.reduce((n, r) => n + r[key], 0);
        const row: Row = {
          setup: processes === 2 ? 'PostgreSQL, 2 processes' : postgres ? 'PostgreSQL' : 'PGlite',
          desktops,
          mode: mode.name,
          requests: all('push').length,
          'push p50': ms(percentile(all('push'), 50)),
          'push p99': ms(percentile(all('push'), 99)),
          'pull p50': ms(percentile(all('pull'), 50)),
          'pull p99': ms(percentile(all('pull'), 99)),
          'no-op p50': ms(percentile(all('noop'), 50)),
          'no-op p99': ms(percentile(all('noop'), 99)),
          'push p99 / no-op p99': `×${(percentile(all('push'), 99) / percentile(all('noop'), 99)).toFixed(1)}`,
          'docs/s': Math.round(sum('pushedDocs') / SECONDS),
          answered: sum('answered'),
          errors: sum('errors'),
        };
        rows.push(row);
        console.log(`  ${JSON.stringify(row)}`);
      }
    }
  } finally {
    for (const worker of workers) worker.kill();
    for (const server of servers) await server.stop();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const setup of SETUPS) await runSetup(setup);
console.log(
  `\nSchool of 300 students, ${teachers.length} subject teachers on ${maxDesktops} desktops at most ` +
    `(${WORKERS} worker processes), ${SECONDS} s per row; the server in its own process.`,
);
console.table(rows);
