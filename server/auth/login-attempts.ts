// The security log of login attempts: login, IP, time and outcome of every attempt (never the
// password), for the administrator to spot password guessing. Kept in the database, so it survives
// restarts (the lockout counters themselves live in memory, see rate-limit.ts).
import type { Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';

export type LoginOutcome =
  | 'success'
  | 'wrong-password'
  | 'unknown-login'
  | 'locked-out'
  | 'disabled'
  | 'password-reset-required'
  /** The right one-time password: the owner must set a new one first (no device registered). */
  | 'password-change-required'
  /** Not a sign-in: the waits after wrong passwords were cleared (server/auth/unlock.ts). */
  | 'unlocked';

export interface LoginAttempt {
  id: number;
  at: string | null;
  login: string;
  ip: string | null;
  outcome: LoginOutcome;
  accountId: string | null;
}

/** Logins longer than this are cut: the log must not become a place to store arbitrary text. */
const MAX_LOGIN_LENGTH = 100;

export async function recordLoginAttempt(
  db: Queryable,
  attempt: { login: string; ip: string | null; outcome: LoginOutcome; accountId?: string | null },
): Promise<void> {
  await db.query(
    'INSERT INTO login_attempts (login, ip, outcome, account_id) VALUES ($1, $2, $3, $4)',
    [
      attempt.login.slice(0, MAX_LOGIN_LENGTH),
      attempt.ip,
      attempt.outcome,
      attempt.accountId ?? null,
    ],
  );
}

export async function listLoginAttempts(
  db: Queryable,
  filter: { login?: string; limit?: number } = {},
): Promise<LoginAttempt[]> {
  const result = await db.query(
    `SELECT id, at, login, ip, outcome, account_id FROM login_attempts
     WHERE ($1::text IS NULL OR login = $1) ORDER BY id DESC LIMIT $2`,
    [filter.login ?? null, filter.limit ?? 100],
  );
  return result.rows.map((row) => ({
    id: toNumber(row.id),
    at: toIsoTime(row.at),
    login: String(row.login),
    ip: row.ip === null ? null : String(row.ip),
    outcome: String(row.outcome) as LoginOutcome,
    accountId: row.account_id === null ? null : String(row.account_id),
  }));
}
