// The replication's state as the header shows it: connection, changes waiting to be sent, the
// last exchange, errors, the user's refused changes and a clock off from the server's — a plain
// value and pure text helpers.
import { clockBadge, clockWarning } from '../../shared/clock-skew';
import type { Refusal } from '../../shared/sync-wire';

/** A refused change as the server lists it (`id` is a number on the wire). */
export type { Refusal };

export interface SyncStatus {
  /** navigator.onLine and the last request reached the server. */
  connected: boolean;
  browserOnline: boolean;
  /** Local changes not yet accepted by the server. */
  pending: number;
  /** Time (ms) of the last successful pull, push or live event. */
  lastExchangeAt: number | null;
  /** A transient error in Russian (server errors; retried automatically). */
  error: string | null;
  /** Replication stopped: the session ended or the app must be updated. */
  fatal: { kind: 'unauthorized' | 'upgrade'; message: string } | null;
  /** Documents received in this session, all collections. */
  received: number;
  /** A first download's snapshot in progress: documents stored of those announced. */
  firstDownload: { done: number; total: number } | null;
  /** Collections whose first full pull has finished. */
  initialDone: readonly string[];
  /** Refused changes not yet dismissed by the user. */
  refusals: readonly Refusal[];
  /** This computer's clock minus the school server's (ms), once an answer told the time. */
  clockSkewMs: number | null;
  /** Another tab of this browser profile talks to the server; this one shows its status. */
  elsewhere: boolean;
}

export const INITIAL_STATUS: SyncStatus = {
  connected: true,
  browserOnline: true,
  pending: 0,
  lastExchangeAt: null,
  error: null,
  fatal: null,
  received: 0,
  firstDownload: null,
  initialDone: [],
  refusals: [],
  clockSkewMs: null,
  elsewhere: false,
};

/** The indicator's hint while another tab talks to the server for this one. */
export const ELSEWHERE_HINT = 'Синхронизацию с сервером школы ведёт другая вкладка этого журнала';

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "1 изменение", "3 изменения", "5 изменений". */
export function changesWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} изменение`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} изменения`;
  return `${n} изменений`;
}

export type Tone = 'ok' | 'busy' | 'offline' | 'error';

/** The indicator's main line and its tone. */
export function describeStatus(status: SyncStatus): { text: string; tone: Tone } {
  if (status.fatal) return { text: status.fatal.message, tone: 'error' };
  const waiting = status.pending > 0 ? `; не отправлено: ${changesWord(status.pending)}` : '';
  if (!status.browserOnline || !status.connected) {
    return {
      text: `Нет связи с сервером школы${waiting}. Записи сохраняются на компьютере`,
      tone: 'offline',
    };
  }
  if (status.error) return { text: `${status.error}${waiting}`, tone: 'error' };
  // The journal opens before the first download ends (the lessons stream in last): say so.
  if (status.firstDownload && status.firstDownload.total > 0) {
    const { done, total } = status.firstDownload;
    return {
      text: `Получаем журнал с сервера: ${done.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')}${waiting}`,
      tone: 'busy',
    };
  }
  if (status.pending > 0)
    return { text: `Отправляем ${changesWord(status.pending)}…`, tone: 'busy' };
  if (status.lastExchangeAt === null)
    return { text: 'Подключаемся к серверу школы…', tone: 'busy' };
  return { text: `Синхронизировано в ${hhmm(status.lastExchangeAt)}`, tone: 'ok' };
}

/** The clock warning beside the indicator (short, and in full), or null while the clock is right. */
export function clockText(status: SyncStatus): { badge: string; full: string } | null {
  if (status.clockSkewMs === null) return null;
  const badge = clockBadge(status.clockSkewMs);
  const full = clockWarning(status.clockSkewMs);
  return badge && full ? { badge, full } : null;
}

/** The first line of a refusal notice: "Изменение не принято: Период «I четверть» закрыт…". */
export function refusalText(refusal: Refusal): string {
  return `Изменение не принято: ${refusal.reason}`;
}
