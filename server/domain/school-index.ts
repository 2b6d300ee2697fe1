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
import { closedYears, type PastYear } from '../../shared/school-years';

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
  yearId: string;
}

interface LessonHolder {
  teacherId: string;
  classId: string;
  courseId: string;
}

/**
 * What one user may read: everything, or their own courses, the lessons they hold as a
 * substitute and the classes they lead (read-grants.ts turns it into each collection's grant).
 */
export interface UserScope {
  all: boolean;
  /** Classes whose students (names) the user sees: of their courses, lessons held, classes led. */
  visible: ReadonlySet<string>;
  /** Classes the user leads as class teacher: every lesson and period mark, personal data, consents. */
  led: ReadonlySet<string>;
  /** The user's own courses: their lessons and period marks. */
  courses: ReadonlySet<string>;
  /** Lessons the user holds (as a substitute) outside their own courses and the classes they lead. */
  heldLessons: ReadonlySet<string>;
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
  /** The school's closed years: id → name (the school card's pastYears). */
  closedYears: ReadonlyMap<string, string> = new Map();
  private readonly holders = new Map<string, LessonHolder>();
  /** staff id → class id → number of lessons they hold there. */
  private readonly heldClasses = new Map<string, Map<string, number>>();
  /** staff id → the lessons they hold. */
  private readonly heldLessons = new Map<string, Set<string>>();
  private seenSeq = 0;
  private version = 0;
  private readonly scopes = new Map<string, { version: number; scope: UserScope }>();

  /** Reads every write to the followed collections since the last refresh. */
  async refresh(db: Queryable): Promise<void> {
    const result = await db.query(
      `SELECT collection, id, seq, deleted,
         CASE WHEN collection = 'lessons'
           THEN jsonb_build_object('teacherId', doc->'teacherId', 'classId', doc->'classId',
                                   'courseId', doc->'courseId')
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
    // A lesson's write changes scopes only when its holder moved (a mark does not): the cached
    // scopes stay valid, or every stream would recompute its user's scope on every pushed mark.
    if (collection !== 'lessons') this.version += 1;
    switch (collection) {
      case 'school':
        if (!deleted && Array.isArray(doc.attendanceCodes)) {
          this.attendanceCodes = doc.attendanceCodes as AttendanceCode[];
        }
        if (!deleted) this.closedYears = closedYears(doc as { pastYears?: PastYear[] });
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
            yearId: str(doc.yearId),
          });
        return;
      case 'periods':
        if (deleted) this.periods.delete(id);
        else this.periods.set(id, doc as unknown as Period);
        return;
      case 'lessons':
        if (
          this.setHolder(
            id,
            deleted
              ? null
              : {
                  teacherId: str(doc.teacherId),
                  classId: str(doc.classId),
                  courseId: str(doc.courseId),
                },
          )
        )
          this.version += 1;
        return;
    }
  }

  /** Records who holds the lesson; false when that did not change. */
  private setHolder(lessonId: string, holder: LessonHolder | null): boolean {
    const old = this.holders.get(lessonId);
    if (
      old?.teacherId === holder?.teacherId &&
      old?.classId === holder?.classId &&
      old?.courseId === holder?.courseId
    ) {
      return false;
    }
    if (old) {
      this.heldLessons.get(old.teacherId)?.delete(lessonId);
      const byClass = this.heldClasses.get(old.teacherId);
      const n = (byClass?.get(old.classId) ?? 0) - 1;
      if (n > 0) byClass?.set(old.classId, n);
      else byClass?.delete(old.classId);
    }
    if (holder) {
      this.holders.set(lessonId, holder);
      let lessons = this.heldLessons.get(holder.teacherId);
      if (!lessons) this.heldLessons.set(holder.teacherId, (lessons = new Set()));
      lessons.add(lessonId);
      let byClass = this.heldClasses.get(holder.teacherId);
      if (!byClass) this.heldClasses.set(holder.teacherId, (byClass = new Map()));
      byClass.set(holder.classId, (byClass.get(holder.classId) ?? 0) + 1);
    } else {
      this.holders.delete(lessonId);
    }
    return true;
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
        courses: new Set(),
        heldLessons: new Set(),
        hash: 'all',
      };
    }
    const visible = new Set<string>();
    const led = new Set<string>();
    const courses = new Set<string>();
    const heldLessons = new Set<string>();
    const staffId = user.staffId;
    if (staffId !== null) {
      const teaches = hasRole(user, 'teacher') || hasRole(user, 'classTeacher');
      if (teaches) {
        for (const [courseId, course] of this.courses) {
          if (course.teacherId !== staffId) continue;
          courses.add(courseId);
          visible.add(course.classId);
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
        for (const classId of this.heldClasses.get(staffId)?.keys() ?? []) visible.add(classId);
        for (const lessonId of this.heldLessons.get(staffId) ?? []) {
          const held = this.holders.get(lessonId);
          if (held && !courses.has(held.courseId) && !led.has(held.classId)) {
            heldLessons.add(lessonId);
          }
        }
      }
    }
    const text = JSON.stringify([
      [...visible].sort(),
      [...led].sort(),
      [...courses].sort(),
      [...heldLessons].sort(),
    ]);
    const hash = createHash('sha256').update(text).digest('base64url').slice(0, 16);
    return { all: false, visible, led, courses, heldLessons, hash };
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
