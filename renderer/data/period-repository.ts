// Domain verbs for reporting periods: the deputy closes and reopens a period. Each act writes the
// stamped `closed` part (who and when), checked with the zod schema before it is stored.
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
  /** Wall-clock time of the act (ms since epoch). */
  atMs: number;
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
  if (!stamp) return null;
  const created = period.stamps.name;
  const atCreation = created !== undefined && created.at === stamp.at && created.by === stamp.by;
  if (atCreation && !period.closed) return null;
  let atMs: number;
  try {
    atMs = decodeHlc(stamp.at).wallMs;
  } catch {
    return null;
  }
  return {
    periodId: period.id,
    periodName: period.name,
    closed: period.closed,
    atMs,
    by: stamp.by,
    atCreation,
  };
}

export function createPeriodRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
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
        const written = await doc.incrementalModify((current) =>
          PeriodSchema.parse(
            setPart(current as Period, 'closed', closed, signer.stamp()),
          ),
        );
        return written.toJSON() as Period;
      });
    },
  };
}
