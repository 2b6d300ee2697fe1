// The clock rule's words and the strict stamp schema (shared/clock-skew.ts, shared/stamp.ts).
import { describe, expect, it } from 'vitest';
import {
  CLOCK_BEHIND_WARNING_MS,
  CLOCK_WARNING_MS,
  clockAheadRefusal,
  clockBadge,
  clockWarning,
  durationText,
  MAX_STAMP_AHEAD_MS,
  stampAheadMs,
} from '../../shared/clock-skew';
import { encodeHlc } from '../../shared/hlc';
import { StampSchema } from '../../shared/stamp';

const MIN = 60_000;

describe('clock rule', () => {
  it('warns before the server starts refusing, and the window is minutes', () => {
    expect(CLOCK_WARNING_MS).toBeLessThan(MAX_STAMP_AHEAD_MS);
    expect(MAX_STAMP_AHEAD_MS).toBe(5 * MIN);
    expect(CLOCK_BEHIND_WARNING_MS).toBeGreaterThan(CLOCK_WARNING_MS);
  });

  it('measures a stamp against a time', () => {
    const at = encodeHlc({ wallMs: 1_800_000_000_000, counter: 7, node: 'pc1' });
    expect(stampAheadMs(at, 1_800_000_000_000 - 90_000)).toBe(90_000);
    expect(stampAheadMs(at, 1_800_000_000_000 + 5)).toBe(-5);
  });

  it('says the size of a difference in Russian', () => {
    expect(durationText(40_000)).toBe('40 с');
    expect(durationText(7 * MIN)).toBe('7 мин');
    expect(durationText(-7 * MIN)).toBe('7 мин');
    expect(durationText(192 * MIN)).toBe('3 ч 12 мин');
    expect(durationText(120 * MIN)).toBe('2 ч');
    expect(durationText(365 * 24 * 60 * MIN)).toBe('365 дн.');
  });

  it('refuses and warns with the computer’s clock named', () => {
    expect(clockAheadRefusal(12 * MIN)).toBe(
      'Часы компьютера, на котором сделано изменение, спешат на 12 мин: изменение не принято. ' +
        'Исправьте дату и время на компьютере и внесите изменение снова',
    );
    expect(clockWarning(MIN)).toBeNull();
    expect(clockWarning(-30 * MIN)).toBeNull();
    expect(clockWarning(3 * MIN)).toMatch(
      /^Часы компьютера спешат на 3 мин относительно сервера школы/,
    );
    expect(clockWarning(-2 * 60 * MIN)).toMatch(/^Часы компьютера отстают на 2 ч от сервера школы/);
    expect(clockBadge(3 * MIN)).toBe('Часы спешат на 3 мин: исправьте время');
    expect(clockBadge(-2 * 60 * MIN)).toBe('Часы отстают на 2 ч: исправьте время');
    expect(clockBadge(MIN)).toBeNull();
  });
});

describe('stamp schema', () => {
  it('takes exactly the HLC encoding', () => {
    const good = encodeHlc({ wallMs: 1_800_000_000_000, counter: 0, node: 'd1a2b3' });
    expect(StampSchema.safeParse({ at: good, by: 'staff-1' }).success).toBe(true);
    for (const at of ['~', '', '999999999999999-99999-x-y', '1800000000000-00000-pc', `${good} `]) {
      expect(StampSchema.safeParse({ at, by: 'staff-1' }).success, at).toBe(false);
    }
  });
});
