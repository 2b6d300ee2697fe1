// The school's set-up documents (school card, periods, classes, staff, courses, timetables) cached in memory for the set-up checks of pushes; refreshed by seq like the rights index.
import type { Queryable } from '../../db/db';
import { toNumber } from '../../db/db';
import type { DocState } from '../../sync/collections';
import type { Course } from '../../../shared/course';
import type { Period } from '../../../shared/period';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { Timetable } from '../../../shared/timetable';
import type { SetupContext } from '../../../shared/setup/context';

export const SETUP_COLLECTIONS = [
  'school',
  'periods',
  'classes',
  'staff',
  'courses',
  'timetables',
] as const;
type SetupCollection = (typeof SETUP_COLLECTIONS)[number];

export class SetupIndex {
  private readonly docs: Record<SetupCollection, Map<string, unknown>> = {
    school: new Map(),
    periods: new Map(),
    classes: new Map(),
    staff: new Map(),
    courses: new Map(),
    timetables: new Map(),
  };
  private seenSeq = 0;

  async refresh(db: Queryable): Promise<void> {
    const result = await db.query(
      `SELECT collection, id, seq, deleted, doc FROM documents
       WHERE collection = ANY($1::text[]) AND seq > $2 ORDER BY seq`,
      [[...SETUP_COLLECTIONS], this.seenSeq],
    );
    for (const row of result.rows) {
      this.apply(String(row.collection), String(row.id), row.deleted === true, row.doc);
      this.seenSeq = Math.max(this.seenSeq, toNumber(row.seq));
    }
  }

  ingest(collection: string, written: readonly { state: DocState }[]): void {
    for (const { state } of written)
      this.apply(collection, String(state.id), state._deleted, state);
  }

  private apply(collection: string, id: string, deleted: boolean, doc: unknown): void {
    const map = (this.docs as Record<string, Map<string, unknown>>)[collection];
    if (!map) return;
    if (deleted) map.delete(id);
    else {
      const { _deleted: _ignored, ...rest } = doc as Record<string, unknown>;
      map.set(id, rest);
    }
  }

  context(): SetupContext {
    const list = <T>(c: SetupCollection) => [...this.docs[c].values()] as T[];
    return {
      school: (list<School>('school')[0] as School | undefined) ?? null,
      periods: list<Period>('periods'),
      classes: list<SchoolClass>('classes'),
      staff: list<StaffMember>('staff'),
      courses: list<Course>('courses'),
      timetables: list<Timetable>('timetables'),
    };
  }
}
