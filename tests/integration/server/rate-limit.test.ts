// The wrong-password counters live in the database: the doubling waits, forgetting, and two
// server processes (two limiters on one database) counting one guesser once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLimiter, type RateLimitOptions } from '../../../server/auth/rate-limit';
import { LoginLockout, DEFAULT_LOCKOUT } from '../../../server/auth/lockout';
import type { Db } from '../../../server/db/db';
import { openDb } from '../../../server/db/open';

let db: Db;
beforeAll(async () => {
  db = await openDb();
});
afterAll(async () => {
  await db?.close();
});

const OPTIONS: RateLimitOptions = {
  maxFailures: 5,
  baseLockMs: 30_000,
  maxLockMs: 120_000,
  forgetAfterMs: 3_600_000,
};

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('login failure limiter (in the database)', () => {
  it('lets 4 failures pass and locks at the 5th, doubling up to the ceiling', async () => {
    const { now, advance } = clock();
    const limiter = new FailureLimiter(db, 'test-doubling', OPTIONS, now);
    const ivanova = { login: 'ivanova' };
    for (let i = 0; i < 4; i += 1) await limiter.fail(ivanova);
    expect(await limiter.retryAfterMs(ivanova)).toBe(0);
    expect(await limiter.fail(ivanova)).toBe(5);
    expect(await limiter.retryAfterMs(ivanova)).toBe(30_000);
    advance(30_000);
    expect(await limiter.retryAfterMs(ivanova)).toBe(0);
    await limiter.fail(ivanova);
    expect(await limiter.retryAfterMs(ivanova)).toBe(60_000);
    advance(60_000);
    await limiter.fail(ivanova);
    expect(await limiter.retryAfterMs(ivanova)).toBe(120_000);
    advance(120_000);
    await limiter.fail(ivanova);
    expect(await limiter.retryAfterMs(ivanova)).toBe(120_000);
    expect(await limiter.retryAfterMs({ login: 'petrov' })).toBe(0);
    // Another counter of the same login is its own.
    const other = new FailureLimiter(db, 'test-other', OPTIONS, now);
    expect(await other.retryAfterMs(ivanova)).toBe(0);
  });

  it('forgets after success and after a quiet hour', async () => {
    const { now, advance } = clock();
    const limiter = new FailureLimiter(db, 'test-forget', OPTIONS, now);
    for (let i = 0; i < 5; i += 1) await limiter.fail({ login: 'a' });
    await limiter.reset({ login: 'a' });
    expect(await limiter.retryAfterMs({ login: 'a' })).toBe(0);
    for (let i = 0; i < 4; i += 1) await limiter.fail({ login: 'b' });
    advance(3_600_001);
    expect(await limiter.fail({ login: 'b' })).toBe(1);
    expect(await limiter.retryAfterMs({ login: 'b' })).toBe(0);
    // Locked, then quiet for an hour: no wait is left over either.
    for (let i = 0; i < 5; i += 1) await limiter.fail({ login: 'c' });
    advance(3_600_001);
    expect(await limiter.retryAfterMs({ login: 'c' })).toBe(0);
    expect(await limiter.fail({ login: 'c' })).toBe(1);
    expect(await limiter.retryAfterMs({ login: 'c' })).toBe(0);
  });

  it('counts concurrent failures of one subject, each once', async () => {
    const limiter = new FailureLimiter(db, 'test-concurrent', OPTIONS, clock().now);
    const counts = await Promise.all(
      Array.from({ length: 12 }, () => limiter.fail({ login: 'x', address: '10.0.0.1' })),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});

describe('two server processes on one database share the lockout', () => {
  it('a guesser split over two processes is counted once; an unlock in one frees both', async () => {
    const { now } = clock();
    const options = { ...DEFAULT_LOCKOUT, loginAddress: { ...OPTIONS, maxFailures: 4 } };
    const first = new LoginLockout(db, options, now);
    const second = new LoginLockout(db, options, now);
    const ip = '203.0.113.7';
    // Known address: only the login + address counter applies.
    await first.fail('shared', ip, true);
    await second.fail('shared', ip, true);
    await first.fail('shared', ip, true);
    expect(await second.waitMs('shared', ip, true)).toBe(0);
    expect(await second.fail('shared', ip, true)).toBe(4);
    expect(await first.waitMs('shared', ip, true)).toBe(30_000);
    expect(await second.lockedLogins(['shared', 'nobody'])).toEqual(new Set(['shared']));
    expect(await second.unlock('shared')).toBe(1);
    expect(await first.waitMs('shared', ip, true)).toBe(0);
    expect(await first.lockedLogins(['shared'])).toEqual(new Set());
  });
});
