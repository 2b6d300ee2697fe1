// Administration from the server's console (no HTTP needed):
//   npm run admin -- <command> [args] [--data-dir ./data]   (DATABASE_URL for PostgreSQL)
// Commands:
//   accounts                                  list accounts
//   create-account <login> <password> <roles> [--name "…"] [--staff-id ID]   roles: teacher,deputy,…
//   set-password <login> <password>           also ends every session of the account
//   set-password --login <login> [--password P]   without --password a random one is printed
//   mark-compromised --login <login> --since 2026-11-23T10:00:00Z [--by <admin login>]
//       revokes every device, voids the password, undoes every change made with the account since
//       then (changes by others made later stay), prints and stores the report
//   compromise-report [id]                    list the reports, or print one
//   login-attempts [--login <login>] [--limit 100]   the security log of logins
//   disable <login> | enable <login>
//   set-roles <login> <roles>
//   devices [login]                           list devices
//   revoke-device <deviceId>
//   refusals [limit]                          recent refused writes
//   audit <collection> <docId>                a document's history
//   import-roster|import-staff|import-courses --file x.csv|x.xlsx [--dry-run]
//       CSV in UTF-8 or Windows-1251 with ; or , separators, or XLSX; Russian headers, e.g. roster:
//       Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;Родитель ФИО;Телефон;Адрес
//       Every row is checked first; any error → nothing is written.
//   history --collection lessons --id <id> [--path entries.<studentId>]   a cell's history
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createAccount,
  findAccountByLogin,
  listAccounts,
  normalizeLogin,
  setAccountDisabled,
  setAccountRoles,
  setPassword,
} from '../server/auth/accounts';
import { roleSchema, type Role } from '../server/auth/roles';
import { listDevices, revokeDevice } from '../server/auth/sessions';
import { listLoginAttempts } from '../server/auth/login-attempts';
import { markCompromised } from '../server/compromise/mark';
import { formatReport, listReports, readReport } from '../server/compromise/reports';
import { heldMessage, lockHolder } from '../server/db/data-dir-lock';
import { openDb } from '../server/db/open';
import { SyncEngine } from '../server/sync/engine';
import { createDefaultRegistry } from '../server/domain/registry';
import { readHistory } from '../server/domain/history';
import { planCourses, planRoster, planStaff } from '../server/domain/import/importers';
import { applyPlan, readSchoolContext } from '../server/domain/import/school-context';
import { readTableFile } from '../server/domain/import/table-file';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
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
  },
});

function parseRolesArg(text: string | undefined): Role[] {
  const roles = (text ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !roleSchema.safeParse(r).success);
  if (roles.length === 0 || bad.length > 0) {
    throw new Error(
      `Unknown roles: ${bad.join(', ') || '(none)'}; use ${roleSchema.options.join(', ')}`,
    );
  }
  return roles as Role[];
}

const [command, ...args] = positionals;
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(values['data-dir']);
if (!databaseUrl && command && command !== 'help') {
  // PGlite is single-process: never open the folder under a running server.
  const holder = lockHolder(dataDir);
  if (holder) {
    console.error(heldMessage(dataDir, holder));
    process.exit(1);
  }
}
const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir });

try {
  switch (command) {
    case 'accounts':
      console.table(await listAccounts(db));
      break;
    case 'create-account': {
      const [login, password, roles] = args;
      if (!login || !password) throw new Error('create-account <login> <password> <roles>');
      if (await findAccountByLogin(db, login)) throw new Error(`Account ${login} already exists`);
      const account = await createAccount(db, {
        login,
        password,
        roles: parseRolesArg(roles),
        displayName: values.name,
        staffId: values['staff-id'] ?? null,
      });
      console.log('Created', account);
      break;
    }
    case 'set-password': {
      const login = values.login ?? args[0];
      if (!login) throw new Error('set-password --login <login> [--password <password>]');
      const given = values.password ?? args[1];
      const password = given ?? randomBytes(9).toString('base64url');
      if (!(await setPassword(db, login, password))) throw new Error('No such account');
      console.log(
        given
          ? 'Пароль изменён; все сеансы учётной записи завершены.'
          : `Новый пароль для «${login}»: ${password}\nПередайте его владельцу лично; все прежние сеансы завершены.`,
      );
      break;
    }
    case 'mark-compromised': {
      if (!values.login || !values.since) {
        throw new Error(
          'mark-compromised --login <login> --since 2026-11-23T10:00:00Z [--by admin]',
        );
      }
      const since = new Date(values.since);
      if (Number.isNaN(since.getTime())) throw new Error(`Неверный момент: ${values.since}`);
      const by = values.by ? await findAccountByLogin(db, values.by) : null;
      if (values.by && !by) throw new Error(`No account ${values.by}`);
      const report = await markCompromised(new SyncEngine(db, createDefaultRegistry()), {
        login: values.login,
        since,
        by: by
          ? {
              accountId: by.id,
              deviceId: null,
              login: by.login,
              staffId: by.staffId,
              name: by.displayName,
            }
          : {
              accountId: null,
              deviceId: null,
              login: 'console',
              staffId: null,
              name: 'Консоль сервера',
            },
      });
      console.log(formatReport(report));
      break;
    }
    case 'compromise-report': {
      const [id] = args;
      if (!id) {
        console.table(await listReports(db));
        break;
      }
      const report = await readReport(db, Number(id));
      if (!report) throw new Error(`Отчёт ${id} не найден`);
      console.log(formatReport(report));
      break;
    }
    case 'login-attempts': {
      const attempts = await listLoginAttempts(db, {
        ...(values.login ? { login: normalizeLogin(values.login) } : {}),
        limit: Number(values.limit ?? 100),
      });
      console.table(attempts);
      break;
    }
    case 'disable':
    case 'enable': {
      const [login] = args;
      if (!login) throw new Error(`${command} <login>`);
      const ok = await setAccountDisabled(db, login, command === 'disable');
      console.log(ok ? `${login}: ${command}d` : 'No such account');
      break;
    }
    case 'set-roles': {
      const [login, roles] = args;
      if (!login) throw new Error('set-roles <login> <roles>');
      console.log(
        (await setAccountRoles(db, login, parseRolesArg(roles))) ? 'Roles set' : 'No such account',
      );
      break;
    }
    case 'devices': {
      const [login] = args;
      const account = login ? await findAccountByLogin(db, login) : null;
      if (login && !account) throw new Error(`No account ${login}`);
      console.table(await listDevices(db, account?.id));
      break;
    }
    case 'revoke-device': {
      const [id] = args;
      if (!id) throw new Error('revoke-device <deviceId>');
      console.log((await revokeDevice(db, id)) ? 'Device revoked' : 'No such live device');
      break;
    }
    case 'refusals': {
      const limit = Number(args[0] ?? 50);
      const result = await db.query(
        `SELECT r.at, r.collection, r.doc_id, a.login, r.device_id, r.reason
         FROM refusals r LEFT JOIN accounts a ON a.id = r.account_id ORDER BY r.id DESC LIMIT $1`,
        [limit],
      );
      console.table(result.rows);
      break;
    }
    case 'audit': {
      const [collection, docId] = args;
      if (!collection || !docId) throw new Error('audit <collection> <docId>');
      const result = await db.query(
        `SELECT l.seq, l.at, a.login, l.device_id, l.before, l.after
         FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
         WHERE l.collection = $1 AND l.doc_id = $2 ORDER BY l.seq`,
        [collection, docId],
      );
      for (const row of result.rows) console.log(JSON.stringify(row));
      break;
    }
    case 'import-roster':
    case 'import-staff':
    case 'import-courses': {
      if (!values.file) throw new Error(`${command} --file x.csv|x.xlsx [--dry-run]`);
      const rows = await readTableFile(path.resolve(values.file));
      const ctx = await readSchoolContext(db);
      const plan =
        command === 'import-roster'
          ? planRoster(rows, ctx)
          : command === 'import-staff'
            ? planStaff(rows, ctx)
            : planCourses(rows, ctx);
      if (plan.errors.length > 0) {
        for (const error of plan.errors) console.error(error);
        console.error(
          `Ошибок: ${plan.errors.length}. Ничего не загружено: исправьте файл и повторите.`,
        );
        process.exitCode = 1;
        break;
      }
      const engine = new SyncEngine(db, createDefaultRegistry());
      const written = await applyPlan(engine, plan, values['dry-run']);
      console.log(
        values['dry-run']
          ? `Проверка пройдена: ${plan.docs.length} строк готовы к загрузке (--dry-run: ничего не записано).`
          : `Загружено: ${written} (${plan.collection}).`,
      );
      break;
    }
    case 'history': {
      if (!values.collection || !values.id) {
        throw new Error('history --collection lessons --id <id> [--path entries.<studentId>]');
      }
      const entries = await readHistory(db, values.collection, values.id, values.path);
      for (const e of entries) {
        console.log(
          [
            e.at ?? '',
            e.kind,
            e.who.name ?? e.who.login ?? '(загрузка)',
            e.device.name ?? '',
            e.stamp ? JSON.stringify(e.stamp) : '',
            `${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`,
            e.superseded.length > 0 ? `вытеснено: ${JSON.stringify(e.superseded)}` : '',
          ]
            .filter(Boolean)
            .join('  '),
        );
      }
      if (entries.length === 0) console.log('Нет записей');
      break;
    }
    default:
      console.log(
        'Commands: accounts, create-account, set-password, mark-compromised, compromise-report, login-attempts, disable, enable, set-roles, devices, revoke-device, refusals, audit, import-roster, import-staff, import-courses, history',
      );
      process.exitCode = command && command !== 'help' ? 1 : 0;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
