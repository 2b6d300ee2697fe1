import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../server/auth/rate-limit';

describe('login failure limiter', () => {
  const make = () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(
      { maxFailures: 5, baseLockMs: 30_000, maxLockMs: 120_000, forgetAfterMs: 3_600_000 },
      () => now,
    );
    return { limiter, advance: (ms: number) => (now += ms) };
  };

  it('lets 4 failures pass and locks at the 5th, doubling up to the ceiling', () => {
    const { limiter, advance } = make();
    for (let i = 0; i < 4; i += 1) limiter.fail('ivanova');
    expect(limiter.retryAfterMs('ivanova')).toBe(0);
    limiter.fail('ivanova');
    expect(limiter.retryAfterMs('ivanova')).toBe(30_000);
    advance(30_000);
    expect(limiter.retryAfterMs('ivanova')).toBe(0);
    limiter.fail('ivanova');
    expect(limiter.retryAfterMs('ivanova')).toBe(60_000);
    advance(60_000);
    limiter.fail('ivanova');
    expect(limiter.retryAfterMs('ivanova')).toBe(120_000);
    advance(120_000);
    limiter.fail('ivanova');
    expect(limiter.retryAfterMs('ivanova')).toBe(120_000);
    expect(limiter.retryAfterMs('petrov')).toBe(0);
  });

  it('forgets after success and after a quiet hour', () => {
    const { limiter, advance } = make();
    for (let i = 0; i < 5; i += 1) limiter.fail('a');
    limiter.reset('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
    for (let i = 0; i < 4; i += 1) limiter.fail('b');
    advance(3_600_001);
    limiter.fail('b');
    expect(limiter.retryAfterMs('b')).toBe(0);
  });
});
