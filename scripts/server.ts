// Starts the school server: npm run server -- --port 8080 --data-dir ./data [--demo [--demo-students N]] [--host 0.0.0.0]
// DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded PGlite data folder.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { buildServer } from '../server/app';
import { acquireDataDirLock } from '../server/db/data-dir-lock';
import { openDb } from '../server/db/open';
import { DEFAULT_STATIC_DIR, hasBuiltRenderer } from '../server/static';
import {
  DEMO_PASSWORD,
  DEMO_STUDENTS,
  demoAccounts,
  ensureDemoAccounts,
  ensureDemoSchool,
} from '../server/demo';
import { clampToDemoYear } from '../shared/demo';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '0.0.0.0' },
    'data-dir': { type: 'string', default: './data' },
    'static-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    'demo-students': { type: 'string', default: String(DEMO_STUDENTS) },
    'demo-as-of': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run server -- [--port 8080] [--host 0.0.0.0] [--data-dir ./data] [--demo] [--demo-students 1000] [--demo-as-of YYYY-MM-DD|today]
  --demo   on an empty database: load the generated demo school and create the accounts
           deputy, class-teacher, teacher, admin (password demo)
  DATABASE_URL=postgres://user@host/db  use PostgreSQL instead of the PGlite data folder`);
  process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(values['data-dir']);
// PGlite is single-process: the lock beside the folder keeps the admin CLI and offline backups out.
let releaseLock = () => {};
if (!databaseUrl) {
  try {
    releaseLock = acquireDataDirLock(dataDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
process.on('exit', () => releaseLock());
const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir });
const app = buildServer({
  db,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  staticDir: values['static-dir'] ?? undefined,
  // Extra origins (e.g. the Vite dev server) besides the Electron app's app://journal.
  corsOrigins: [
    'app://journal',
    ...(process.env.JOURNAL_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  ],
});

const demoLines: string[] = [];
if (values.demo) {
  const students = Number(values['demo-students']);
  // "today" keeps the demo's current quarter open for entering marks (npm start uses it).
  const asOfArg = values['demo-as-of'];
  const asOf =
    asOfArg === 'today' ? clampToDemoYear(new Date().toISOString().slice(0, 10)) : asOfArg;
  const loaded = await ensureDemoSchool(db, students, undefined, asOf);
  if (loaded) {
    console.log(
      `Demo school loaded: ${loaded.documents} documents (${students} students) in ${loaded.ms} ms` +
        ` (generated in ${loaded.generateMs} ms)`,
    );
  } else {
    console.log('Demo mode: the database already holds a school; nothing loaded.');
  }
  const created = await ensureDemoAccounts(db);
  demoLines.push(created.length > 0 ? 'Demo accounts created:' : 'Demo logins:');
  for (const account of demoAccounts) {
    demoLines.push(
      `  ${account.login.padEnd(14)} password: ${DEMO_PASSWORD}  roles: ${account.roles.join(', ')}` +
        (account.staffId ? `  staff: ${account.staffId}` : ''),
    );
  }
}

const address = await app.listen({ port: Number(values.port), host: values.host });
console.log(
  `Journal server listening at ${address} (${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`})`,
);
for (const line of demoLines) console.log(line);
const staticDir = values['static-dir'] ?? DEFAULT_STATIC_DIR;
if (!hasBuiltRenderer(staticDir)) {
  console.log(
    `The journal's web pages are not built (${staticDir} has no index.html): run \`npm run build:renderer\`` +
      ' and restart the server to open the journal in a browser. The API works meanwhile.',
  );
}

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
