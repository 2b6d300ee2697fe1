// The evening peak of the e-diary: the school server in a process of its own (`npm run server`,
// as a school runs it), 500 family sessions in 10 worker processes, two load models, each against
// a no-op route (/api/v1/health) in the same run (docs/PERFORMANCE.md):
//   - burst: every session asks for its child's week in the same instant (the worst case), rounds;
//   - evening: each session opens its child's week at a random moment of the first 10 s, then keeps
//     browsing — a page every 3–10 s (random), this week again or one of the three before, with
//     the ETag of what it has as a phone's browser does — for a measured period.
// Run: npx tsx bench/diary.ts [--sessions 500] [--rounds 3] [--seconds 60] [--db pglite|postgres|both]
//   [--servers N]: on PostgreSQL, N server processes on the one database, the workers spread over
//   them (as behind a balancer); PGlite is one process by construction (its data folder's lock).
//   BENCH_PROFILE_DIR=/tmp/x writes the server processes' CPU profiles there.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../server/app';
import { createAccount } from '../server/auth/accounts';
import { openDb } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { createDomainRegistry } from '../server/domain/registry';
import { DEMO_SEED } from '../server/demo';
import { findFamilyAccountByLogin } from '../server/family/accounts';
import { openFamilySession } from '../server/family/sessions';
import { ConsentSchema, consentId } from '../shared/consent';
import { addDays } from '../shared/dates';
import { weekStart } from '../shared/diary/week';
import { generateSchool } from '../shared/demo';
import { createClock } from '../shared/hlc';
import {
  postgresUnavailableReason,
  startPostgresCluster,
} from '../tests/integration/server/postgres-cluster';
import { startServerProcess } from '../tests/integration/server/server-process';

const SELF = fileURLToPath(import.meta.url);
const WORKERS = 10;
const AS_OF = '2026-12-04';
/** The school's size: the diary reads one class, so a smaller school only shortens the set-up. */
const STUDENTS = Number(process.env.BENCH_DIARY_STUDENTS ?? 400);

interface Session {
  cookie: string;
  studentId: string;
}
interface WorkerJob {
  url: string;
  sessions: Session[];
  mode: 'burst' | 'evening';
  rounds: number;
  seconds: number;
}
interface WorkerResult {
  diary: number[];
  noop: number[];
  notModified: number;
  errors: string[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

/** A worker process: its share of the sessions under one load model. */
async function worker(job: WorkerJob): Promise<WorkerResult> {
  const result: WorkerResult = { diary: [], noop: [], notModified: 0, errors: [] };
  const timed = async (
    path: string,
    s: Session,
    into: number[] | null,
    etags?: Map<string, string>,
  ) => {
    const known = etags?.get(path);
    const t = performance.now();
    const res = await fetch(job.url + path, {
      headers: {
        cookie: `diary_session=${s.cookie}`,
        'accept-encoding': 'gzip, br',
        ...(known ? { 'if-none-match': known } : {}),
      },
      redirect: 'manual',
    });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status === 304) result.notModified++;
    else if (res.status !== 200) {
      result.errors.push(`${path} ${res.status}`);
      return;
    }
    const etag = res.headers.get('etag');
    if (etags && etag) etags.set(path, etag);
    into?.push(ms);
  };
  const week = (s: Session, start: string) => `/diary/c/${s.studentId}?week=${start}`;
  const thisWeek = weekStart(AS_OF);
  if (job.mode === 'burst') {
    // The first round warms the server up (JIT, caches) and is not counted when there are more.
    for (let r = 0; r < job.rounds; r++) {
      const counted = r > 0 || job.rounds === 1;
      await Promise.all(
        job.sessions.map(async (s) => {
          await timed(week(s, thisWeek), s, counted ? result.diary : null);
          await timed('/api/v1/health', s, counted ? result.noop : null);
        }),
      );
    }
    return result;
  }
  const end = performance.now() + job.seconds * 1000;
  await Promise.all(
    job.sessions.map(async (s) => {
      const etags = new Map<string, string>();
      await sleep(between(0, 10_000));
      let start = thisWeek;
      while (performance.now() < end) {
        await timed(week(s, start), s, result.diary, etags);
        await timed('/api/v1/health', s, result.noop);
        await sleep(between(3_000, 10_000));
        // This week again mostly; now and then one of the three weeks before.
        start = Math.random() < 0.6 ? thisWeek : addDays(thisWeek, -7 * Math.ceil(between(0, 3)));
      }
    }),
  );
  return result;
}

function consentFor(
  student: { id: string; classId: string },
  guardianId: string,
  by: string,
): Record<string, unknown> {
  const at = createClock(`bench${guardianId.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`).tick();
  const parts = ['decision', 'date', 'channel', 'registeredBy', 'loginIssued', 'note'];
  return {
    ...ConsentSchema.parse({
      id: consentId(student.id, guardianId),
      studentId: student.id,
      guardianId,
      classId: student.classId,
      decision: 'consent',
      date: '2026-11-20',
      channel: 'electronic',
      registeredBy: by,
      loginIssued: true,
      note: '',
      stamps: Object.fromEntries(parts.map((p) => [p, { at, by }])),
    }),
    _deleted: false,
  };
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} ${res.status}: ${text}`);
  return {
    json: JSON.parse(text) as Record<string, unknown>,
    setCookie: res.headers.get('set-cookie'),
  };
}

const cookieOf = (setCookie: string | null) => /diary_session=([^;]+)/.exec(setCookie ?? '')?.[1];

/**
 * The school and its families, made through the real routes by a server in this process, which
 * is then closed: the measured server is another process on the same database.
 */
async function prepare(where: { dataDir?: string; databaseUrl?: string }, sessions: number) {
  const families = Math.min(100, sessions);
  const school = generateSchool({ students: STUDENTS, seed: DEMO_SEED, asOf: AS_OF });
  const db = await openDb(where);
  const app = buildServer({
    db,
    registry: createDomainRegistry(),
    staticDir: null,
    logger: false,
    today: () => AS_OF,
    diary: { notifyIntervalMs: null },
  });
  await loadSnapshot(app.syncEngine, school);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // The families: the first guardian of `families` students, spread over the classes.
  const students = school.students
    .filter((s) => s.status === 'active' && Object.keys(s.guardians).length > 0)
    .filter((_, i) => i % 3 === 0)
    .slice(0, families);
  const teacherTokens = new Map<string, string>();
  const out: Session[] = [];
  for (const [i, student] of students.entries()) {
    const cls = school.classes.find((c) => c.id === student.classId)!;
    const staffId = cls.classTeacherId!;
    let token = teacherTokens.get(staffId);
    if (!token) {
      const login = `bench-${teacherTokens.size}`;
      await createAccount(db, {
        login,
        password: 'bench-pass',
        staffId,
        roles: ['classTeacher', 'teacher'],
      });
      const signed = await post(
        url,
        '/api/v1/auth/login',
        { login, password: 'bench-pass', deviceName: 'Замер' },
        {},
      );
      token = String(signed.json.token);
      teacherTokens.set(staffId, token);
    }
    const guardianId = Object.keys(student.guardians).sort()[0]!;
    const issued = await post(
      url,
      '/api/v1/family/logins',
      { consent: consentFor(student, guardianId, staffId) },
      { authorization: `Bearer ${token}` },
    );
    const login = String(issued.json.login);
    const form = { 'x-diary-form': '1' };
    const first = await post(url, '/diary/login', { login, password: issued.json.password }, form);
    const password = `Семья-${i}-пароль`;
    await post(
      url,
      '/diary/password',
      { password, repeat: password },
      { ...form, cookie: `diary_session=${cookieOf(first.setCookie)}` },
    );
    // Several sessions of one family (phones of both parents, a tablet), opened directly: the
    // bench measures reading the diary, not signing in (each sign-in is a deliberate scrypt).
    const account = await findFamilyAccountByLogin(db, login);
    const perFamily = Math.ceil(sessions / families);
    for (let k = 0; k < perFamily && out.length < sessions; k++) {
      out.push({ cookie: await openFamilySession(db, account!.id), studentId: student.id });
    }
  }
  await app.close();
  await db.close();
  return out;
}

function runWorkers(
  job: Omit<WorkerJob, 'sessions' | 'url'>,
  urls: readonly string[],
  sessions: Session[],
) {
  const share = Math.ceil(sessions.length / WORKERS);
  return Promise.all(
    Array.from({ length: WORKERS }, (_, w) => {
      const mine: WorkerJob = {
        ...job,
        url: urls[w % urls.length]!,
        sessions: sessions.slice(w * share, (w + 1) * share),
      };
      return new Promise<WorkerResult>((resolve, reject) => {
        const child = fork(SELF, ['--worker'], { execArgv: ['--import', 'tsx'] });
        child.once('message', (m) => resolve(m as WorkerResult));
        child.once('error', reject);
        child.send(mine);
      });
    }),
  ).then((results) => ({
    diary: results.flatMap((r) => r.diary),
    noop: results.flatMap((r) => r.noop),
    notModified: results.reduce((n, r) => n + r.notModified, 0),
    errors: results.flatMap((r) => r.errors),
  }));
}

const row = (name: string, xs: number[]) =>
  `${name.padEnd(44)} n=${String(xs.length).padStart(6)}  p50 ${pct(xs, 50).toFixed(0).padStart(5)} мс  p95 ${pct(xs, 95).toFixed(0).padStart(5)} мс`;

async function measure(kind: 'pglite' | 'postgres', sessions: number): Promise<void> {
  const rounds = Number(arg('--rounds', '3'));
  const seconds = Number(arg('--seconds', '60'));
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-diary-'));
  const cluster = kind === 'postgres' ? await startPostgresCluster() : null;
  const dataDir = path.join(dir, 'data');
  try {
    process.stdout.write(
      `\n== ${kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite (папка данных)'}\n`,
    );
    process.stdout.write(`Школа на ${STUDENTS} учеников, ${sessions} сеансов: подготовка…\n`);
    const cookies = await prepare(cluster ? { databaseUrl: cluster.url } : { dataDir }, sessions);
    const count = cluster ? Math.max(1, Number(arg('--servers', '1'))) : 1;
    const servers = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        startServerProcess(
          i === 0 ? dataDir : `${dataDir}-${i}`,
          ['--no-tls'],
          cluster ? { DATABASE_URL: cluster.url } : {},
          process.env.BENCH_PROFILE_DIR
            ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR]
            : [],
        ),
      ),
    );
    const server = servers[0]!;
    const urls = servers.map((s) => s.url);
    if (count > 1) process.stdout.write(`Процессов сервера на одной базе: ${count}\n`);
    try {
      // One request at a time first: the service time of each route without any queue.
      const one = { diary: [] as number[], noop: [] as number[] };
      for (let r = 0; r < 60; r++) {
        const s = cookies[r % cookies.length]!;
        for (const [p, into] of [
          [`/diary/c/${s.studentId}?week=${weekStart(AS_OF)}`, one.diary],
          ['/api/v1/health', one.noop],
        ] as const) {
          const t = performance.now();
          const res = await fetch(server.url + p, {
            headers: { cookie: `diary_session=${s.cookie}`, 'accept-encoding': 'gzip, br' },
          });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
          if (r >= 10) into.push(performance.now() - t);
        }
      }
      process.stdout.write(`${row('По одному: дневник', one.diary)}\n`);
      process.stdout.write(`${row('По одному: пустой маршрут', one.noop)}\n`);
      const burst = await runWorkers({ mode: 'burst', rounds, seconds }, urls, cookies);
      process.stdout.write(`${row('Все сразу: дневник', burst.diary)}\n`);
      process.stdout.write(`${row('Все сразу: пустой маршрут', burst.noop)}\n`);
      const evening = await runWorkers({ mode: 'evening', rounds, seconds }, urls, cookies);
      process.stdout.write(
        `${row(`Вечер (${seconds} с): дневник`, evening.diary)}  (из них 304: ${evening.notModified})\n`,
      );
      process.stdout.write(`${row(`Вечер (${seconds} с): пустой маршрут`, evening.noop)}\n`);
      const errors = [...burst.errors, ...evening.errors];
      process.stdout.write(
        `Все сразу p95 ×${(pct(burst.diary, 95) / pct(burst.noop, 95)).toFixed(1)}; ` +
          `вечер p95 ×${(pct(evening.diary, 95) / pct(evening.noop, 95)).toFixed(1)}; ошибок: ${errors.length}\n`,
      );
      if (errors.length > 0)
        process.stdout.write(`${[...new Set(errors)].slice(0, 5).join('\n')}\n`);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sessions = Number(arg('--sessions', '500'));
  const which = arg('--db', 'pglite');
  if (which === 'pglite' || which === 'both') await measure('pglite', sessions);
  if (which === 'postgres' || which === 'both') {
    const why = postgresUnavailableReason();
    if (why) process.stdout.write(`PostgreSQL пропущен: ${why}\n`);
    else await measure('postgres', sessions);
  }
}

if (process.argv.includes('--worker')) {
  process.once('message', (job) => {
    void worker(job as WorkerJob).then((result) => {
      process.send!(result, () => process.exit(0));
    });
  });
} else {
  await main();
}
