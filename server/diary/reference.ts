// The school-wide documents every diary page needs and no family may change: the school card,
// periods, classes, courses and staff. Kept in memory and brought up to date by seq before each
// page (one indexed query; pages asking at once share it, and a page never joins a read that
// began before it arrived, so a write committed before the page is always seen), so it is never
// stale, also when several server processes share one PostgreSQL. The same read reports which
// lessons and students were stored since (their identity only) to the diary's caches, and what the
// family session and rights caches are checked against (FamilyAuthStamp): so a page served from
// those caches costs this one query.
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';
import { FamilyAuthChanges, type FamilyAuthStamp } from '../family/auth-cache';
import type { Course } from '../../shared/course';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { StaffMember } from '../../shared/staff';

const FOLLOWED = ['school', 'periods', 'classes', 'courses', 'staff'] as const;
/** Collections the caches are built from: only which document was stored is read. */
const WATCHED = ['lessons', 'students'] as const;

/** A stored document the caches may hold data of (lesson identity fields are fixed at creation). */
export interface StoredChange {
  collection: (typeof WATCHED)[number];
  id: string;
  classId: string | null;
  date: string | null;
}

export class DiaryReference {
  school: School | null = null;
  readonly periods = new Map<string, Period>();
  readonly classes = new Map<string, SchoolClass>();
  readonly courses = new Map<string, Course>();
  readonly staff = new Map<string, StaffMember>();
  /** As of the newest read; a page takes it right after its own refresh. */
  auth: FamilyAuthStamp = { epoch: -1, rightsSeq: -1, nowMs: 0 };
  /** Which family accounts changed, as the reads report it (the auth cache checks against it). */
  readonly authChanges = new FamilyAuthChanges();
  private seenSeq = 0;
  private watchedSeq: number | null = null;
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private readonly listeners: ((changes: readonly StoredChange[]) => void)[] = [];

  /** Calls `listener` with the lessons and students stored since the previous read. */
  onStored(listener: (changes: readonly StoredChange[]) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Reads the writes since the last refresh. Pages asking at once share one query; one that asks
   * while a read is under way waits for the next read, which starts after it (read-your-writes).
   */
  refresh(db: Queryable): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.read(db).finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    this.next ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.refresh(db);
      });
    return this.next;
  }

  private async read(db: Queryable): Promise<void> {
    // Nothing is cached before the first read: watching starts at the newest seq then.
    if (this.watchedSeq === null) {
      const top = await db.query(
        `SELECT coalesce(max(seq), 0) AS seq FROM documents WHERE collection = ANY($1::text[])`,
        [[...WATCHED]],
      );
      this.watchedSeq = toNumber(top.rows[0]?.seq ?? 0);
    }
    // One snapshot: the family epoch and the accounts changed since the last read (none asked
    // for on the first), the newest student or consent (the documents the rights check reads),
    // the database's clock and the writes since the last read.
    const r = await db.query(
      `SELECT h.epoch, h.auth_changes, h.rights_seq, h.now_ms, d.collection, d.id, d.seq,
         d.deleted, d.doc, d.class_id, d.date
       FROM (SELECT coalesce((SELECT n FROM family_epoch), -1) AS epoch,
           (SELECT coalesce(json_agg(json_build_array(c.n, c.account_id) ORDER BY c.n), '[]')
              FROM family_auth_changes c WHERE $5::bigint >= 0 AND c.n > $5::bigint)
             AS auth_changes,
           coalesce(greatest(
             (SELECT max(seq) FROM documents WHERE collection = 'students'),
             (SELECT max(seq) FROM documents WHERE collection = 'consents')), 0) AS rights_seq,
           (extract(epoch FROM now()) * 1000)::float8 AS now_ms) h
       LEFT JOIN LATERAL (
         SELECT collection, id, seq, deleted,
           CASE WHEN collection = ANY($1::text[]) THEN doc - 'stamps' END AS doc,
           CASE WHEN collection = 'lessons' THEN doc->>'classId' END AS class_id,
           CASE WHEN collection = 'lessons' THEN doc->>'date' END AS date
         FROM documents
         WHERE (collection = ANY($1::text[]) AND seq > $2)
            OR (collection = ANY($3::text[]) AND seq > $4)) d ON true
       ORDER BY d.seq`,
      [[...FOLLOWED], this.seenSeq, [...WATCHED], this.watchedSeq, this.authChanges.epoch],
    );
    const head = r.rows[0];
    if (head) {
      const changes = (
        typeof head.auth_changes === 'string' ? JSON.parse(head.auth_changes) : head.auth_changes
      ) as [number | string, string | null][];
      this.authChanges.observe(
        toNumber(head.epoch),
        changes.map(([n, account]) => [Number(n), account] as const),
      );
      this.auth = {
        epoch: toNumber(head.epoch),
        rightsSeq: toNumber(head.rights_seq),
        nowMs: Number(head.now_ms),
      };
    }
    const changes: StoredChange[] = [];
    for (const row of r.rows) {
      if (row.collection === null) continue; // nothing written since: the stamp's row alone
      const id = String(row.id);
      const collection = String(row.collection);
      const seq = toNumber(row.seq);
      if ((WATCHED as readonly string[]).includes(collection)) {
        changes.push({
          collection: collection as StoredChange['collection'],
          id,
          classId: row.class_id === null ? null : String(row.class_id),
          date: row.date === null ? null : String(row.date),
        });
        this.watchedSeq = Math.max(this.watchedSeq, seq);
        continue;
      }
      const doc = { ...(row.doc as Record<string, unknown>), stamps: {} };
      const deleted = row.deleted === true;
      switch (collection) {
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
      this.seenSeq = Math.max(this.seenSeq, seq);
    }
    if (changes.length > 0) for (const listener of this.listeners) listener(changes);
  }
}

function setOrDelete<T>(map: Map<string, T>, id: string, deleted: boolean, value: T): void {
  if (deleted) map.delete(id);
  else map.set(id, value);
}
