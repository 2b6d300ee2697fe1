// What rights and read scopes depend on, cached in memory: courses (who teaches which class),
// classes (class teachers, period schemes), periods (closed or not), who holds each lesson, and
// the school's attendance codes (an absent student gets no mark).
// Refreshed from the documents table by seq before every pull and push, so it is never stale,
// also when several server processes share one PostgreSQL.
import { createHash } from 'node:crypto';
import { hasRole, type AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';
import { DEFAULT_ATTENDANCE_CODES, type AttendanceCode } from '../../shared/attendance-code';
import { periodForDate, type Period, type PeriodScheme } from '../../shared/period';
import type { DocState } from '../sync/collections';

export interface CourseInfo {
  teacherId: string;
  classId: string;
}

export interface ClassInfo {
  classTeacherId: string;
  periodScheme: PeriodScheme;
  name: string;
  /** 1..11: the roster rules check a birth date against it. */
  grade: number;
}

interface LessonHolder {
  teacherId: string;
  classId: string;
}

/** What one user may read: everything, or the classes they teach (or substitute in) and lead. */
export interface UserScope {
  all: boolean;
  /** Classes whose students (names), lessons and period marks the user sees. */
  visible: ReadonlySet<string>;
  /** Classes the user leads as class teacher: personal data and consents. */
  led: ReadonlySet<string>;
  /**
   * Classes visible only because the user holds some of their lessons as a substitute: of those
   * the user reads the students' names and the lessons they hold, nothing more.
   */
  substituteOnly: ReadonlySet<string>;
  hash: string;
}

/** Collections the index follows. */
export const INDEXED_COLLECTIONS = ['school', 'courses', 'classes', 'periods', 'lessons'] as const;

/** Deputies and administrators read the whole school. */
export function readsEverything(user: Pick<AuthUser, 'roles'>): boolean {
  return hasRole(user, 'deputy') || hasRole(user, 'admin');
}

export class SchoolIndex {
  readonly courses = new Map<string, CourseInfo>();
  readonly classes = new Map<string, ClassInfo>();
  readonly periods = new Map<string, Period>();
  /** The school card's codes (н, б, у, оп…); the defaults until the school card is stored. */
  attendanceCodes: readonly AttendanceCode[] = DEFAULT_ATTENDANCE_CODES;
  private readonly holders = new Map<string, LessonHolder>();
  /** staff id → class id → number of lessons they hold there. */
  private readonly heldClasses = new Map<string, Map<string, number>>();
  private seenSeq = 0;
  private version = 0;
  private readonly scopes = new Map<string, { version: number; scope: UserScope }>();

  /** Reads every write to the followed collections since the last refresh. */
  async refresh(db: Queryable): Promise<void> {
    const result = await db.query(
      `SELECT collection, id, seq, deleted,
         CASE WHEN collection = 'lessons'
           THEN jsonb_build_object('teacherId', doc->'teacherId', 'classId', doc->'classId')
           ELSE doc END AS doc
       FROM documents WHERE collection = ANY($1::text[]) AND seq > $2 ORDER BY seq`,
      [[...INDEXED_COLLECTIONS], this.seenSeq],
    );
    for (const row of result.rows) {
      this.apply(String(row.collection), String(row.id), row.deleted === true, row.doc);
      this.seenSeq = Math.max(this.seenSeq, toNumber(row.seq));
    }
  }

  /** Applies stored states right after a commit (the next refresh re-reads them harmlessly). */
  ingest(collection: string, written: readonly { state: DocState }[]): void {
    for (const { state } of written) {
      this.apply(collection, String(state.id), state._deleted, state);
    }
  }

  private apply(collection: string, id: string, deleted: boolean, raw: unknown): void {
    const doc = (raw ?? {}) as Record<string, unknown>;
    this.version += 1;
    switch (collection) {
      case 'school':
        if (!deleted && Array.isArray(doc.attendanceCodes)) {
          this.attendanceCodes = doc.attendanceCodes as AttendanceCode[];
        }
        return;
      case 'courses':
        if (deleted) this.courses.delete(id);
        else this.courses.set(id, { teacherId: str(doc.teacherId), classId: str(doc.classId) });
        return;
      case 'classes':
        if (deleted) this.classes.delete(id);
        else
          this.classes.set(id, {
            classTeacherId: str(doc.classTeacherId),
            periodScheme: str(doc.periodScheme) as PeriodScheme,
            name: str(doc.name),
            grade: Number(doc.grade),
          });
        return;
      case 'periods':
        if (deleted) this.periods.delete(id);
        else this.periods.set(id, doc as unknown as Period);
        return;
      case 'lessons':
        this.setHolder(
          id,
          deleted ? null : { teacherId: str(doc.teacherId), classId: str(doc.classId) },
        );
        return;
    }
  }

  private setHolder(lessonId: string, holder: LessonHolder | null): void {
    const old = this.holders.get(lessonId);
    if (old?.teacherId === holder?.teacherId && old?.classId === holder?.classId) return;
    if (old) {
      const byClass = this.heldClasses.get(old.teacherId);
      const n = (byClass?.get(old.classId) ?? 0) - 1;
      if (n > 0) byClass?.set(old.classId, n);
      else byClass?.delete(old.classId);
    }
    if (holder) {
      this.holders.set(lessonId, holder);
      let byClass = this.heldClasses.get(holder.teacherId);
      if (!byClass) this.heldClasses.set(holder.teacherId, (byClass = new Map()));
      byClass.set(holder.classId, (byClass.get(holder.classId) ?? 0) + 1);
    } else {
      this.holders.delete(lessonId);
    }
  }

  /** The user's read scope, recomputed only when the index changed. */
  scopeOf(user: AuthUser): UserScope {
    const key = `${user.accountId}|${user.staffId ?? ''}|${user.roles.join(',')}`;
    const cached = this.scopes.get(key);
    if (cached && cached.version === this.version) return cached.scope;
    const scope = this.computeScope(user);
    const previous = cached?.scope;
    // Keep the old object when nothing changed, so per-user caches downstream stay warm.
    const result = previous && previous.hash === scope.hash ? previous : scope;
    this.scopes.set(key, { version: this.version, scope: result });
    return result;
  }

  private computeScope(user: AuthUser): UserScope {
    if (readsEverything(user)) {
      return {
        all: true,
        visible: new Set(),
        led: new Set(),
        substituteOnly: new Set(),
        hash: 'all',
      };
    }
    const visible = new Set<string>();
    const led = new Set<string>();
    const substituteOnly = new Set<string>();
    const staffId = user.staffId;
    if (staffId !== null) {
      const teaches = hasRole(user, 'teacher') || hasRole(user, 'classTeacher');
      if (teaches) {
        for (const course of this.courses.values()) {
          if (course.teacherId === staffId) visible.add(course.classId);
        }
      }
      if (hasRole(user, 'classTeacher')) {
        for (const [classId, info] of this.classes) {
          if (info.classTeacherId === staffId) {
            led.add(classId);
            visible.add(classId);
          }
        }
      }
      if (teaches) {
        for (const classId of this.heldClasses.get(staffId)?.keys() ?? []) {
          if (!visible.has(classId)) substituteOnly.add(classId);
          visible.add(classId);
        }
      }
    }
    const text = JSON.stringify([[...visible].sort(), [...led].sort(), [...substituteOnly].sort()]);
    const hash = createHash('sha256').update(text).digest('base64url').slice(0, 16);
    return { all: false, visible, led, substituteOnly, hash };
  }

  /** The closed reporting period of the class's scheme containing the date, if any. */
  closedPeriodAt(classId: string, date: string): Period | undefined {
    const info = this.classes.get(classId);
    if (!info) return undefined;
    const period = periodForDate([...this.periods.values()], info.periodScheme, date);
    if (!period || !(period.start <= date && date <= period.end)) {
      // A date in holidays belongs to the period before it (periodForDate's rule).
      return period?.closed === true && period.end < date ? period : undefined;
    }
    return period.closed ? period : undefined;
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
