// The record of diary views: every page a family opens (account, child, what, when, and the address
// for as long as the school keeps addresses). Views are written in batches — at most a second
// late, and flushed before anything reads them and when the server stops — so the evening peak
// costs one INSERT per batch instead of one per page.
import type { Queryable } from '../db/db';

export interface DiaryView {
  accountId: string;
  studentId: string;
  /** "week 2026-11-30", "marks p-q2", "schedule", "changes". */
  what: string;
  at: Date;
  ip: string | null;
}

export class ViewLog {
  private pending: DiaryView[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Queryable,
    private readonly delayMs = 1000,
  ) {}

  record(view: DiaryView): void {
    this.pending.push(view);
    if (this.pending.length >= 500) void this.flush().catch(() => undefined);
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.delayMs);
      this.timer.unref();
    }
  }

  /** Writes every recorded view; resolves when they are stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    // A failed batch must not block the next ones.
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        if (batch.length === 0) return;
        await this.db.query(
          // A school that keeps no addresses (ipRetentionDays 0) never stores one.
          `INSERT INTO diary_views (account_id, student_id, what, at, ip)
         SELECT v->>'accountId', v->>'studentId', v->>'what', (v->>'at')::timestamptz,
           CASE WHEN coalesce((SELECT (settings->>'ipRetentionDays')::integer
                               FROM diary_settings WHERE id = 1), 30) > 0
             THEN v->>'ip' END
         FROM jsonb_array_elements($1::jsonb) AS t(v)`,
          [JSON.stringify(batch.map((v) => ({ ...v, at: v.at.toISOString() })))],
        );
      });
    return this.flushing;
  }
}

/** Drops addresses older than the school keeps them, and views older than the record is kept. */
export async function pruneViews(
  db: Queryable,
  settings: { ipRetentionDays: number; viewRetentionDays: number },
): Promise<{ addresses: number; views: number }> {
  const addresses = await db.query(
    `UPDATE diary_views SET ip = NULL
     WHERE ip IS NOT NULL AND at < now() - $1::integer * interval '1 day'`,
    [settings.ipRetentionDays],
  );
  const views = await db.query(
    `DELETE FROM diary_views WHERE at < now() - $1::integer * interval '1 day'`,
    [settings.viewRetentionDays],
  );
  return { addresses: addresses.rowCount, views: views.rowCount };
}
