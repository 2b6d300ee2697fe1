// What one server process holds: its resident memory (VmRSS) with the 1,000-student demo school
// loaded, after the deputy's first download of every collection, and with 200 live streams open —
// on PGlite (the database inside the process) and on PostgreSQL (a throwaway cluster) — against
// an idle Node process started the same way in the same run (the baseline). The server runs as
// `npm run server` does, in its own process; the streams and pulls come from this one.
//   npx tsx bench/server-memory.ts      (BENCH_MEMORY_STUDENTS=1000)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../server/demo';
import { COLLECTION_NAMES } from '../shared/collections';
import {
  postgresUnavailableReason,
  startPostgresCluster,
} from '../tests/integration/server/postgres-cluster';
import { startServerProcess, type ServerProcess } from '../tests/integration/server/server-process';

const STUDENTS = process.env.BENCH_MEMORY_STUDENTS ?? '1000';
const STREAMS = 200;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 2_000));
}

/** An idle Node process with tsx loaded, as the server is started: the floor. */
async function baselineMb(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', 'setInterval(() => {}, 1000)'], {
    stdio: 'ignore',
  });
  await settle();
  const mb = rssMb(child.pid!);
  child.kill();
  return mb;
}

async function measure(server: ServerProcess): Promise<Record<string, number>> {
  const pid = server.child.pid!;
  await settle();
  const loaded = rssMb(pid);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'deputy', password: DEMO_PASSWORD, deviceName: 'Замер' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  let documents = 0;
  for (const name of COLLECTION_NAMES) {
    let checkpoint = '';
    for (;;) {
      const res = await fetch(
        `${server.url}/api/v1/sync/${name}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`,
        { headers: auth },
      );
      const page = (await res.json()) as { documents: unknown[]; checkpoint: unknown };
      documents += page.documents.length;
      checkpoint = JSON.stringify(page.checkpoint);
      if (page.documents.length < 1000) break;
    }
  }
  await settle();
  const afterDownload = rssMb(pid);
  const aborts: AbortController[] = [];
  for (let i = 0; i < STREAMS; i += 1) {
    const abort = new AbortController();
    aborts.push(abort);
    const res = await fetch(`${server.url}/api/v1/sync/stream?collections=${COLLECTION_NAMES}`, {
      headers: auth,
      signal: abort.signal,
    });
    void res.body
      ?.getReader()
      .read()
      .catch(() => undefined);
  }
  await settle();
  const withStreams = rssMb(pid);
  for (const abort of aborts) abort.abort();
  return { loaded, afterDownload, withStreams, documents };
}

const dir = mkdtempSync(path.join(tmpdir(), 'journal-memory-'));
const demo = ['--no-tls', '--demo', '--demo-students', STUDENTS];
const rows: string[] = [];
try {
  const floor = await baselineMb();
  rows.push(`baseline (idle node + tsx): ${floor} MB`);
  const embedded = await startServerProcess(path.join(dir, 'pglite'), demo);
  const onPglite = await measure(embedded);
  await embedded.stop();
  rows.push(
    `PGlite: loaded ${onPglite.loaded} MB (×${(onPglite.loaded! / floor).toFixed(1)}), ` +
      `after the deputy's first download (${onPglite.documents} documents) ${onPglite.afterDownload} MB, ` +
      `with ${STREAMS} streams ${onPglite.withStreams} MB`,
  );
  const unavailable = postgresUnavailableReason();
  if (unavailable) {
    rows.push(`PostgreSQL: not measured (${unavailable})`);
  } else {
    const cluster = await startPostgresCluster();
    try {
      const server = await startServerProcess(path.join(dir, 'pg'), demo, {
        DATABASE_URL: cluster.url,
      });
      const onPostgres = await measure(server);
      await server.stop();
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const size = await client.query('SELECT pg_database_size(current_database()) AS bytes');
      await client.end();
      const databaseMb = Math.round(Number(size.rows[0].bytes) / 1024 / 1024);
      rows.push(
        `PostgreSQL: loaded ${onPostgres.loaded} MB (×${(onPostgres.loaded! / floor).toFixed(1)}), ` +
          `after the deputy's first download ${onPostgres.afterDownload} MB, ` +
          `with ${STREAMS} streams ${onPostgres.withStreams} MB; the database ${databaseMb} MB`,
      );
    } finally {
      cluster.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`server-memory, ${STUDENTS} students:\n  ${rows.join('\n  ')}`);
