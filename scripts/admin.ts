// Administration from the server's console: npm run admin -- <command> [args] [--data-dir ./data]
// (DATABASE_URL for PostgreSQL). `npm run admin -- help` lists the commands (server/console/).
// While the server runs, the command is sent to it and runs there (the console file beside the
// data folder says where and with which key); otherwise it runs on the database directly.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LoginLockout } from '../server/auth/lockout';
import { ConsoleConnectionError, sendConsoleCommand } from '../server/console/client';
import { consoleFilePath, readConsoleFile } from '../server/console/console-file';
import { HELP, runConsoleCommand } from '../server/console/commands';
import type { ConsoleRequest, ConsoleResult } from '../server/console/protocol';
import { heldMessage, lockHolder } from '../server/db/data-dir-lock';
import { openDb } from '../server/db/open';
import { MAX_TABLE_FILE_BYTES, tooBigMessage } from '../server/domain/import/table-file';
import { SyncEngine } from '../server/sync/engine';
import { createDefaultRegistry } from '../server/domain/registry';

const OPTIONS = {
  'data-dir': { type: 'string', default: './data' },
  name: { type: 'string' },
  'staff-id': { type: 'string' },
  file: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  collection: { type: 'string' },
  id: { type: 'string' },
  path: { type: 'string' },
  login: { type: 'string' },
  password: { type: 'string' },
  since: { type: 'string' },
  by: { type: 'string' },
  limit: { type: 'string' },
} as const;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
try {
  parsed = parseArgs({ allowPositionals: true, options: OPTIONS });
} catch (error) {
  const option = /'(-[^']+)'/.exec((error as Error).message)?.[1];
  fail(
    option
      ? `Неизвестный или неполный параметр ${option}. Список команд: npm run admin -- help`
      : 'Неверные параметры команды. Список команд: npm run admin -- help',
  );
}
const { values, positionals } = parsed;
const [command = 'help', ...args] = positionals;

function readFileArg(): ConsoleRequest['file'] {
  if (!values.file) return undefined;
  const file = path.resolve(values.file);
  if (!existsSync(file) || !statSync(file).isFile()) fail(`Файл не найден: ${file}`);
  const size = statSync(file).size;
  if (size > MAX_TABLE_FILE_BYTES) fail(`${tooBigMessage(size)}\nНичего не загружено.`);
  return { name: path.basename(file), base64: readFileSync(file).toString('base64') };
}

function print(result: ConsoleResult): void {
  for (const line of result.lines) {
    if ('table' in line) console.table(line.table);
    else if (line.stream === 'err') console.error(line.text);
    else console.log(line.text);
  }
  process.exitCode = result.exitCode;
}

const { 'data-dir': dataDirArg, ...rest } = values;
const options: ConsoleRequest['options'] = {};
for (const [key, value] of Object.entries(rest)) {
  if (key !== 'file' && value !== undefined) options[key] = value;
}
const request: ConsoleRequest = { command, args, options, file: readFileArg() };
const dataDir = path.resolve(dataDirArg);
const databaseUrl = process.env.DATABASE_URL || undefined;

const running = readConsoleFile(dataDir);
if (running) {
  try {
    print(await sendConsoleCommand(running, request));
  } catch (error) {
    fail(
      error instanceof ConsoleConnectionError
        ? `${error.message}\n(Файл консоли: ${consoleFilePath(dataDir)}. Если сервер точно не ` +
            'запущен — например, компьютер выключили без остановки сервера, — удалите этот файл.)'
        : String(error),
    );
  }
} else if (command === 'help') {
  console.log(HELP);
} else {
  if (existsSync(consoleFilePath(dataDir))) {
    try {
      accessSync(consoleFilePath(dataDir), constants.R_OK);
    } catch {
      fail(
        `Сервер журнала работает, но файл консоли ${consoleFilePath(dataDir)} доступен только ` +
          'пользователю, от имени которого запущен сервер. Выполните команду от его имени.',
      );
    }
  }
  // PGlite is single-process: never open the folder under a running server.
  const holder = databaseUrl ? null : lockHolder(dataDir);
  if (holder) fail(heldMessage(dataDir, holder));
  const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    print(
      await runConsoleCommand(
        {
          db,
          engine: new SyncEngine(db, createDefaultRegistry()),
          lockout: new LoginLockout(db),
          newSetupLink: null,
        },
        request,
      ),
    );
  } finally {
    await db.close();
  }
}
