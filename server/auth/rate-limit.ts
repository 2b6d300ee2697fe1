// Login throttling: after `maxFailures` failed attempts for one subject (see lockout.ts for the
// counters), further attempts wait for a period that doubles with each further failure, up to a
// ceiling. Kept in the database (`login_failures`), not in a process: several server processes
// on one PostgreSQL count one guesser once, and an unlock in one is seen by all. One statement
// per failure, so concurrent failures of one subject are all counted.
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';

export interface RateLimitOptions {
  /** Failures allowed before a lockout starts. */
  maxFailures: number;
  /** First lockout length; doubles with every further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

/** What a counter counts: a login, an address, or both together ('' where not used). */
export interface FailureSubject {
  login?: string;
  address?: string;
}

/** Rows left by subjects quiet for longer than their counter's forget time are removed this often. */
const PRUNE_EVERY = 200;

export class FailureLimiter {
  private failuresSincePrune = 0;

  constructor(
    private readonly db: Queryable,
    /** The counter's name in `login_failures` (one table for every counter). */
    readonly counter: string,
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the subject must still wait, 0 when it may try now. */
  async retryAfterMs(subject: FailureSubject): Promise<number> {
    const now = this.now();
    const r = await this.db.query(
      `SELECT locked_until_ms FROM login_failures
       WHERE counter = $1 AND login = $2 AND address = $3 AND last_failure_ms >= $4::bigint`,
      [this.counter, subject.login ?? '', subject.address ?? '', now - this.options.forgetAfterMs],
    );
    const until = r.rows.length > 0 ? toNumber(r.rows[0]!.locked_until_ms) : 0;
    return Math.max(0, until - now);
  }

  /** Records a failure; returns the subject's failure count. */
  async fail(subject: FailureSubject): Promise<number> {
    const now = this.now();
    const { maxFailures, baseLockMs, maxLockMs, forgetAfterMs } = this.options;
    // The count restarts after a quiet `forgetAfterMs`; from the maxFailures-th failure on, the
    // lock is base·2^(count − max), capped.
    const forgotten = '$4::bigint - $8::bigint > f.last_failure_ms';
    const count = `(CASE WHEN ${forgotten} THEN 1 ELSE f.failures + 1 END)`;
    const lockFrom = (n: string) =>
      `$4::bigint + least($6::bigint * power(2, ${n} - $5::integer), $7::bigint)::bigint`;
    const r = await this.db.query(
      `INSERT INTO login_failures AS f
         (counter, login, address, failures, last_failure_ms, locked_until_ms)
       VALUES ($1, $2, $3, 1, $4::bigint,
               CASE WHEN 1 >= $5::integer THEN ${lockFrom('1')} ELSE 0 END)
       ON CONFLICT (counter, login, address) DO UPDATE SET
         failures = ${count},
         last_failure_ms = $4::bigint,
         locked_until_ms = CASE WHEN ${count} >= $5::integer THEN ${lockFrom(count)}
                                WHEN ${forgotten} THEN 0 ELSE f.locked_until_ms END
       RETURNING failures`,
      [
        this.counter,
        subject.login ?? '',
        subject.address ?? '',
        now,
        maxFailures,
        baseLockMs,
        maxLockMs,
        forgetAfterMs,
      ],
    );
    this.failuresSincePrune += 1;
    if (this.failuresSincePrune >= PRUNE_EVERY) {
      this.failuresSincePrune = 0;
      await this.db.query(
        'DELETE FROM login_failures WHERE counter = $1 AND last_failure_ms < $2::bigint',
        [this.counter, now - forgetAfterMs],
      );
    }
    return toNumber(r.rows[0]!.failures);
  }

  async reset(subject: FailureSubject): Promise<void> {
    await this.db.query(
      'DELETE FROM login_failures WHERE counter = $1 AND login = $2 AND address = $3',
      [this.counter, subject.login ?? '', subject.address ?? ''],
    );
  }

  /** Of these logins, those that must still wait at some address under this counter. */
  async waitingLogins(logins: readonly string[]): Promise<Set<string>> {
    if (logins.length === 0) return new Set();
    const r = await this.db.query(
      `SELECT DISTINCT login FROM login_failures
       WHERE counter = $1 AND login = ANY($2::text[]) AND locked_until_ms > $3::bigint`,
      [this.counter, [...logins], this.now()],
    );
    return new Set(r.rows.map((row) => String(row.login)));
  }

  /** Forgets the login at every address under this counter; returns how many rows there were. */
  async resetLogin(login: string): Promise<number> {
    const r = await this.db.query(
      'DELETE FROM login_failures WHERE counter = $1 AND login = $2 RETURNING 1',
      [this.counter, login],
    );
    return r.rows.length;
  }
}
