// The account side of a compromise: every device and token of the account is revoked at once, and
// the password is voided until an administrator sets a new one (setPassword in auth/accounts.ts).
import type { Queryable } from '../db/db';
import { voidPassword, type AccountWithHash } from '../auth/accounts';

export interface Revocation {
  devices: number;
  tokens: number;
  passwordVoided: boolean;
}

export async function revokeAccount(tx: Queryable, account: AccountWithHash): Promise<Revocation> {
  const tokens = await tx.query(
    `UPDATE tokens SET revoked_at = now()
     WHERE revoked_at IS NULL AND device_id IN (SELECT id FROM devices WHERE account_id = $1)`,
    [account.id],
  );
  const devices = await tx.query(
    'UPDATE devices SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL',
    [account.id],
  );
  // A repeated marking before the owner got a new password changes nothing here.
  const passwordVoided = !account.passwordResetRequired;
  if (passwordVoided) await voidPassword(tx, account.id);
  return { devices: devices.rowCount, tokens: tokens.rowCount, passwordVoided };
}
