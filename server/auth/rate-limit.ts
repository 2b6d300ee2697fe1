// Login throttling: after `maxFailures` failed attempts for one key (see lockout.ts for the keys),
// further attempts wait for a period that doubles with each further failure, up to a ceiling.
// Kept in memory: a restart forgets it, which is acceptable for one school's server.

export interface RateLimitOptions {
  /** Failures allowed before a lockout starts. */
  maxFailures: number;
  /** First lockout length; doubles with every further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the key must still wait, 0 when it may try now. */
  retryAfterMs(key: string): number {
    const entry = this.current(key);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Records a failure; returns the failure count. */
  fail(key: string): number {
    const now = this.now();
    const entry = this.current(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
    entry.failures += 1;
    entry.lastFailure = now;
    if (entry.failures >= this.options.maxFailures) {
      const exponent = entry.failures - this.options.maxFailures;
      const lock = Math.min(this.options.baseLockMs * 2 ** exponent, this.options.maxLockMs);
      entry.lockedUntil = now + lock;
    }
    this.entries.set(key, entry);
    this.prune(now);
    return entry.failures;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** True when some key the predicate accepts must still wait. */
  waitingWhere(matches: (key: string) => boolean): boolean {
    for (const key of [...this.entries.keys()]) {
      if (matches(key) && this.retryAfterMs(key) > 0) return true;
    }
    return false;
  }

  /** Forgets every key the predicate accepts; returns how many there were. */
  resetWhere(matches: (key: string) => boolean): number {
    let count = 0;
    for (const key of [...this.entries.keys()]) {
      if (matches(key)) {
        this.entries.delete(key);
        count += 1;
      }
    }
    return count;
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailure > this.options.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    if (this.entries.size < 10_000) return;
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailure > this.options.forgetAfterMs) this.entries.delete(key);
    }
  }
}
