// Starts the school server: npm run server -- --port 8080 --data-dir ./data [--demo] [--host 0.0.0.0]
// DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded PGlite data folder.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { buildServer } from '../server/app';
import { openDb } from '../server/db/open';
import { DEMO_PASSWORD, demoAccounts, ensureDemoAccounts } from '../server/demo';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '0.0.0.0' },
    'data-dir': { type: 'string', default: './data' },
    'static-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run server -- [--port 8080] [--host 0.0.0.0] [--data-dir ./data] [--demo]
  DATABASE_URL=postgres://user@host/db  use PostgreSQL instead of the PGlite data folder`);
  process.exit(0);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(values['data-dir']);
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

if (values.demo) {
  const created = await ensureDemoAccounts(db);
  console.log(
    created.length > 0
      ? 'Demo accounts created:'
      : 'Demo mode: accounts already exist; the demo logins are:',
  );
  for (const account of demoAccounts) {
    console.log(
      `  ${account.login.padEnd(14)} password: ${DEMO_PASSWORD}  roles: ${account.roles.join(', ')}`,
    );
  }
}

const address = await app.listen({ port: Number(values.port), host: values.host });
console.log(
  `Journal server listening at ${address} (${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`})`,
);

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
