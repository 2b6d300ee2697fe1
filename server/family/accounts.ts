// Family accounts of the e-diary (parents and students of 14+) and their links to children: create,
// find, give a one-time password, set the holder's own password, close. Kept apart from the staff
// `accounts`, so no staff route can ever accept a family's session.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db';
import { toIsoTime } from '../db/db';
import { hashPassword } from '../auth/passwords';
import type { FamilyAccountKind } from '../../shared/family-access';
import { oneTimePassword } from '../../shared/account-credentials';
import { loginCandidate, ONE_TIME_PASSWORD_DAYS } from './credentials';

export interface FamilyAccount {
  id: string;
  login: string;
  kind: FamilyAccountKind;
  displayName: string;
  passwordHash: string;
  /** Signed in with a one-time password that must be replaced before anything else. */
  passwordTemporary: boolean;
  temporaryExpiresAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  compromisedAt: string | null;
}

export interface FamilyLink {
  accountId: string;
  studentId: string;
  guardianId: string | null;
  active: boolean;
  endedReason: string | null;
}

const ACCOUNT_COLUMNS = [
  'id',
  'login',
  'kind',
  'display_name',
  'password_hash',
  'password_temporary',
  'temporary_expires_at',
  'disabled_at',
  'disabled_reason',
  'compromised_at',
];
const COLUMNS = ACCOUNT_COLUMNS.join(', ');
/** The account's columns read through the alias `a` (joined with its links). */
const A_COLUMNS = ACCOUNT_COLUMNS.map((c) => `a.${c}`).join(', ');

function toAccount(row: Record<string, unknown>): FamilyAccount {
  return {
    id: String(row.id),
    login: String(row.login),
    kind: row.kind === 'student' ? 'student' : 'guardian',
    displayName: String(row.display_name),
    passwordHash: String(row.password_hash),
    passwordTemporary: row.password_temporary === true,
    temporaryExpiresAt: toIsoTime(row.temporary_expires_at),
    disabledAt: toIsoTime(row.disabled_at),
    disabledReason: row.disabled_reason === null ? null : String(row.disabled_reason),
    compromisedAt: toIsoTime(row.compromised_at),
  };
}

/**
 * A family login as the shared lockout and the security log of sign-in attempts count it: prefixed,
 * so it never collides with a staff login of the same letters.
 */
export function familyLoginKey(login: string): string {
  return `diary:${normalizeFamilyLogin(login)}`;
}

/** Family logins are compared in lower case without surrounding spaces. */
export function normalizeFamilyLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function findFamilyAccountByLogin(
  db: Queryable,
  login: string,
): Promise<FamilyAccount | null> {
  const r = await db.query(`SELECT ${COLUMNS} FROM family_accounts WHERE login = $1`, [
    normalizeFamilyLogin(login),
  ]);
  return r.rows[0] ? toAccount(r.rows[0]) : null;
}

export async function findFamilyAccount(db: Queryable, id: string): Promise<FamilyAccount | null> {
  const r = await db.query(`SELECT ${COLUMNS} FROM family_accounts WHERE id = $1`, [id]);
  return r.rows[0] ? toAccount(r.rows[0]) : null;
}

/** A new account with a fresh login and a one-time password (returned once, stored hashed). */
export async function createFamilyAccount(
  tx: Queryable,
  input: { kind: FamilyAccountKind; displayName: string; surname: string; createdBy: string },
): Promise<{ account: FamilyAccount; password: string }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  for (let attempt = 0; attempt < 50; attempt++) {
    const login = loginCandidate(input.surname);
    const r = await tx.query(
      `INSERT INTO family_accounts (id, login, kind, display_name, password_hash, password_temporary,
         temporary_expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, true, now() + $6::integer * interval '1 day', $7)
       ON CONFLICT (login) DO NOTHING RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        login,
        input.kind,
        input.displayName,
        hash,
        ONE_TIME_PASSWORD_DAYS,
        input.createdBy,
      ],
    );
    if (r.rows[0]) return { account: toAccount(r.rows[0]), password };
  }
  throw new Error('No free family login after 50 attempts');
}

/**
 * A new one-time password: the account is open again, every session ends, the holder must choose
 * a new password at the next sign-in. `compromised` records a reported disclosure (the procedure
 * of seed 004): notifications are switched off, since an intruder may have redirected them.
 */
export async function giveOneTimePassword(
  tx: Queryable,
  accountId: string,
  options: { compromised: boolean; reason: string },
): Promise<{ password: string; validUntil: string | null }> {
  const password = oneTimePassword();
  const r = await tx.query(
    `UPDATE family_accounts SET password_hash = $2, password_temporary = true,
       temporary_expires_at = now() + $3::integer * interval '1 day', disabled_at = NULL,
       disabled_reason = NULL, updated_at = now(),
       compromised_at = CASE WHEN $4 THEN now() ELSE compromised_at END
     WHERE id = $1 RETURNING temporary_expires_at`,
    [accountId, await hashPassword(password), ONE_TIME_PASSWORD_DAYS, options.compromised],
  );
  await endFamilySessions(tx, accountId, options.reason);
  if (options.compromised) {
    await tx.query(
      `UPDATE family_notifications SET daily_digest = false, period_marks = false, email = '',
         updated_at = now() WHERE account_id = $1`,
      [accountId],
    );
  }
  return { password, validUntil: toIsoTime(r.rows[0]?.temporary_expires_at) };
}

/** The holder's own password: the one-time one stops working; other sessions end. */
export async function setFamilyPassword(
  db: Queryable,
  accountId: string,
  password: string,
  keepSessionHash: string | null,
): Promise<void> {
  await db.query(
    `UPDATE family_accounts SET password_hash = $2, password_temporary = false,
       temporary_expires_at = NULL, updated_at = now() WHERE id = $1`,
    [accountId, await hashPassword(password)],
  );
  await db.query(
    `UPDATE family_sessions SET revoked_at = now(), revoked_reason = 'password-changed'
     WHERE account_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $2`,
    [accountId, keepSessionHash],
  );
}

/** Ends every open session of the account (the reason code is shown on the login page). */
export async function endFamilySessions(
  tx: Queryable,
  accountId: string,
  reason: string,
): Promise<number> {
  const r = await tx.query(
    `UPDATE family_sessions SET revoked_at = now(), revoked_reason = $2
     WHERE account_id = $1 AND revoked_at IS NULL`,
    [accountId, reason],
  );
  return r.rowCount;
}

/** Closes the account: no sign-in (the Russian reason is shown after a right password). */
export async function closeFamilyAccount(
  tx: Queryable,
  accountId: string,
  reason: string,
): Promise<void> {
  await tx.query(
    `UPDATE family_accounts SET disabled_at = now(), disabled_reason = $2, updated_at = now()
     WHERE id = $1`,
    [accountId, reason],
  );
  await endFamilySessions(tx, accountId, 'access-closed');
}

function toLink(row: Record<string, unknown>): FamilyLink {
  return {
    accountId: String(row.account_id),
    studentId: String(row.student_id),
    guardianId: row.guardian_id === null ? null : String(row.guardian_id),
    active: row.active === true,
    endedReason: row.ended_reason === null ? null : String(row.ended_reason),
  };
}

/** The link of a student's guardian (or, with null, of the student's own account). */
export async function findLink(
  db: Queryable,
  studentId: string,
  guardianId: string | null,
): Promise<(FamilyLink & { account: FamilyAccount }) | null> {
  const r = await db.query(
    `SELECT l.account_id, l.student_id, l.guardian_id, l.active, l.ended_reason, ${A_COLUMNS}
     FROM family_links l JOIN family_accounts a ON a.id = l.account_id
     WHERE l.student_id = $1 AND l.guardian_id IS NOT DISTINCT FROM $2
     ORDER BY l.active DESC, l.created_at DESC LIMIT 1`,
    [studentId, guardianId],
  );
  const row = r.rows[0];
  return row ? { ...toLink(row), account: toAccount(row) } : null;
}

/** Links the account to the child (or opens the existing link again). */
export async function openLink(
  tx: Queryable,
  link: { accountId: string; studentId: string; guardianId: string | null; createdBy: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO family_links (account_id, student_id, guardian_id, created_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (account_id, student_id) DO UPDATE SET active = true, guardian_id = EXCLUDED.guardian_id,
       ended_at = NULL, ended_reason = NULL`,
    [link.accountId, link.studentId, link.guardianId, link.createdBy],
  );
}

/**
 * Ends the links of a student matching the guardian (null: the student's own account); an account
 * left with no open link is closed with the reason. Returns the accounts whose link ended.
 */
export async function endLinks(
  tx: Queryable,
  studentId: string,
  guardianId: string | null,
  reason: string,
): Promise<string[]> {
  const r = await tx.query(
    `UPDATE family_links SET active = false, ended_at = now(), ended_reason = $3
     WHERE student_id = $1 AND guardian_id IS NOT DISTINCT FROM $2 AND active
     RETURNING account_id`,
    [studentId, guardianId, reason],
  );
  const accounts = [...new Set(r.rows.map((row) => String(row.account_id)))];
  for (const accountId of accounts) {
    const open = await tx.query(
      'SELECT 1 FROM family_links WHERE account_id = $1 AND active LIMIT 1',
      [accountId],
    );
    if (open.rows.length === 0) await closeFamilyAccount(tx, accountId, reason);
  }
  return accounts;
}
