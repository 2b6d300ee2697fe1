// The clock rule of the journal (docs/SYNC.md, "Stamps from the future"): the school server refuses
// a change stamped more than a few minutes ahead of its own time, and the desktop warns when its
// clock is off. One home for the window and the Russian words both ends show.
import { decodeHlc } from './hlc';

/** Every /api answer of the server carries its time (ms since the epoch) in this header. */
export const SERVER_TIME_HEADER = 'x-server-time';

/** A stamp more than this far ahead of the server's time is refused. */
export const MAX_STAMP_AHEAD_MS = 5 * 60_000;
/** The desktop warns from this lead on (before its changes start being refused). */
export const CLOCK_WARNING_MS = 2 * 60_000;
/** A clock behind is refused nothing (the HLC moves past what it has seen); it misdates days. */
export const CLOCK_BEHIND_WARNING_MS = 60 * 60_000;

/** How far the stamp's wall time is ahead of `nowMs` (negative: behind). */
export function stampAheadMs(at: string, nowMs: number): number {
  return decodeHlc(at).wallMs - nowMs;
}

/** "40 с", "7 мин", "3 ч 12 мин", "365 дн." — a rough size of a clock difference. */
export function durationText(ms: number): string {
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  if (abs < 60_000) return `${Math.max(1, Math.round(abs / 1000))} с`;
  if (minutes < 60) return `${minutes} мин`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} ч` : `${hours} ч ${rest} мин`;
  }
  return `${Math.round(hours / 24)} дн.`;
}

/** The server's refusal of a change signed with a clock that is ahead. */
export function clockAheadRefusal(aheadMs: number): string {
  return (
    `Часы компьютера, на котором сделано изменение, спешат на ${durationText(aheadMs)}: ` +
    'изменение не принято. Исправьте дату и время на компьютере и внесите изменение снова'
  );
}

/** The short form shown in the header: «Часы спешат на 40 мин: исправьте время». */
export function clockBadge(skewMs: number): string | null {
  if (skewMs > CLOCK_WARNING_MS) return `Часы спешат на ${durationText(skewMs)}: исправьте время`;
  if (skewMs < -CLOCK_BEHIND_WARNING_MS) {
    return `Часы отстают на ${durationText(skewMs)}: исправьте время`;
  }
  return null;
}

/**
 * The desktop's warning for a clock `skewMs` ahead of the server's (negative: behind), or null
 * when the difference is small.
 */
export function clockWarning(skewMs: number): string | null {
  if (skewMs > CLOCK_WARNING_MS) {
    return (
      `Часы компьютера спешат на ${durationText(skewMs)} относительно сервера школы. ` +
      'Исправьте дату и время: изменения с неверным временем сервер не примет'
    );
  }
  if (skewMs < -CLOCK_BEHIND_WARNING_MS) {
    return (
      `Часы компьютера отстают на ${durationText(skewMs)} от сервера школы. ` +
      'Исправьте дату и время: иначе «сегодня» в журнале окажется не тем днём'
    );
  }
  return null;
}
