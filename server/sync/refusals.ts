// The refusals table: a bounded summary of every refused write (reason, collection, id, size, a
// hash, at most ~2 KB of what was attempted), pruned by age and by count, so a hostile push can
// grow the data folder by a small, bounded amount only.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';

/** At most this much of one attempted state is kept (JSON text, characters). */
export const EXCERPT_CHARS = 2000;
/** At most this much excerpt text per push; later refusals of the push keep size and hash only. */
export const EXCERPT_BUDGET_PER_WRITE = 64_000;
/** A reason longer than this (a long list of validation problems) is cut. */
export const REASON_CHARS = 1000;
/** Refusals older than this are deleted. */
export const KEEP_DAYS = 90;
/** At most this many refusals are kept, newest first. */
export const KEEP_ROWS = 20_000;
/** Pruning runs at most this often per server process (and on every write with many refusals). */
const PRUNE_EVERY_MS = 60_000;

export interface Refusal {
  collection: string;
  docId: string;
  reason: string;
  /** What the writer sent (any JSON: it may be hostile). */
  attempted: unknown;
  /** The attempted parts worth keeping for the record (changed parts), when known. */
  parts?: unknown;
}

/** What is stored of one attempt: its size and hash always, an excerpt while the budget lasts. */
export interface AttemptSummary {
  /** Length of the attempted state's JSON text (characters); null if it could not be serialized. */
  size: number | null;
  sha256: string | null;
  /** The first EXCERPT_CHARS characters of the changed parts' (or the document's) JSON. */
  excerpt: string | null;
  truncated: boolean;
}

function jsonText(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null; // too deep, or not JSON at all
  }
}

export function summarize(refusal: Refusal, budget: { left: number }): AttemptSummary {
  const whole = jsonText(refusal.attempted);
  const shown = refusal.parts === undefined ? whole : (jsonText(refusal.parts) ?? whole);
  let excerpt: string | null = null;
  let truncated = false;
  if (shown !== null && budget.left > 0) {
    const room = Math.min(EXCERPT_CHARS, budget.left);
    excerpt = shown.slice(0, room);
    truncated = shown.length > room;
    budget.left -= excerpt.length;
  } else if (shown !== null) {
    truncated = true;
  }
  return {
    size: whole === null ? null : whole.length,
    sha256: whole === null ? null : createHash('sha256').update(whole).digest('hex'),
    excerpt,
    truncated,
  };
}

function boundedReason(reason: string): string {
  return reason.length <= REASON_CHARS ? reason : `${reason.slice(0, REASON_CHARS - 1)}…`;
}

/** Stores the refusals of one write in one statement; prunes old ones now and then. */
export class RefusalStore {
  private lastPrune = 0;

  async record(
    tx: Queryable,
    refusals: readonly Refusal[],
    actor: { accountId: string | null; deviceId: string | null },
  ): Promise<void> {
    if (refusals.length === 0) return;
    const budget = { left: EXCERPT_BUDGET_PER_WRITE };
    const rows = refusals.map((r) => ({
      collection: r.collection,
      docId: r.docId,
      reason: boundedReason(r.reason),
      attempted: summarize(r, budget),
    }));
    await tx.query(
      `INSERT INTO refusals (collection, doc_id, account_id, device_id, reason, attempted)
       SELECT r->>'collection', r->>'docId', $2, $3, r->>'reason', r->'attempted'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY n`,
      [JSON.stringify(rows), actor.accountId, actor.deviceId],
    );
    const now = Date.now();
    if (now - this.lastPrune >= PRUNE_EVERY_MS || refusals.length >= 100) {
      this.lastPrune = now;
      await pruneRefusals(tx);
    }
  }
}

/** Deletes refusals older than KEEP_DAYS and all but the newest KEEP_ROWS; returns how many. */
export async function pruneRefusals(
  db: Queryable,
  keep: { days: number; rows: number } = { days: KEEP_DAYS, rows: KEEP_ROWS },
): Promise<number> {
  const old = await db.query(`DELETE FROM refusals WHERE at < now() - make_interval(days => $1)`, [
    keep.days,
  ]);
  const over = await db.query(
    `DELETE FROM refusals WHERE id <= (SELECT id FROM refusals ORDER BY id DESC OFFSET $1 LIMIT 1)`,
    [keep.rows],
  );
  return old.rowCount + over.rowCount;
}

export interface RefusalEntry {
  id: number;
  at: string | null;
  collection: string;
  docId: string | null;
  reason: string;
  /** The account's login (null when it no longer exists); for the admin console only. */
  login: string | null;
  device: string | null;
}

/** Refused writes, newest first: of one account, or of everyone (the admin console). */
export async function listRefusals(
  db: Queryable,
  filter: { accountId?: string; limit: number },
): Promise<RefusalEntry[]> {
  const result = await db.query(
    `SELECT r.id, r.at, r.collection, r.doc_id, r.reason, d.name AS device_name, a.login
     FROM refusals r LEFT JOIN devices d ON d.id = r.device_id
     LEFT JOIN accounts a ON a.id = r.account_id
     WHERE ($1::text IS NULL OR r.account_id = $1) ORDER BY r.id DESC LIMIT $2`,
    [filter.accountId ?? null, filter.limit],
  );
  return result.rows.map((r) => ({
    id: toNumber(r.id),
    at: toIsoTime(r.at),
    collection: String(r.collection),
    docId: r.doc_id === null ? null : String(r.doc_id),
    reason: String(r.reason),
    login: r.login === null ? null : String(r.login),
    device: r.device_name === null ? null : String(r.device_name),
  }));
}
