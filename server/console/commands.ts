// The admin console's commands (`npm run admin -- <command>`), run by the CLI on the database
// directly when no server holds it, or inside the running server (POST /api/v1/console) when one
// does. Every command only calls the server's own functions; every message is Russian.
import { randomBytes } from 'node:crypto';
import {
  createAccount,
  findAccountByLogin,
  listAccounts,
  normalizeLogin,
  setAccountDisabled,
  setAccountRoles,
  setPassword,
} from '../auth/accounts';
import type { LoginLockout } from '../auth/lockout';
import { listLoginAttempts } from '../auth/login-attempts';
import { roleSchema, type Role } from '../auth/roles';
import { listDevices, revokeDevice } from '../auth/sessions';
import { unlockLogin } from '../auth/unlock';
import { markCompromised } from '../compromise/mark';
import { formatReport, listReports, readReport } from '../compromise/reports';
import type { Db } from '../db/db';
import { readHistory } from '../domain/history';
import { listRefusals } from '../sync/refusals';
import type { SyncEngine } from '../sync/engine';
import { runImport } from './import-command';
import type { ConsoleLine, ConsoleRequest, ConsoleResult } from './protocol';
import { accountTable, deviceTable, loginAttemptTable, refusalTable, reportTable } from './tables';

export interface ConsoleContext {
  db: Db;
  engine: SyncEngine;
  /** The wrong-password counters (in the database, shared with every server process). */
  lockout: LoginLockout;
  /** Issues a new set-up link (running server only, and only while there are no accounts). */
  newSetupLink: (() => Promise<string | null>) | null;
}

/** A refusal of the command itself: printed as is, exit code 1. */
export class ConsoleError extends Error {
  override name = 'ConsoleError';
}

export const HELP = `Команды (npm run admin -- <команда> [параметры] [--data-dir ./data]):
  accounts                                   учётные записи
  create-account <логин> <пароль> <роли> [--name "…"] [--staff-id ID]
                                             роли через запятую: teacher, classTeacher, deputy, admin
  set-password --login <логин> [--password P]  без --password печатается случайный пароль;
                                             все сеансы учётной записи завершаются
  disable <логин> | enable <логин>           отключить / включить учётную запись
  set-roles <логин> <роли>
  unlock <логин>                             снять задержку входа после неверных паролей
                                             (только при запущенном сервере)
  devices [логин]                            устройства
  revoke-device <id устройства>
  login-attempts [--login <логин>] [--limit 100]   журнал входов
  mark-compromised --login <логин> --since 2026-11-23T10:00:00Z [--by <логин администратора>]
                                             отозвать устройства, аннулировать пароль, отменить
                                             изменения с этой учётной записью начиная с момента
  compromise-report [номер]                  отчёты о компрометации
  refusals [сколько]                         последние отклонённые изменения
  history <раздел> <id> [--path entries.<id ученика>]   история документа или его части
  import-roster | import-staff | import-courses --file x.csv|x.xlsx [--dry-run]
                                             CSV (UTF-8, Windows-1251, KOI8-R, UTF-16) или XLSX;
                                             сначала проверяются все строки, при ошибке не
                                             загружается ничего
  setup-link                                 новая ссылка для создания первого администратора
                                             (только при запущенном сервере без учётных записей)
Пока сервер работает, команды выполняет он сам (см. docs/OPERATIONS.md).`;

function parseRolesArg(text: string | undefined): Role[] {
  const roles = (text ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !roleSchema.safeParse(r).success);
  if (roles.length === 0 || bad.length > 0) {
    throw new ConsoleError(
      `Неизвестные роли: ${bad.join(', ') || '(не указаны)'}; допустимы ${roleSchema.options.join(', ')}`,
    );
  }
  return roles as Role[];
}

function option(request: ConsoleRequest, name: string): string | undefined {
  const value = request.options[name];
  return typeof value === 'string' ? value : undefined;
}

function positiveInt(text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ConsoleError(`Ожидается целое число от 1 до ${max}, а не «${text}»`);
  }
  return n;
}

/** Runs one command; never throws (errors become lines on err and exit code 1). */
export async function runConsoleCommand(
  ctx: ConsoleContext,
  request: ConsoleRequest,
): Promise<ConsoleResult> {
  const lines: ConsoleLine[] = [];
  const out = (text: string) => lines.push({ stream: 'out', text });
  const err = (text: string) => lines.push({ stream: 'err', text });
  const table = (rows: object[]) =>
    lines.push({ stream: 'out', table: rows as Record<string, unknown>[] });
  try {
    const exitCode = await run(ctx, request, { out, err, table });
    return { lines, exitCode };
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return { lines, exitCode: 1 };
  }
}

interface Output {
  out(text: string): void;
  err(text: string): void;
  table(rows: object[]): void;
}

async function run(ctx: ConsoleContext, request: ConsoleRequest, o: Output): Promise<number> {
  const { db } = ctx;
  const [a0, a1] = request.args;
  switch (request.command) {
    case 'accounts': {
      const accounts = await listAccounts(db);
      if (accounts.length === 0) o.out('Учётных записей нет.');
      else o.table(accountTable(accounts));
      return 0;
    }
    case 'create-account': {
      const [login, password, roles] = request.args;
      if (!login || !password) {
        throw new ConsoleError('Укажите: create-account <логин> <пароль> <роли>');
      }
      if (await findAccountByLogin(db, login)) {
        throw new ConsoleError(`Учётная запись «${normalizeLogin(login)}» уже существует`);
      }
      const account = await createAccount(db, {
        login,
        password,
        roles: parseRolesArg(roles),
        displayName: option(request, 'name'),
        staffId: option(request, 'staff-id') ?? null,
      });
      o.out(`Учётная запись создана: ${account.login} (роли: ${account.roles.join(', ')})`);
      return 0;
    }
    case 'set-password': {
      const login = option(request, 'login') ?? a0;
      if (!login) throw new ConsoleError('Укажите: set-password --login <логин> [--password P]');
      const given = option(request, 'password') ?? a1;
      const password = given ?? randomBytes(9).toString('base64url');
      if (!(await setPassword(db, login, password))) {
        throw new ConsoleError(`Учётной записи «${login}» нет`);
      }
      o.out(
        given
          ? 'Пароль изменён; все сеансы учётной записи завершены.'
          : `Новый пароль для «${login}»: ${password}\nПередайте его владельцу лично; все прежние сеансы завершены.`,
      );
      return 0;
    }
    case 'mark-compromised':
      return markCompromisedCommand(ctx, request, o);
    case 'compromise-report': {
      if (!a0) {
        const reports = await listReports(db);
        if (reports.length === 0) o.out('Отчётов о компрометации нет.');
        else o.table(reportTable(reports));
        return 0;
      }
      const report = await readReport(db, positiveInt(a0, 1, Number.MAX_SAFE_INTEGER));
      if (!report) throw new ConsoleError(`Отчёт ${a0} не найден`);
      o.out(formatReport(report));
      return 0;
    }
    case 'login-attempts': {
      const login = option(request, 'login');
      const attempts = await listLoginAttempts(db, {
        ...(login ? { login: normalizeLogin(login) } : {}),
        limit: positiveInt(option(request, 'limit'), 100, 10_000),
      });
      if (attempts.length === 0) o.out('Попыток входа нет.');
      else o.table(loginAttemptTable(attempts));
      return 0;
    }
    case 'disable':
    case 'enable': {
      if (!a0) throw new ConsoleError(`Укажите: ${request.command} <логин>`);
      const disabled = request.command === 'disable';
      if (!(await setAccountDisabled(db, a0, disabled))) {
        throw new ConsoleError(`Учётной записи «${a0}» нет`);
      }
      o.out(
        disabled
          ? `Учётная запись «${a0}» отключена; её сеансы завершены.`
          : `Учётная запись «${a0}» включена.`,
      );
      return 0;
    }
    case 'set-roles': {
      if (!a0) throw new ConsoleError('Укажите: set-roles <логин> <роли>');
      if (!(await setAccountRoles(db, a0, parseRolesArg(a1)))) {
        throw new ConsoleError(`Учётной записи «${a0}» нет`);
      }
      o.out(`Роли «${a0}»: ${parseRolesArg(a1).join(', ')}`);
      return 0;
    }
    case 'unlock': {
      if (!a0) throw new ConsoleError('Укажите: unlock <логин>');
      const account = await findAccountByLogin(db, a0);
      if (!account) throw new ConsoleError(`Учётной записи «${a0}» нет`);
      const cleared = await unlockLogin(
        db,
        ctx.lockout,
        { key: normalizeLogin(a0), accountId: account.id },
        { login: 'консоль сервера', ip: null },
      );
      o.out(
        cleared > 0
          ? `Задержка входа для «${normalizeLogin(a0)}» снята.`
          : `Для «${normalizeLogin(a0)}» задержки входа не было.`,
      );
      return 0;
    }
    case 'devices': {
      const account = a0 ? await findAccountByLogin(db, a0) : null;
      if (a0 && !account) throw new ConsoleError(`Учётной записи «${a0}» нет`);
      const devices = await listDevices(db, account?.id);
      if (devices.length === 0) o.out('Устройств нет.');
      else o.table(deviceTable(devices));
      return 0;
    }
    case 'revoke-device': {
      if (!a0) throw new ConsoleError('Укажите: revoke-device <id устройства>');
      o.out(
        (await revokeDevice(db, a0))
          ? 'Устройство отключено; его сеансы завершены.'
          : 'Такого действующего устройства нет.',
      );
      return 0;
    }
    case 'refusals': {
      const refusals = await listRefusals(db, { limit: positiveInt(a0, 50, 10_000) });
      if (refusals.length === 0) o.out('Отклонённых изменений нет.');
      else o.table(refusalTable(refusals));
      return 0;
    }
    case 'history':
    case 'audit':
      return historyCommand(ctx, request, o);
    case 'import-roster':
    case 'import-staff':
    case 'import-courses':
      return runImport(db, ctx.engine, request, o);
    case 'setup-link': {
      if (!ctx.newSetupLink) {
        throw new ConsoleError(
          'Ссылку для настройки выдаёт работающий сервер: запустите его (npm run server) ' +
            'или создайте администратора командой create-account.',
        );
      }
      const link = await ctx.newSetupLink();
      if (!link) throw new ConsoleError('Учётные записи уже есть: ссылка для настройки не нужна.');
      o.out(`Ссылка для создания первого администратора (действует до использования):\n${link}`);
      return 0;
    }
    case 'help':
    case undefined:
    case '':
      o.out(HELP);
      return 0;
    default:
      o.err(`Неизвестная команда «${request.command}».`);
      o.err(HELP);
      return 1;
  }
}

async function markCompromisedCommand(
  ctx: ConsoleContext,
  request: ConsoleRequest,
  o: Output,
): Promise<number> {
  const login = option(request, 'login');
  const sinceText = option(request, 'since');
  if (!login || !sinceText) {
    throw new ConsoleError(
      'Укажите: mark-compromised --login <логин> --since 2026-11-23T10:00:00Z [--by <логин>]',
    );
  }
  const since = new Date(sinceText);
  if (Number.isNaN(since.getTime())) {
    throw new ConsoleError(`Неверный момент: «${sinceText}» (пример: 2026-11-23T10:00:00Z)`);
  }
  const byLogin = option(request, 'by');
  const by = byLogin ? await findAccountByLogin(ctx.db, byLogin) : null;
  if (byLogin && !by) throw new ConsoleError(`Учётной записи «${byLogin}» нет`);
  const report = await markCompromised(ctx.engine, {
    login,
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
  o.out(formatReport(report));
  return 0;
}

async function historyCommand(
  ctx: ConsoleContext,
  request: ConsoleRequest,
  o: Output,
): Promise<number> {
  const collection = option(request, 'collection') ?? request.args[0];
  const id = option(request, 'id') ?? request.args[1];
  if (!collection || !id) {
    throw new ConsoleError(
      'Укажите: history <раздел> <id> [--path entries.<id ученика>] ' +
        '(или --collection lessons --id <id>)',
    );
  }
  const entries = await readHistory(ctx.db, collection, id, option(request, 'path'));
  for (const e of entries) {
    o.out(
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
  if (entries.length === 0) o.out('Записей нет.');
  return 0;
}
