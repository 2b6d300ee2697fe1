// Who waits after wrong passwords (docs/SECURITY.md, «Блокировка входа»). Three counters, each a
// growing delay (FailureLimiter), none a lock the attacker can put on the school:
//   1. per login + address: the guesser at one address waits; the owner elsewhere does not;
//   2. per login, over addresses the login has never signed in from (90 days): many addresses
//      guessing one login slow down, the owner's usual addresses are not affected;
//   3. per address, over logins never signed in from it: spraying many logins from one address
//      slows down, while the staff who already work from that address (one school, one NAT) are
//      not affected.
// An administrator clears a login's counters (unlock). Counters live in the database
// (rate-limit.ts): every server process on it sees the same waits, and a restart keeps them.
import type { Queryable } from '../db/db';
import { FailureLimiter, type RateLimitOptions } from './rate-limit';

export interface LockoutOptions {
  /** Per login + address. */
  loginAddress: RateLimitOptions;
  /** Per login, failures from addresses it never signed in from. */
  loginNewAddresses: RateLimitOptions;
  /** Per address, failures for logins never signed in from it. */
  addressNewLogins: RateLimitOptions;
}

const MINUTE = 60_000;

export const DEFAULT_LOCKOUT: LockoutOptions = {
  loginAddress: {
    maxFailures: 5,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
  loginNewAddresses: {
    maxFailures: 10,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
  addressNewLogins: {
    maxFailures: 20,
    baseLockMs: 30_000,
    maxLockMs: 15 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
};

/** An address counts as the login's own after a successful sign-in from it within this time. */
export const KNOWN_ADDRESS_DAYS = 90;

export class LoginLockout {
  private readonly byLoginAddress: FailureLimiter;
  private readonly byLogin: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(
    private readonly db: Queryable,
    options: LockoutOptions = DEFAULT_LOCKOUT,
    now: () => number = Date.now,
  ) {
    this.byLoginAddress = new FailureLimiter(db, 'login-address', options.loginAddress, now);
    this.byLogin = new FailureLimiter(db, 'login-new-addresses', options.loginNewAddresses, now);
    this.byAddress = new FailureLimiter(db, 'address-new-logins', options.addressNewLogins, now);
  }

  /** True when the login signed in successfully from this address recently. */
  async isKnownAddress(login: string, ip: string): Promise<boolean> {
    const result = await this.db.query(
      `SELECT 1 FROM login_attempts
       WHERE login = $1 AND ip = $2 AND outcome = 'success'
         AND at > now() - $3::integer * interval '1 day'
       LIMIT 1`,
      [login, ip, KNOWN_ADDRESS_DAYS],
    );
    return result.rows.length > 0;
  }

  /** Milliseconds this login must still wait at this address (0: it may try now). */
  async waitMs(login: string, ip: string, known: boolean): Promise<number> {
    const own = await this.byLoginAddress.retryAfterMs({ login, address: ip });
    if (known) return own;
    return Math.max(
      own,
      await this.byLogin.retryAfterMs({ login }),
      await this.byAddress.retryAfterMs({ address: ip }),
    );
  }

  /** Records a wrong password (or an unknown login); returns the login+address failure count. */
  async fail(login: string, ip: string, known: boolean): Promise<number> {
    const failures = await this.byLoginAddress.fail({ login, address: ip });
    if (!known) {
      await this.byLogin.fail({ login });
      await this.byAddress.fail({ address: ip });
    }
    return failures;
  }

  async succeed(login: string, ip: string): Promise<void> {
    await this.byLoginAddress.reset({ login, address: ip });
  }

  /** Clears every counter of the login (all addresses); returns how many were cleared. */
  async unlock(login: string): Promise<number> {
    return (await this.byLoginAddress.resetLogin(login)) + (await this.byLogin.resetLogin(login));
  }

  /** Of these logins, those that must wait at some address (what an unlock would clear). */
  async lockedLogins(logins: readonly string[]): Promise<Set<string>> {
    const locked = await this.byLogin.waitingLogins(logins);
    for (const login of await this.byLoginAddress.waitingLogins(logins)) locked.add(login);
    return locked;
  }
}
