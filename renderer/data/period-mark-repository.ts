// Domain verbs for period marks (one document per course × period): every student's entry is its own
// stamped part "marks.<studentId>", checked with the zod schema, refused while the period is closed.
import { closedPeriodMessage } from '../../shared/closed-period';
import { closedYearRefusal } from '../../shared/closed-year';
import type { School } from '../../shared/school';
import type { Clock } from '../../shared/hlc';
import type { Course } from '../../shared/course';
import { setPart } from '../../shared/merge';
import type { Period } from '../../shared/period';
import {
  PeriodMarkEntrySchema,
  PeriodMarksSchema,
  periodMarksId,
  type PeriodMarkEntry,
  type PeriodMarks,
} from '../../shared/period-mark';
import { SerialQueue } from '../../shared/serial-queue';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

/** The course and the period a document belongs to. */
export interface PeriodMarksTarget {
  course: Pick<Course, 'id' | 'classId'>;
  periodId: string;
}

/** `null` removes the student's entry (the stamp stays, so the removal wins a merge). */
export type EntryWrites = Readonly<Record<string, PeriodMarkEntry | null>>;

export interface PeriodMarkRepository {
  setEntry(
    target: PeriodMarksTarget,
    studentId: string,
    entry: PeriodMarkEntry | null,
  ): Promise<PeriodMarks>;
  /** Several students at once ("accept all proposals"): one write, one stamp per student. */
  setEntries(target: PeriodMarksTarget, entries: EntryWrites): Promise<PeriodMarks>;
}

export function createPeriodMarkRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): PeriodMarkRepository {
  const queue = new SerialQueue();

  const { stamp } = createSigner(clock, author);

  const checkOpen = async (periodId: string): Promise<void> => {
    const period = (await db.periods.findOne(periodId).exec())?.toJSON() as Period | undefined;
    if (!period) throw new WriteError('Период не найден в журнале.');
    if (period.closed) throw new WriteError(closedPeriodMessage(period.name));
    const school = (await db.school.findOne().exec())?.toJSON() as School | undefined;
    const closed = closedYearRefusal(school, period.yearId);
    if (closed) throw new WriteError(closed);
  };

  const apply = (doc: PeriodMarks, entries: EntryWrites): PeriodMarks => {
    let next = doc;
    for (const [studentId, entry] of Object.entries(entries)) {
      const value = entry === null ? undefined : PeriodMarkEntrySchema.parse(entry);
      next = setPart(next, `marks.${studentId}`, value, stamp());
    }
    return PeriodMarksSchema.parse(next);
  };

  const setEntries = (target: PeriodMarksTarget, entries: EntryWrites): Promise<PeriodMarks> => {
    const id = periodMarksId(target.course.id, target.periodId);
    return queue.run(id, async () => {
      await checkOpen(target.periodId);
      const existing = await db.periodMarks.findOne(id).exec();
      if (!existing) {
        const fresh: PeriodMarks = {
          id,
          stamps: {},
          courseId: target.course.id,
          periodId: target.periodId,
          classId: target.course.classId,
          marks: {},
        };
        const doc = await db.periodMarks.insert(apply(fresh, entries));
        return doc.toJSON() as PeriodMarks;
      }
      const written = await existing.incrementalModify((current) =>
        apply(current as PeriodMarks, entries),
      );
      return written.toJSON() as PeriodMarks;
    });
  };

  return {
    setEntry: (target, studentId, entry) => setEntries(target, { [studentId]: entry }),
    setEntries,
  };
}
