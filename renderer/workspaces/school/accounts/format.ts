// Russian text for the «Учётные записи» tab: times, login outcomes, roles, a report's values, and
// the reported moment typed as ДД.ММ.ГГГГ + ЧЧ:ММ (local time).
import { formatDateTime } from '../../../../shared/dates';
import { ROLE_LABELS, type Role } from '../../../../shared/staff';

const OUTCOMES: Record<string, string> = {
  success: 'вход выполнен',
  'wrong-password': 'неверный пароль',
  'unknown-login': 'неизвестный логин',
  'locked-out': 'вход временно заблокирован',
  disabled: 'учётная запись отключена',
  'password-reset-required': 'пароль аннулирован (нужен новый)',
  'password-change-required': 'временный пароль: владелец задаёт свой',
  unlocked: 'задержка входа снята',
};

export function outcomeText(outcome: string): string {
  return OUTCOMES[outcome] ?? outcome;
}

export function isFailure(outcome: string): boolean {
  return outcome !== 'success' && outcome !== 'unlocked';
}

export function rolesText(roles: readonly string[]): string {
  return roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');
}

/** "23.11.2026 10:05" in local time; "—" for null. */
export function dateTime(iso: string | null, seconds = false): string {
  return iso ? formatDateTime(iso, { seconds }) : '—';
}

/** The fields of the moment dialog for a Date: {date: "23.11.2026", time: "10:05"}. */
export function momentFields(d: Date): { date: string; time: string } {
  const [date = '', time = ''] = formatDateTime(d).split(' ');
  return { date, time };
}

/** "23.11.2026" + "10:05" (or "10:05:30") → a local Date; a Russian problem text otherwise. */
export function parseMoment(date: string, time: string): Date | string {
  const dm = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(date);
  if (!dm) return 'Дата — в виде ДД.ММ.ГГГГ, например 23.11.2026';
  const tm = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(time);
  if (!tm) return 'Время — в виде ЧЧ:ММ, например 09:30';
  const [day, month, year] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
  const [hours, minutes, secs] = [Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0)];
  const result = new Date(year, month - 1, day, hours, minutes, secs);
  if (
    result.getDate() !== day ||
    result.getMonth() !== month - 1 ||
    hours > 23 ||
    minutes > 59 ||
    secs > 59
  ) {
    return 'Такой даты или времени нет';
  }
  return result;
}

/** A value from a report, as the journal shows it: a cell "5 4 н", a topic «…», or "пусто". */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'пусто';
  if (typeof value === 'string') return `«${value}»`;
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && 'marks' in value) {
    const entry = value as { marks?: { value?: unknown }[]; attendance?: unknown };
    const parts = (entry.marks ?? []).map((m) => String(m.value));
    if (typeof entry.attendance === 'string' && entry.attendance) parts.push(entry.attendance);
    return parts.length > 0 ? parts.join(' ') : 'пусто';
  }
  if (typeof value === 'object' && 'proposed' in value) {
    const pm = value as { value?: unknown; deferral?: unknown };
    if (pm.value !== null && pm.value !== undefined) return String(pm.value);
    return pm.deferral ? 'отсрочка' : 'пусто';
  }
  return JSON.stringify(value);
}

export function deviceText(device: { id: string | null; name: string | null }): string {
  return device.name ?? device.id ?? '—';
}
