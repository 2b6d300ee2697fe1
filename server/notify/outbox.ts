// The outbox: every notification is a row first (in the transaction of whatever made it), then a
// delivery loop sends due rows and retries failures with a growing delay: 1, 2, 4 … 60 minutes,
// at most MAX_ATTEMPTS times, then gives up (the row stays, with its last error, for the admin).
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { NotificationChannel, OutgoingMessage } from './channels';
import { deliveryError } from './channels';

export const MAX_ATTEMPTS = 12;

/** Minutes before the next try after `attempts` failures. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 60);
}

export interface NewMessage extends OutgoingMessage {
  /** One message per key: a repeated run never sends twice. */
  dedupeKey: string;
  accountId: string | null;
  channel: string;
}

export async function enqueue(db: Queryable, message: NewMessage, now: Date): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO outbox (dedupe_key, account_id, channel, recipient, subject, body, created_at,
       next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      message.dedupeKey,
      message.accountId,
      message.channel,
      message.recipient,
      message.subject,
      message.body,
      now.toISOString(),
    ],
  );
  return r.rowCount > 0;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  gaveUp: number;
}

/**
 * Sends the due messages of the given channels. Rows are claimed first (pushed 10 minutes ahead),
 * so two server processes never send one row twice.
 */
export async function deliverDue(
  db: Queryable,
  channels: ReadonlyMap<string, NotificationChannel>,
  now: Date,
  limit = 50,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, gaveUp: 0 };
  if (channels.size === 0) return result;
  const claimed = await db.query(
    `UPDATE outbox SET next_attempt_at = $1::timestamptz + interval '10 minutes'
     WHERE id IN (
       SELECT id FROM outbox
       WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1
         AND channel = ANY($2::text[])
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id, channel, recipient, subject, body, attempts`,
    [now.toISOString(), [...channels.keys()], limit],
  );
  const rows = [...claimed.rows].sort((a, b) => toNumber(a.id) - toNumber(b.id));
  for (const row of rows) {
    const channel = channels.get(String(row.channel))!;
    const attempts = toNumber(row.attempts) + 1;
    try {
      await channel.send({
        recipient: String(row.recipient),
        subject: String(row.subject),
        body: String(row.body),
      });
      await db.query(
        'UPDATE outbox SET sent_at = $2, attempts = $3, last_error = NULL WHERE id = $1',
        [row.id, now.toISOString(), attempts],
      );
      result.sent += 1;
    } catch (error) {
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db.query(
        `UPDATE outbox SET attempts = $2, last_error = $3,
           next_attempt_at = $4::timestamptz + $5::integer * interval '1 minute',
           gave_up_at = CASE WHEN $6 THEN $4::timestamptz END
         WHERE id = $1`,
        [
          row.id,
          attempts,
          deliveryError(error),
          now.toISOString(),
          retryDelayMinutes(attempts),
          giveUp,
        ],
      );
      if (giveUp) result.gaveUp += 1;
      else result.failed += 1;
    }
  }
  return result;
}

export interface OutboxCounts {
  waiting: number;
  sent: number;
  gaveUp: number;
  lastError: string | null;
}

export async function outboxCounts(db: Queryable): Promise<OutboxCounts> {
  const r = await db.query(
    `SELECT count(*) FILTER (WHERE sent_at IS NULL AND gave_up_at IS NULL) AS waiting,
       count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
       count(*) FILTER (WHERE gave_up_at IS NOT NULL) AS gave_up,
       (SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1) AS last_error
     FROM outbox`,
  );
  const row = r.rows[0] ?? {};
  return {
    waiting: toNumber(row.waiting ?? 0),
    sent: toNumber(row.sent ?? 0),
    gaveUp: toNumber(row.gave_up ?? 0),
    lastError: row.last_error ? String(row.last_error) : null,
  };
}
