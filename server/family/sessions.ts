// Family sessions of the e-diary: a random token in an HttpOnly cookie limited to /diary, only its
// SHA-256 stored, a sliding and an absolute lifetime measured on the database's clock. A family
// token is never looked up by the staff routes (their tokens live in `tokens`).
import type { Queryable } from '../db/db';
import { hashToken, newToken } from '../auth/sessions';
import type { FamilyAccount } from './accounts';

/**
 * A family phone is often shared and often lost: a week without opening the diary, or a month
 * since the sign-in, and the family signs in again (docs/DIARY.md, «Сеансы»).
 */
export const FAMILY_SESSION_LIFETIME = {
  idleMs: 7 * 24 * 3600 * 1000,
  absoluteMs: 30 * 24 * 3600 * 1000,
} as const;

export async function openFamilySession(db: Queryable, accountId: string): Promise<string> {
  const token = newToken();
  await db.query('INSERT INTO family_sessions (token_hash, account_id) VALUES ($1, $2)', [
    hashToken(token),
    accountId,
  ]);
  return token;
}

/** Why a session no longer works: a code the login page turns into a Russian sentence. */
export type SessionEnd =
  'unknown' | 'expired' | 'logout' | 'password-changed' | 'access-closed' | 'new-password';

export type FamilySessionCheck =
  | {
      ok: true;
      account: Omit<FamilyAccount, 'passwordHash'>;
      tokenHash: string;
      /** The sign-in and the last recorded use, on the database's clock (ms). */
      createdMs: number;
      usedMs: number;
    }
  | { ok: false; reason: SessionEnd };

/** A session's use is recorded at most once a minute: one write per page would be wasteful. */
export const USE_RECORDED_EVERY_MS = 60_000;

/** Whether a session signed in at `createdMs` and last used at `usedMs` has ended by `nowMs`. */
export function sessionExpired(createdMs: number, usedMs: number, nowMs: number): boolean {
  return (
    nowMs - usedMs > FAMILY_SESSION_LIFETIME.idleMs ||
    nowMs - createdMs > FAMILY_SESSION_LIFETIME.absoluteMs
  );
}

/**
 * Records that sessions were used, in batches: at the evening peak every session's first page of
 * a minute would otherwise be a write of its own. A use is stored at most `delayMs` late — nothing
 * next to a week of idle lifetime — and at once on flush (the server stopping).
 */
export class SessionUse {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Queryable,
    private readonly delayMs = 2000,
  ) {}

  touch(tokenHash: string): void {
    this.pending.add(tokenHash);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.delayMs);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending];
    this.pending = new Set();
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        if (batch.length === 0) return;
        await this.db.query(
          // Never back: another process's later use may be stored first (and a use moved back
          // would bump the family epoch, migration 11).
          `UPDATE family_sessions SET last_used_at = greatest(last_used_at, now())
           WHERE token_hash = ANY($1::text[])`,
          [batch],
        );
      });
    return this.flushing;
  }
}

/**
 * Resolves a session token; refuses revoked, expired and closed ones. The use is recorded through
 * `use` when given (batched), else by an UPDATE of its own.
 */
export async function checkFamilySession(
  db: Queryable,
  token: string,
  use?: SessionUse,
): Promise<FamilySessionCheck> {
  const tokenHash = hashToken(token);
  const r = await db.query(
    `SELECT s.revoked_at, s.revoked_reason, a.id, a.login, a.kind, a.display_name,
       a.password_temporary, a.temporary_expires_at, a.disabled_at, a.disabled_reason,
       a.compromised_at,
       (extract(epoch FROM s.created_at) * 1000)::float8 AS created_ms,
       (extract(epoch FROM s.last_used_at) * 1000)::float8 AS used_ms,
       (extract(epoch FROM now()) * 1000)::float8 AS now_ms
     FROM family_sessions s JOIN family_accounts a ON a.id = s.account_id
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = r.rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) {
    const reason = String(row.revoked_reason ?? 'logout') as SessionEnd;
    return { ok: false, reason };
  }
  if (row.disabled_at !== null) return { ok: false, reason: 'access-closed' };
  const createdMs = Number(row.created_ms);
  let usedMs = Number(row.used_ms);
  const nowMs = Number(row.now_ms);
  if (sessionExpired(createdMs, usedMs, nowMs)) return { ok: false, reason: 'expired' };
  if (nowMs - usedMs > USE_RECORDED_EVERY_MS) {
    if (use) use.touch(tokenHash);
    else {
      await db.query('UPDATE family_sessions SET last_used_at = now() WHERE token_hash = $1', [
        tokenHash,
      ]);
    }
    usedMs = nowMs;
  }
  return {
    ok: true,
    tokenHash,
    createdMs,
    usedMs,
    account: {
      id: String(row.id),
      login: String(row.login),
      kind: row.kind === 'student' ? 'student' : 'guardian',
      displayName: String(row.display_name),
      passwordTemporary: row.password_temporary === true,
      temporaryExpiresAt:
        row.temporary_expires_at === null ? null : String(row.temporary_expires_at),
      disabledAt: null,
      disabledReason: null,
      compromisedAt: row.compromised_at === null ? null : String(row.compromised_at),
    },
  };
}

export async function endFamilySession(
  db: Queryable,
  token: string,
  reason: SessionEnd,
): Promise<void> {
  await db.query(
    `UPDATE family_sessions SET revoked_at = now(), revoked_reason = $2
     WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hashToken(token), reason],
  );
}
