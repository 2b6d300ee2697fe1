// The console's tables with Russian column names and dates as ДД.ММ.ГГГГ ЧЧ:ММ (server time).
import { format } from 'date-fns';
import type { Account } from '../auth/accounts';
import type { LoginAttempt, LoginOutcome } from '../auth/login-attempts';
import type { RefusalEntry } from '../sync/refusals';
import type { Device } from '../../shared/compromise-report';

export function consoleTime(iso: string | null | undefined): string {
  return iso ? format(new Date(iso), 'dd.MM.yyyy HH:mm') : '';
}

const yes = (flag: boolean) => (flag ? 'да' : '');

export function accountTable(accounts: Account[]) {
  return accounts.map((a) => ({
    Логин: a.login,
    Имя: a.displayName,
    Роли: a.roles.join(', '),
    Сотрудник: a.staffId ?? '',
    Отключена: yes(a.disabled),
    Создана: consoleTime(a.createdAt),
    Скомпрометирована: consoleTime(a.compromisedAt),
    'Нужен новый пароль': yes(a.passwordResetRequired),
  }));
}

export function deviceTable(devices: Device[]) {
  return devices.map((d) => ({
    Логин: d.login ?? '',
    Устройство: d.name,
    id: d.id,
    Зарегистрировано: consoleTime(d.createdAt),
    'Последний вход': consoleTime(d.lastSeenAt),
    Адрес: d.lastIp ?? '',
    Отключено: consoleTime(d.revokedAt),
  }));
}

const OUTCOMES: Record<LoginOutcome, string> = {
  success: 'вход',
  'wrong-password': 'неверный пароль',
  'unknown-login': 'нет такого логина',
  'locked-out': 'задержка после ошибок',
  disabled: 'учётная запись отключена',
  'password-reset-required': 'пароль аннулирован',
  'password-change-required': 'временный пароль, нужен свой',
  unlocked: 'задержка снята',
};

export function loginAttemptTable(attempts: LoginAttempt[]) {
  return attempts.map((a) => ({
    Время: consoleTime(a.at),
    Логин: a.login,
    Адрес: a.ip ?? '',
    Итог: OUTCOMES[a.outcome] ?? a.outcome,
  }));
}

export function refusalTable(refusals: RefusalEntry[]) {
  return refusals.map((r) => ({
    Время: consoleTime(r.at),
    Раздел: r.collection,
    Документ: r.docId ?? '',
    Логин: r.login ?? '',
    Устройство: r.device ?? '',
    Причина: r.reason,
  }));
}

export function reportTable(
  reports: {
    id: number;
    login: string;
    since: string | null;
    createdAt: string | null;
    by: string;
  }[],
) {
  return reports.map((r) => ({
    Номер: r.id,
    Логин: r.login,
    'С момента': consoleTime(r.since),
    Составлен: consoleTime(r.createdAt),
    Кем: r.by,
  }));
}
