// Accounts: create, find, change password, enable/disable. Used by routes and the admin CLI.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db';
import { toIsoTime } from '../db/db';
import { hashPassword } from './passwords';
import { parseRoles, type Role } from './roles';

export interface Account {
  id: string;
  login: string;
  displayName: string;
  staffId: string | null;
  roles: Role[];
  disabled: boolean;
  createdAt: string | null;
  /** When the account was last marked compromised (null: never). */
  compromisedAt: string | null;
  /** The password was voided (a compromise): only a new one set by an administrator works. */
  passwordResetRequired: boolean;
  /** The password was handed out by an administrator: the first sign-in must replace it. */
  mustChangePassword: boolean;
}

export interface AccountWithHash extends Account {
  passwordHash: string;
}

export interface NewAccount {
  login: string;
  password: string;
  displayName?: string;
  staffId?: string | null;
  roles: Role[];
  /** A one-time password: the owner must choose a new one at the first sign-in. */
  oneTime?: boolean;
}

const COLUMNS =
  'id, login, display_name, staff_id, roles, disabled, created_at, password_hash, compromised_at, password_reset_required, must_change_password';

function toAccount(row: Record<string, unknown>): AccountWithHash {
  return {
    id: String(row.id),
    login: String(row.login),
    displayName: String(row.display_name ?? ''),
    staffId: row.staff_id === null || row.staff_id === undefined ? null : String(row.staff_id),
    roles: parseRoles(row.roles),
    disabled: row.disabled === true,
    createdAt: toIsoTime(row.created_at),
    compromisedAt: toIsoTime(row.compromised_at),
    passwordResetRequired: row.password_reset_required === true,
    mustChangePassword: row.must_change_password === true,
    passwordHash: String(row.password_hash),
  };
}

function withoutHash({ passwordHash: _hash, ...account }: AccountWithHash): Account {
  return account;
}

/** Logins are compared case-insensitively and without surrounding spaces. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function createAccount(db: Queryable, input: NewAccount): Promise<Account> {
  const id = randomUUID();
  const result = await db.query(
    `INSERT INTO accounts (id, login, display_name, password_hash, staff_id, roles, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING ${COLUMNS}`,
    [
      id,
      normalizeLogin(input.login),
      input.displayName ?? input.login,
      await hashPassword(input.password),
      input.staffId ?? null,
      JSON.stringify(input.roles),
      input.oneTime === true,
    ],
  );
  return withoutHash(toAccount(result.rows[0]!));
}

export async function findAccountByLogin(
  db: Queryable,
  login: string,
): Promise<AccountWithHash | null> {
  const result = await db.query(`SELECT ${COLUMNS} FROM accounts WHERE login = $1`, [
    normalizeLogin(login),
  ]);
  const row = result.rows[0];
  return row ? toAccount(row) : null;
}

/** The account linked to a staff member, if any. */
export async function findAccountByStaffId(
  db: Queryable,
  staffId: string,
): Promise<AccountWithHash | null> {
  const result = await db.query(
    `SELECT ${COLUMNS} FROM accounts WHERE staff_id = $1 ORDER BY created_at LIMIT 1`,
    [staffId],
  );
  const row = result.rows[0];
  return row ? toAccount(row) : null;
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
  const result = await db.query(`SELECT ${COLUMNS} FROM accounts ORDER BY login`);
  return result.rows.map((row) => withoutHash(toAccount(row)));
}

export async function countAccounts(db: Queryable): Promise<number> {
  const result = await db.query<{ n: string | number }>('SELECT count(*)::int AS n FROM accounts');
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Sets a new password (also the way out of a compromise's forced reset); every token of the
 * account is revoked. `oneTime`: handed out by an administrator, the owner must replace it.
 */
export async function setPassword(
  db: Queryable,
  login: string,
  password: string,
  options: { oneTime?: boolean } = {},
): Promise<boolean> {
  const hash = await hashPassword(password);
  const result = await db.query(
    `UPDATE accounts SET password_hash = $1, password_reset_required = false,
       must_change_password = $3, updated_at = now()
     WHERE login = $2 RETURNING id`,
    [hash, normalizeLogin(login), options.oneTime === true],
  );
  const id = result.rows[0]?.id;
  if (id === undefined) return false;
  await revokeAccountTokens(db, String(id));
  return true;
}

/** Disabling also revokes every token, so open sessions stop at their next request. */
export async function setAccountDisabled(
  db: Queryable,
  login: string,
  disabled: boolean,
): Promise<boolean> {
  const result = await db.query(
    'UPDATE accounts SET disabled = $1, updated_at = now() WHERE login = $2 RETURNING id',
    [disabled, normalizeLogin(login)],
  );
  const id = result.rows[0]?.id;
  if (id === undefined) return false;
  if (disabled) await revokeAccountTokens(db, String(id));
  return true;
}

export async function setAccountRoles(
  db: Queryable,
  login: string,
  roles: Role[],
): Promise<boolean> {
  const result = await db.query(
    'UPDATE accounts SET roles = $1::jsonb, updated_at = now() WHERE login = $2',
    [JSON.stringify(roles), normalizeLogin(login)],
  );
  return result.rowCount > 0;
}

export async function revokeAccountTokens(db: Queryable, accountId: string): Promise<void> {
  await db.query(
    `UPDATE tokens SET revoked_at = now()
     WHERE revoked_at IS NULL AND device_id IN (SELECT id FROM devices WHERE account_id = $1)`,
    [accountId],
  );
}

/**
 * No password matches this marker (verifyPassword needs `scrypt$…`): the old password stops working
 * until an administrator sets a new one with setPassword.
 */
export const VOID_PASSWORD_HASH = 'void$reset-required';

/** Voids the password and records the compromise; tokens are revoked separately. */
export async function voidPassword(db: Queryable, accountId: string): Promise<void> {
  await db.query(
    `UPDATE accounts SET password_hash = $2, password_reset_required = true, compromised_at = now(),
       updated_at = now()
     WHERE id = $1`,
    [accountId, VOID_PASSWORD_HASH],
  );
}
