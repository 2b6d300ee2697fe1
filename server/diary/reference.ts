// The school-wide documents every diary page needs and no family may change: the school card,
// periods, classes, courses and staff. Kept in memory and brought up to date by seq before each
// page (one indexed query; concurrent pages share it), so it is never stale, also when several
// server processes share one PostgreSQL.
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { Course } from '../../shared/course';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { StaffMember } from '../../shared/staff';

const FOLLOWED = ['school', 'periods', 'classes', 'courses', 'staff'] as const;

export class DiaryReference {
  school: School | null = null;
  readonly periods = new Map<string, Period>();
  readonly classes = new Map<string, SchoolClass>();
  readonly courses = new Map<string, Course>();
  readonly staff = new Map<string, StaffMember>();
  private seenSeq = 0;
  private inFlight: Promise<void> | null = null;

  /** Reads the writes since the last refresh; pages asking at once share one query. */
  refresh(db: Queryable): Promise<void> {
    this.inFlight ??= this.read(db).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async read(db: Queryable): Promise<void> {
    const r = await db.query(
      `SELECT collection, id, seq, deleted, doc - 'stamps' AS doc FROM documents
       WHERE collection = ANY($1::text[]) AND seq > $2 ORDER BY seq`,
      [[...FOLLOWED], this.seenSeq],
    );
    for (const row of r.rows) {
      const id = String(row.id);
      const doc = { ...(row.doc as Record<string, unknown>), stamps: {} };
      const deleted = row.deleted === true;
      switch (String(row.collection)) {
        case 'school':
          if (!deleted) this.school = doc as unknown as School;
          break;
        case 'periods':
          setOrDelete(this.periods, id, deleted, doc as unknown as Period);
          break;
        case 'classes':
          setOrDelete(this.classes, id, deleted, doc as unknown as SchoolClass);
          break;
        case 'courses':
          setOrDelete(this.courses, id, deleted, doc as unknown as Course);
          break;
        case 'staff':
          setOrDelete(this.staff, id, deleted, doc as unknown as StaffMember);
          break;
      }
      this.seenSeq = Math.max(this.seenSeq, toNumber(row.seq));
    }
  }
}

function setOrDelete<T>(map: Map<string, T>, id: string, deleted: boolean, value: T): void {
  if (deleted) map.delete(id);
  else map.set(id, value);
}
