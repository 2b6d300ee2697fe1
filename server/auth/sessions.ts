// Devices and tokens: a login issues an opaque random token bound to a named device.
// Only the token's SHA-256 hash is stored; revoking a device or a token ends the session, and so
// does time (SESSION_LIFETIME): a token unused for too long, or issued too long ago, is expired.
// Logging in again under the same device name ends that device's older sessions.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db';
import { toIsoTime } from '../db/db';
import type { Device } from '../../shared/compromise-report';
import { parseRoles, type AuthUser } from './roles';

/**
 * How long a token lives (docs/SECURITY.md, «Сеансы»). Sliding: a desktop that does not reach the
 * server for 30 days (a closed laptop over the winter holidays is 12 days) must sign in again.
 * Absolute: 90 days after the login whatever the use, about once a school term. An expired
 * desktop keeps every unsent change and sends it after the new login.
 */
export const SESSION_LIFETIME = {
  idleMs: 30 * 24 * 3600 * 1000,
  absoluteMs: 90 * 24 * 3600 * 1000,
} as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Reuses the account's live device of that name (ending the sessions it had: a new login on a
 * device replaces the old one), or registers a new one; returns a new token.
 */
export async function openSession(
  db: Queryable,
  accountId: string,
  deviceName: string,
  ip: string | null,
): Promise<{ token: string; deviceId: string }> {
  const existing = await db.query(
    `SELECT id FROM devices WHERE account_id = $1 AND name = $2 AND revoked_at IS NULL
     ORDER BY created_at DESC LIMIT 1`,
    [accountId, deviceName],
  );
  let deviceId = existing.rows[0]?.id as string | undefined;
  if (deviceId === undefined) {
    deviceId = randomUUID();
    await db.query(
      'INSERT INTO devices (id, account_id, name, last_seen_at, last_ip) VALUES ($1, $2, $3, now(), $4)',
      [deviceId, accountId, deviceName, ip],
    );
  } else {
    await db.query('UPDATE devices SET last_seen_at = now(), last_ip = $2 WHERE id = $1', [
      deviceId,
      ip,
    ]);
    await db.query(
      'UPDATE tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL',
      [deviceId],
    );
  }
  const token = newToken();
  await db.query('INSERT INTO tokens (token_hash, device_id) VALUES ($1, $2)', [
    hashToken(token),
    deviceId,
  ]);
  return { token, deviceId };
}

export type TokenCheck =
  | { ok: true; user: AuthUser }
  | { ok: false; reason: 'unknown' | 'revoked' | 'disabled' | 'compromised' | 'expired' };

/**
 * Resolves a Bearer token to its user; refuses revoked tokens, revoked devices, disabled accounts
 * and expired tokens (SESSION_LIFETIME, measured on the database's clock).
 */
export async function checkToken(db: Queryable, token: string): Promise<TokenCheck> {
  const hash = hashToken(token);
  const result = await db.query(
    `SELECT t.revoked_at AS token_revoked, t.last_used_at, d.id AS device_id, d.name AS device_name,
            d.revoked_at AS device_revoked, a.id AS account_id, a.login, a.display_name,
            a.staff_id, a.roles, a.disabled,
            (a.compromised_at IS NOT NULL AND t.created_at <= a.compromised_at) AS compromised,
            (t.last_used_at < now() - $2::double precision * interval '1 millisecond'
              OR t.created_at < now() - $3::double precision * interval '1 millisecond') AS expired
     FROM tokens t JOIN devices d ON d.id = t.device_id JOIN accounts a ON a.id = d.account_id
     WHERE t.token_hash = $1`,
    [hash, SESSION_LIFETIME.idleMs, SESSION_LIFETIME.absoluteMs],
  );
  const row = result.rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.token_revoked !== null || row.device_revoked !== null)
    return { ok: false, reason: row.compromised === true ? 'compromised' : 'revoked' };
  if (row.disabled === true) return { ok: false, reason: 'disabled' };
  if (row.expired === true) return { ok: false, reason: 'expired' };
  // Record use at most once a minute: one write per request would be wasteful.
  await db.query(
    `UPDATE tokens SET last_used_at = now()
     WHERE token_hash = $1 AND last_used_at < now() - interval '1 minute'`,
    [hash],
  );
  return {
    ok: true,
    user: {
      accountId: String(row.account_id),
      login: String(row.login),
      displayName: String(row.display_name ?? ''),
      staffId: row.staff_id === null ? null : String(row.staff_id),
      roles: parseRoles(row.roles),
      deviceId: String(row.device_id),
      deviceName: String(row.device_name),
    },
  };
}

export async function revokeToken(db: Queryable, token: string): Promise<void> {
  await db.query(
    'UPDATE tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashToken(token)],
  );
}

/** Revokes the device and every token issued to it. */
export async function revokeDevice(db: Queryable, deviceId: string): Promise<boolean> {
  const result = await db.query(
    'UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
    [deviceId],
  );
  await db.query(
    'UPDATE tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL',
    [deviceId],
  );
  return result.rowCount > 0;
}

export async function listDevices(db: Queryable, accountId?: string): Promise<Device[]> {
  const result = await db.query(
    `SELECT d.*, a.login FROM devices d JOIN accounts a ON a.id = d.account_id
     WHERE ($1::text IS NULL OR d.account_id = $1) ORDER BY a.login, d.created_at`,
    [accountId ?? null],
  );
  return result.rows.map((row) => ({
    id: String(row.id),
    accountId: String(row.account_id),
    login: String(row.login),
    name: String(row.name),
    createdAt: toIsoTime(row.created_at),
    lastSeenAt: toIsoTime(row.last_seen_at),
    lastIp: row.last_ip === null ? null : String(row.last_ip),
    revokedAt: toIsoTime(row.revoked_at),
  }));
}
