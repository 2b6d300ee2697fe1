// Unlocking a login after wrong passwords, one rule for staff and family logins (the admin's
// «Разблокировать», the console's `unlock`, the class teacher's family login): every wait of the
// login at every address is cleared, and the unlock goes into the security log of sign-in
// attempts (outcome 'unlocked', the address it was done from, the account unlocked) and the
// server's log (who did it).
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../db/db';
import { recordLoginAttempt } from './login-attempts';
import type { LoginLockout } from './lockout';

export interface UnlockTarget {
  /** The login as the lockout counts it (family logins carry their prefix, `diary:`). */
  key: string;
  accountId: string | null;
}

/** Clears the login's waits and records it; returns how many counters were cleared. */
export async function unlockLogin(
  db: Queryable,
  lockout: LoginLockout,
  target: UnlockTarget,
  by: { login: string; ip: string | null; log?: FastifyBaseLogger },
): Promise<number> {
  const cleared = await lockout.unlock(target.key);
  await recordLoginAttempt(db, {
    login: target.key,
    ip: by.ip,
    outcome: 'unlocked',
    accountId: target.accountId,
  });
  by.log?.warn({ login: target.key, by: by.login, cleared }, 'login unlocked');
  return cleared;
}
