// The one-home helpers of shared/: Russian dates, canonical JSON, RxDB's fields, the serial queue,
// fresh ids. Expected values are written out by hand from the calendar and the rules.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatDayMonth,
  todayIso,
  weekday,
  WEEKDAY_SHORT,
} from '../../shared/dates';
import { newGuardianId, newId, newStudentId } from '../../shared/ids';
import { canonical, canonicalText, jsonEqual } from '../../shared/json';
import { ownFields, wireState } from '../../shared/rxdb-fields';
import { SerialQueue } from '../../shared/serial-queue';

describe('dates', () => {
  it('writes ДД.ММ.ГГГГ and ДД.ММ, and leaves what is not a date as it is', () => {
    expect(formatDate('2026-10-12')).toBe('12.10.2026');
    expect(formatDate('2027-01-05')).toBe('05.01.2027');
    expect(formatDayMonth('2026-09-01')).toBe('01.09');
    expect(formatDate('')).toBe('');
    expect(formatDate('12.10.2026')).toBe('12.10.2026');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
  });

  it('adds calendar days across months, years, leap days and the clock change', () => {
    expect(addDays('2026-12-28', 14)).toBe('2027-01-11');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // 29 March 2026: daylight saving starts in most of Europe (a 23-hour day).
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(() => addDays('не дата', 1)).toThrow(RangeError);
  });

  it('numbers weekdays from Monday and names them in Russian', () => {
    // 1 September 2026 is a Tuesday; 6 September 2026 a Sunday.
    expect(weekday('2026-09-01')).toBe(1);
    expect(weekday('2026-09-06')).toBe(6);
    expect(weekday('2026-09-07')).toBe(0);
    expect(WEEKDAY_SHORT[weekday('2026-09-01')]).toBe('вт');
  });

  it('writes a moment in local time, seconds on request', () => {
    const moment = new Date(2026, 10, 23, 8, 4, 9);
    expect(formatDateTime(moment)).toBe('23.11.2026 08:04');
    expect(formatDateTime(moment.getTime(), { seconds: true })).toBe('23.11.2026 08:04:09');
    expect(formatDateTime('не время')).toBe('не время');
  });

  it('takes today from the local calendar', () => {
    expect(todayIso(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
    expect(todayIso(new Date(2027, 0, 1, 0, 1))).toBe('2027-01-01');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined properties', () => {
    expect(canonicalText({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
    expect(canonicalText(undefined)).toBe('');
    expect(canonicalText([undefined])).toBe('[null]');
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const input = JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown;
    const out = canonical(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(canonicalText(input)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it('compares structure, not key order; undefined is absent', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, { a: 0 })).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
    expect(jsonEqual(null, undefined)).toBe(false);
  });
});

describe("RxDB's own fields", () => {
  const stored = {
    id: 'l1',
    topic: 'Дроби',
    _rev: '3-abc',
    _meta: { lwt: 1 },
    _attachments: {},
    _deleted: true,
  };

  it('strips every underscore field for the content, keeps a boolean _deleted for the wire', () => {
    expect(ownFields(stored)).toEqual({ id: 'l1', topic: 'Дроби' });
    expect(wireState(stored)).toEqual({ id: 'l1', topic: 'Дроби', _deleted: true });
    expect(wireState({ id: 'x' })).toEqual({ id: 'x', _deleted: false });
  });
});

describe('serial queue', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs one key in order, other keys alongside, and survives a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (key: string, name: string, ms: number, fail = false) =>
      queue.run(key, async () => {
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([
      task('a', 'a1', 30),
      task('a', 'a2', 1, true),
      task('b', 'b1', 1),
      task('a', 'a3', 1),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const a = log.filter((l) => l.includes(' a'));
    expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    // b1 did not wait for a1.
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('without a key, everything runs in one line', async () => {
    const queue = new SerialQueue();
    const log: number[] = [];
    await Promise.all(
      [20, 1, 5].map((ms, i) =>
        queue.run(async () => {
          log.push(i);
          await sleep(ms);
          log.push(i);
        }),
      ),
    );
    expect(log).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('ids', () => {
  it('gives a prefix and 16 base-36 characters, different every time', () => {
    expect(newStudentId()).toMatch(/^st-[0-9a-z]{16}$/);
    expect(newGuardianId()).toMatch(/^gd-[0-9a-z]{16}$/);
    expect(newId('staff')).toMatch(/^staff-[0-9a-z]{16}$/);
    const many = new Set(Array.from({ length: 1000 }, () => newStudentId()));
    expect(many.size).toBe(1000);
  });
});
