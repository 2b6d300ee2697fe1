// Domain verbs for the timetable: the deputy saves a class's version valid from a date (a new one, or
// the same date's version replaced). Every part but the identity (year, class, "valid from") is
// stamped; the version is checked like the server checks it and refused in Russian before it is
// stored. The server regenerates the lessons when the push arrives (docs/SYNC.md).
import type { Clock } from '../../shared/hlc';
import { setPart } from '../../shared/merge';
import { formatProblems } from '../../shared/setup/problems';
import { replaced, type SetupContext } from '../../shared/setup/context';
import { checkTimetableDocument, conflictsOfChange } from '../../shared/setup/timetable-checks';
import type { StaffMember } from '../../shared/staff';
import { TimetableSchema, type Timetable } from '../../shared/timetable';
import { SerialQueue } from '../../shared/serial-queue';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

export interface TimetableRepository {
  /** Stores `version` (stamps ignored), checked against `ctx`; returns the stored document. */
  saveVersion(version: Timetable, ctx: SetupContext): Promise<Timetable>;
}

/** The parts a version's author signs: everything but the id, the stamps and the identity. */
const VERSION_PARTS = ['name', 'source', 'draft', 'cells'] as const;

export function createTimetableRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): TimetableRepository {
  const queue = new SerialQueue();
  const signer = createSigner(clock, author);
  return {
    saveVersion(version, ctx) {
      return queue.run(version.id, async () => {
        const by = signer.by();
        const me = (await db.staff.findOne(by).exec())?.toJSON() as StaffMember | undefined;
        if (!me?.roles.some((r) => r === 'deputy' || r === 'admin')) {
          throw new WriteError(
            'Изменять расписание могут заместитель директора и администратор.',
          );
        }
        const own = checkTimetableDocument(version, ctx);
        const problems =
          own.length > 0
            ? own.map((p) => ({ path: '', message: p.message }))
            : conflictsOfChange(ctx.timetables, replaced(ctx.timetables, version, version.id), ctx).map(
                (c) => ({ path: '', message: c.message }),
              );
        if (problems.length > 0) {
          throw new WriteError(`Расписание не сохранено: ${formatProblems(problems)}`);
        }
        const stored = await db.timetables.findOne(version.id).exec();
        if (!stored) {
          const at = signer.stamp();
          const doc = TimetableSchema.parse({
            ...version,
            stamps: Object.fromEntries(VERSION_PARTS.map((p) => [p, at])),
          });
          return (await db.timetables.insert(doc)).toJSON() as Timetable;
        }
        const written = await stored.incrementalModify((current) => {
          let next = current as Timetable;
          for (const part of VERSION_PARTS) {
            if (JSON.stringify(next[part]) !== JSON.stringify(version[part]))
              next = setPart(next, part, version[part], signer.stamp());
          }
          return TimetableSchema.parse(next);
        });
        return written.toJSON() as Timetable;
      });
    },
  };
}
