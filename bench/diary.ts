// The evening peak of the e-diary: 500 family sessions open at once, each in a worker process
// (child_process), asking for one child's diary week page while the others do; the same sessions
// ask a no-op route (/api/v1/health) in the same run as the baseline. Prints p50/p95 of both and
// their ratio (docs/PERFORMANCE.md). Run: npx tsx bench/diary.ts [--sessions 500] [--rounds 4]
import { fork } from 'node:child_process';
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
import { generateSchool } from '../shared/demo';
import { createClock } from '../shared/hlc';

const SELF = fileURLToPath(import.meta.url);
const WORKERS = 10;
const AS_OF = '2026-12-04';
/** The school's size: the diary reads one class, so a smaller school only shortens the set-up. */
const STUDENTS = Number(process.env.BENCH_DIARY_STUDENTS ?? 400);

interface WorkerJob {
  url: string;
  /** Session cookies and the child each reads. */
  sessions: { cookie: string; studentId: string }[];
  rounds: number;
}
interface WorkerResult {
  diary: number[];
  noop: number[];
  errors: string[];
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** A worker: every session at once, `rounds` times: the diary page, then the no-op route. */
async function worker(job: WorkerJob): Promise<WorkerResult> {
  const result: WorkerResult = { diary: [], noop: [], errors: [] };
  const timed = async (path: string, cookie: string, into: number[]) => {
    const t = performance.now();
    const res = await fetch(job.url + path, {
      headers: { cookie: `diary_session=${cookie}`, 'accept-encoding': 'gzip, br' },
      redirect: 'manual',
    });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status !== 200) result.errors.push(`${path} ${res.status}`);
    else into.push(ms);
  };
  // The first round warms the server up (JIT, caches) and is not counted when there are more.
  for (let r = 0; r < job.rounds; r++) {
    const counted = r > 0 || job.rounds === 1;
    await Promise.all(
      job.sessions.map(async (s) => {
        await timed(`/diary/c/${s.studentId}?week=${AS_OF}`, s.cookie, counted ? result.diary : []);
        await timed('/api/v1/health', s.cookie, counted ? result.noop : []);
      }),
    );
  }
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

async function main(): Promise<void> {
  const sessions = arg('--sessions', 500);
  const rounds = arg('--rounds', 4);
  const families = Math.min(100, sessions);
  process.stdout.write(`Школа на ${STUDENTS} учеников, ${families} семей, ${sessions} сеансов…\n`);
  const school = generateSchool({ students: STUDENTS, seed: DEMO_SEED, asOf: AS_OF });
  const db = await openDb();
  const app = buildServer({
    db,
    registry: createDomainRegistry(),
    staticDir: null,
    logger: false,
    today: () => AS_OF,
    diary: { notifyIntervalMs: null },
    loginLimit: { maxFailures: 1_000_000 },
  });
  await loadSnapshot(app.syncEngine, school);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  // The families: the first guardian of `families` students, spread over the classes.
  const students = school.students
    .filter((s) => s.status === 'active' && Object.keys(s.guardians).length > 0)
    .filter((_, i) => i % 3 === 0)
    .slice(0, families);
  const teacherTokens = new Map<string, string>();
  const cookies: { cookie: string; studentId: string }[] = [];
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
      {
        authorization: `Bearer ${token}`,
      },
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
    for (let k = 0; k < perFamily && cookies.length < sessions; k++) {
      cookies.push({ cookie: await openFamilySession(db, account!.id), studentId: student.id });
    }
  }
  // One request at a time first: the service time of each route without any queue.
  const one = { diary: [] as number[], noop: [] as number[] };
  for (let r = 0; r < 60; r++) {
    const s = cookies[r % cookies.length]!;
    for (const [path, into] of [
      [`/diary/c/${s.studentId}?week=${AS_OF}`, one.diary],
      ['/api/v1/health', one.noop],
    ] as const) {
      const t = performance.now();
      const res = await fetch(url + path, { headers: { cookie: `diary_session=${s.cookie}` } });
      await res.arrayBuffer();
      if (r >= 10) into.push(performance.now() - t);
    }
  }
  process.stdout.write(
    `Сеансов открыто: ${cookies.length}; ${WORKERS} процессов, ${rounds} круга…\n`,
  );

  const share = Math.ceil(cookies.length / WORKERS);
  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, w) => {
      const job: WorkerJob = { url, sessions: cookies.slice(w * share, (w + 1) * share), rounds };
      return new Promise<WorkerResult>((resolve, reject) => {
        const child = fork(SELF, ['--worker'], { execArgv: ['--import', 'tsx'] });
        child.once('message', (m) => resolve(m as WorkerResult));
        child.once('error', reject);
        child.send(job);
      });
    }),
  );
  await app.close();
  await db.close();
  const diary = results.flatMap((r) => r.diary);
  const noop = results.flatMap((r) => r.noop);
  const errors = results.flatMap((r) => r.errors);
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(34)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(0).padStart(5)} мс  p95 ${pct(xs, 95).toFixed(0).padStart(5)} мс`;
  process.stdout.write(`${row('По одному: дневник', one.diary)}\n`);
  process.stdout.write(`${row('По одному: пустой маршрут', one.noop)}\n`);
  process.stdout.write(`${row('Дневник: неделя одного ребёнка', diary)}\n`);
  process.stdout.write(`${row('Пустой маршрут (/api/v1/health)', noop)}\n`);
  process.stdout.write(
    `Отношение p95: ×${(pct(diary, 95) / pct(noop, 95)).toFixed(1)}; p50: ×${(pct(diary, 50) / pct(noop, 50)).toFixed(1)}; ошибок: ${errors.length}\n`,
  );
  if (errors.length > 0) process.stdout.write(`${[...new Set(errors)].slice(0, 5).join('\n')}\n`);
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
