// Domain verbs for reporting periods: the deputy closes and reopens a period. Each act writes the
// stamped `closed` part (who and when) and its wall time (`closedAt`), checked with the zod schema
// before it is stored.
import { format } from 'date-fns';
import { formatDate, formatDateTime } from '../../shared/dates';
import { decodeHlc, type Clock } from '../../shared/hlc';
import { setPart } from '../../shared/merge';
import { PeriodSchema, type Period } from '../../shared/period';
import type { StaffMember } from '../../shared/staff';
import { SerialQueue } from '../../shared/serial-queue';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

export interface PeriodRepository {
  setClosed(periodId: string, closed: boolean): Promise<Period>;
}

/** The last close or reopen act of a period, read from its `closed` stamp. */
export interface PeriodAct {
  periodId: string;
  periodName: string;
  closed: boolean;
  /** Order of the acts: the `closed` stamp's time (ms since epoch; 0 when unreadable). */
  atMs: number;
  /** «01.12.2026 10:45»: the act's wall time as recorded (closedAt), else from the stamp; null = unknown. */
  when: string | null;
  by: string;
  /** The period was created closed (a calendar set up or imported after the period ended). */
  atCreation: boolean;
}

/**
 * Null when the period was never closed or reopened: a `closed` stamp equal to the `name` stamp was
 * written when the period was created (the school's calendar set-up), which is not an act — unless
 * the period was created closed, which the log must still show (`atCreation`).
 */
export function lastPeriodAct(period: Period): PeriodAct | null {
  const stamp = period.stamps.closed;
  // A closed period is always in the log, even with no readable act (never «не закрывались»).
  if (!stamp) return period.closed ? unknownAct(period) : null;
  const created = period.stamps.name;
  const atCreation = created !== undefined && created.at === stamp.at && created.by === stamp.by;
  if (atCreation && !period.closed) return null;
  let atMs = 0;
  try {
    atMs = decodeHlc(stamp.at).wallMs;
  } catch {
    if (!period.closed) return null;
  }
  const when = period.closedAt
    ? formatWallTime(period.closedAt)
    : atMs > 0 && !atCreation
      ? formatDateTime(atMs)
      : null;
  return {
    periodId: period.id,
    periodName: period.name,
    closed: period.closed,
    atMs,
    when,
    by: stamp.by,
    atCreation,
  };
}

function unknownAct(period: Period): PeriodAct {
  return {
    periodId: period.id,
    periodName: period.name,
    closed: true,
    atMs: 0,
    when: null,
    by: '',
    atCreation: true,
  };
}

/** "2026-12-01T10:45:12" → «01.12.2026 10:45» (a wall time: no time-zone conversion). */
export function formatWallTime(wall: string): string {
  const [date = '', time = ''] = wall.split('T');
  return `${formatDate(date)} ${time.slice(0, 5)}`;
}

/** The computer's wall time now, as closedAt stores it. */
export function wallTimeNow(now: Date = new Date()): string {
  return format(now, "yyyy-MM-dd'T'HH:mm:ss");
}

export function createPeriodRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
  /** The computer's clock for the act's wall time (tests pass a fixed one). */
  wallNow: () => Date = () => new Date(),
): PeriodRepository {
  const queue = new SerialQueue();
  const signer = createSigner(clock, author);
  return {
    setClosed(periodId, closed) {
      return queue.run(periodId, async () => {
        const by = signer.by();
        const staff = (await db.staff.findOne(by).exec())?.toJSON() as StaffMember | undefined;
        if (!staff?.roles.includes('deputy')) {
          throw new WriteError(
            'Закрывать и открывать периоды может только заместитель директора.',
          );
        }
        const doc = await db.periods.findOne(periodId).exec();
        if (!doc) throw new WriteError('Период не найден в журнале.');
        const stamp = signer.stamp();
        const written = await doc.incrementalModify((current) =>
          PeriodSchema.parse(
            setPart(
              setPart(current as Period, 'closed', closed, stamp),
              'closedAt',
              wallTimeNow(wallNow()),
              stamp,
            ),
          ),
        );
        return written.toJSON() as Period;
      });
    },
  };
}
