// The notification loop (docs/DIARY.md, «Уведомления»), every minute in the running server:
//   1. period marks set since the last run (read from the audit log by id) → a letter to each
//      family that opted in and may read that child now (the same rights check as the diary);
//   2. once a day after the school's digest time → each opted-in family's digest of the day's
//      marks and absences (only when there was any);
//   3. due outbox rows → the school's SMTP server, failures retried later.
// With no SMTP server configured (or the e-mail channel off) nothing is queued or sent.
import type { Db, Queryable } from '../db/db';
import { toNumber } from '../db/db';
import { todayIso } from '../../shared/dates';
import { PERIOD_MARK_TEXT } from '../../shared/documents/source';
import type { PeriodMarkEntry } from '../../shared/period-mark';
import { childContext } from '../../shared/diary/child';
import { diaryDays } from '../../shared/diary/week';
import { familyChildren, OPEN_LINK_SQL } from '../family/scope';
import { loadChildSource } from '../diary/child-source';
import type { DiaryReference } from '../diary/reference';
import { emailAvailable, readDiarySettings, type DiarySettings } from '../diary/settings';
import { pruneViews } from '../diary/view-log';
import { emailChannel, type NotificationChannel } from './channels';
import { digestLetter, periodMarkLetter, type DigestChild } from './letters';
import { deliverDue, enqueue, type DeliveryResult } from './outbox';

export interface NotifierClock {
  now(): Date;
  /** The school's calendar day of `now` ("YYYY-MM-DD"). */
  today(): string;
}

const SYSTEM_CLOCK: NotifierClock = { now: () => new Date(), today: () => todayIso() };

export interface RunResult {
  periodMarks: number;
  digests: number;
  delivery: DeliveryResult;
}

const PERIOD_CURSOR = 'period-marks';
const DIGEST_CURSOR = 'digest';

function diaryAddress(settings: DiarySettings): string | null {
  return settings.publicUrl ? `${settings.publicUrl.replace(/\/+$/, '')}/diary` : null;
}

export class Notifier {
  private channel: { key: string; channel: NotificationChannel } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RunResult> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly ref: DiaryReference,
    private readonly clock: NotifierClock = SYSTEM_CLOCK,
  ) {}

  /** One pass; concurrent calls share the pass in progress. */
  runOnce(): Promise<RunResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.runOnce()
          .catch(() => undefined)
          .finally(() => {
            if (this.timer) tick();
          });
      }, intervalMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    this.channel?.channel.close();
    this.channel = null;
  }

  private async pass(): Promise<RunResult> {
    const now = this.clock.now();
    const settings = await readDiarySettings(this.db);
    const result: RunResult = {
      periodMarks: 0,
      digests: 0,
      delivery: { sent: 0, failed: 0, gaveUp: 0 },
    };
    if (now.getTime() - this.lastPrune > 3600_000) {
      this.lastPrune = now.getTime();
      await pruneViews(this.db, settings);
    }
    const available = emailAvailable(settings);
    await this.ref.refresh(this.db);
    result.periodMarks = await this.periodMarks(settings, now, available);
    if (!available) return result;
    result.digests = await this.digests(settings, now);
    result.delivery = await deliverDue(this.db, new Map([['email', this.emailFor(settings)]]), now);
    return result;
  }

  private emailFor(settings: DiarySettings): NotificationChannel {
    const key = JSON.stringify(settings.smtp);
    if (this.channel?.key !== key) {
      this.channel?.channel.close();
      this.channel = { key, channel: emailChannel(settings.smtp!) };
    }
    return this.channel.channel;
  }

  /** Period marks set since the cursor; the cursor starts at the log's end (no old news). */
  private async periodMarks(
    settings: DiarySettings,
    now: Date,
    available: boolean,
  ): Promise<number> {
    const db = this.db;
    const cursor = await db.query('SELECT position FROM notification_cursors WHERE name = $1', [
      PERIOD_CURSOR,
    ]);
    if (!cursor.rows[0]) {
      await db.query(
        `INSERT INTO notification_cursors (name, position)
         SELECT $1, coalesce(max(id), 0) FROM audit_log ON CONFLICT (name) DO NOTHING`,
        [PERIOD_CURSOR],
      );
      return 0;
    }
    let position = toNumber(cursor.rows[0].position);
    let queued = 0;
    for (;;) {
      const r = await db.query(
        `SELECT id, doc_id, before IS NULL AS created, parts, after->'marks' AS marks,
           after->>'courseId' AS course_id, after->>'periodId' AS period_id,
           after->>'classId' AS class_id
         FROM audit_log WHERE collection = 'periodMarks' AND kind = 'write' AND id > $1
         ORDER BY id LIMIT 200`,
        [position],
      );
      if (r.rows.length === 0) return queued;
      for (const row of r.rows) {
        position = toNumber(row.id);
        if (!available) continue;
        for (const [studentId, value] of setMarks(row)) {
          queued += await this.periodMarkLetters(settings, now, {
            auditId: position,
            studentId,
            value,
            courseId: String(row.course_id ?? ''),
            periodId: String(row.period_id ?? ''),
            classId: String(row.class_id ?? ''),
          });
        }
      }
      await db.query('UPDATE notification_cursors SET position = $2 WHERE name = $1', [
        PERIOD_CURSOR,
        position,
      ]);
    }
  }

  private async periodMarkLetters(
    settings: DiarySettings,
    now: Date,
    mark: {
      auditId: number;
      studentId: string;
      value: string;
      courseId: string;
      periodId: string;
      classId: string;
    },
  ): Promise<number> {
    const recipients = await familiesToTell(this.db, mark.studentId, 'period_marks');
    if (recipients.length === 0) return 0;
    const student = await this.db.query(
      `SELECT doc->>'lastName' AS last, doc->>'firstName' AS first FROM documents
       WHERE collection = 'students' AND id = $1`,
      [mark.studentId],
    );
    const course = this.ref.courses.get(mark.courseId);
    const subject =
      this.ref.school?.subjects.find((s) => s.id === course?.subjectId)?.name ?? 'предмет';
    const letter = periodMarkLetter({
      studentName:
        `${String(student.rows[0]?.last ?? '')} ${String(student.rows[0]?.first ?? '')}`.trim(),
      className: this.ref.classes.get(mark.classId)?.name ?? '',
      subject,
      periodName: this.ref.periods.get(mark.periodId)?.name ?? 'период',
      value: mark.value,
      diaryUrl: diaryAddress(settings),
      school: this.ref.school?.shortName ?? '',
    });
    let queued = 0;
    for (const r of recipients) {
      const added = await enqueue(
        this.db,
        {
          dedupeKey: `period:${mark.auditId}:${mark.studentId}:${r.accountId}`,
          accountId: r.accountId,
          channel: 'email',
          recipient: r.email,
          ...letter,
        },
        now,
      );
      if (added) queued += 1;
    }
    return queued;
  }

  /** After the digest time, once per day: each opted-in family's day. */
  private async digests(settings: DiarySettings, now: Date): Promise<number> {
    const db = this.db;
    const day = this.clock.today();
    const hhmm = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
    if (hhmm < settings.digestTime) return 0;
    const cursor = await db.query('SELECT day FROM notification_cursors WHERE name = $1', [
      DIGEST_CURSOR,
    ]);
    if (cursor.rows[0]?.day === day) return 0;
    const accounts = await db.query(
      `SELECT n.account_id, n.email FROM family_notifications n
       JOIN family_accounts a ON a.id = n.account_id
       WHERE n.daily_digest AND n.email <> '' AND a.disabled_at IS NULL ORDER BY n.account_id`,
    );
    let queued = 0;
    for (const row of accounts.rows) {
      const accountId = String(row.account_id);
      const children: DigestChild[] = [];
      for (const child of await familyChildren(db, accountId)) {
        const source = await loadChildSource(db, this.ref, child, {
          lessons: { from: day, to: day },
          periodMarks: false,
        });
        const ctx = childContext(source, child.studentId);
        const [dayView] = diaryDays(ctx, day, day, day);
        if (dayView) {
          children.push({
            name: `${child.lastName} ${child.firstName}`,
            className: ctx.cls.name,
            day: dayView,
          });
        }
      }
      const letter = digestLetter({
        date: day,
        children,
        diaryUrl: diaryAddress(settings),
        school: this.ref.school?.shortName ?? '',
      });
      if (!letter) continue;
      const added = await enqueue(
        db,
        {
          dedupeKey: `digest:${day}:${accountId}`,
          accountId,
          channel: 'email',
          recipient: String(row.email),
          ...letter,
        },
        now,
      );
      if (added) queued += 1;
    }
    await db.query(
      `INSERT INTO notification_cursors (name, position, day) VALUES ($1, 0, $2)
       ON CONFLICT (name) DO UPDATE SET day = EXCLUDED.day`,
      [DIGEST_CURSOR, day],
    );
    return queued;
  }
}

/** The (student, value) pairs a period-marks audit row set: a new value that is a mark. */
function setMarks(row: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const label = (entry: PeriodMarkEntry | null | undefined) =>
    entry?.value ? PERIOD_MARK_TEXT[entry.value] : null;
  if (row.created === true) {
    for (const [studentId, entry] of Object.entries(
      (row.marks ?? {}) as Record<string, PeriodMarkEntry>,
    )) {
      const value = label(entry);
      if (value) out.push([studentId, value]);
    }
    return out;
  }
  for (const part of (row.parts ?? []) as { path: string; before: unknown; after: unknown }[]) {
    if (!part.path.startsWith('marks.')) continue;
    const after = part.after as PeriodMarkEntry | null;
    const before = part.before as PeriodMarkEntry | null;
    const value = label(after);
    if (value && after?.value !== before?.value)
      out.push([part.path.slice('marks.'.length), value]);
  }
  return out;
}

/** Families who opted in to this kind of letter and may read the child right now. */
async function familiesToTell(
  db: Queryable,
  studentId: string,
  kind: 'period_marks' | 'daily_digest',
): Promise<{ accountId: string; email: string }[]> {
  const r = await db.query(
    `SELECT DISTINCT l.account_id, n.email FROM family_links l
     JOIN documents st ON st.collection = 'students' AND st.id = l.student_id
     JOIN family_accounts a ON a.id = l.account_id AND a.disabled_at IS NULL
     JOIN family_notifications n ON n.account_id = l.account_id
     WHERE l.student_id = $1 AND l.active AND n.${kind} AND n.email <> '' AND ${OPEN_LINK_SQL}`,
    [studentId],
  );
  return r.rows.map((row) => ({ accountId: String(row.account_id), email: String(row.email) }));
}
