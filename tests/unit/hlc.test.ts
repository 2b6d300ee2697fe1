// The hybrid logical clock: string order is causal order, and wrong PC clocks cannot break it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ClockDriftError,
  DEFAULT_MAX_DRIFT_MS,
  MAX_COUNTER,
  compareHlc,
  createClock,
  decodeHlc,
  encodeHlc,
  isValidNodeId,
} from '../../shared/hlc';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 8, 1, 8, 30); // 1 September, first lesson

/** A controllable wall clock. */
function fakeTime(start = T0) {
  let t = start;
  return {
    now: () => t,
    set: (v: number) => {
      t = v;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const nodeArb = fc.stringMatching(/^[A-Za-z0-9_.:]{1,12}$/);
const hlcArb = fc.record({
  wallMs: fc.integer({ min: 0, max: 4_102_444_800_000 }), // up to 2100
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  node: nodeArb,
});

describe('encodeHlc / decodeHlc', () => {
  it('encodes fixed-width fields', () => {
    expect(encodeHlc({ wallMs: 1, counter: 2, node: 'pc1' })).toBe('000000000000001-00002-pc1');
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(hlcArb, (t) => {
        expect(decodeHlc(encodeHlc(t))).toEqual(t);
      }),
    );
  });

  it('string order equals (wallMs, counter, node) order', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (x, y) => {
        const tuple =
          x.wallMs !== y.wallMs
            ? Math.sign(x.wallMs - y.wallMs)
            : x.counter !== y.counter
              ? Math.sign(x.counter - y.counter)
              : x.node < y.node
                ? -1
                : x.node > y.node
                  ? 1
                  : 0;
        expect(compareHlc(encodeHlc(x), encodeHlc(y))).toBe(tuple);
      }),
    );
  });

  it('rejects malformed input and node ids containing the separator', () => {
    expect(() => decodeHlc('garbage')).toThrow(/Malformed/);
    expect(() => decodeHlc('1-2-pc1')).toThrow(/Malformed/);
    expect(() => encodeHlc({ wallMs: 1, counter: 0, node: 'pc-1' })).toThrow(/node id/);
    expect(() => encodeHlc({ wallMs: -1, counter: 0, node: 'pc1' })).toThrow(/wall/);
    expect(() => encodeHlc({ wallMs: 1, counter: MAX_COUNTER + 1, node: 'pc1' })).toThrow(
      /counter/,
    );
    expect(isValidNodeId('')).toBe(false);
    expect(isValidNodeId('pc-12')).toBe(false);
    expect(isValidNodeId('room12:pc3')).toBe(true);
    expect(() => createClock('bad-node')).toThrow(/node id/);
  });
});

describe('createClock', () => {
  it('tick uses the wall clock when it moves forward', () => {
    const time = fakeTime();
    const clock = createClock('pc1', time.now);
    expect(decodeHlc(clock.tick())).toEqual({ wallMs: T0, counter: 0, node: 'pc1' });
    expect(decodeHlc(clock.tick())).toEqual({ wallMs: T0, counter: 1, node: 'pc1' });
    time.advance(5);
    expect(decodeHlc(clock.tick())).toEqual({ wallMs: T0 + 5, counter: 0, node: 'pc1' });
  });

  it('tick stays monotonic when the wall clock jumps back', () => {
    const time = fakeTime();
    const clock = createClock('pc1', time.now);
    const before = clock.tick();
    time.advance(-3 * DAY); // someone "fixed" the PC's clock
    const after = clock.tick();
    expect(compareHlc(after, before)).toBe(1);
    expect(decodeHlc(after).wallMs).toBe(T0);
  });

  it('counter overflow borrows the next millisecond', () => {
    const clock = createClock('pc1', () => T0, {
      last: encodeHlc({ wallMs: T0, counter: MAX_COUNTER, node: 'pc1' }),
    });
    expect(decodeHlc(clock.tick())).toEqual({ wallMs: T0 + 1, counter: 0, node: 'pc1' });
  });

  it('restores the last issued timestamp so a restart never goes back', () => {
    const last = encodeHlc({ wallMs: T0 + DAY, counter: 7, node: 'pc1' });
    const clock = createClock('pc1', () => T0, { last });
    expect(compareHlc(clock.tick(), last)).toBe(1);
  });

  it('receive advances past a remote timestamp from a clock that runs ahead', () => {
    const behind = createClock('school', () => T0 - 3 * DAY);
    const ahead = createClock('home', () => T0);
    const remote = ahead.tick();
    const received = behind.receive(remote);
    expect(compareHlc(received, remote)).toBe(1);
    expect(compareHlc(behind.tick(), remote)).toBe(1);
    expect(behind.last()).not.toBe(received);
  });

  it('receive of an older timestamp still moves forward', () => {
    const time = fakeTime();
    const clock = createClock('pc1', time.now);
    const mine = clock.tick();
    const old = encodeHlc({ wallMs: T0 - DAY, counter: 3, node: 'pc2' });
    expect(compareHlc(clock.receive(old), mine)).toBe(1);
  });

  it('receive with equal wall times takes the larger counter', () => {
    const clock = createClock('pc1', () => T0);
    clock.tick();
    const remote = encodeHlc({ wallMs: T0, counter: 40, node: 'pc2' });
    expect(decodeHlc(clock.receive(remote))).toEqual({ wallMs: T0, counter: 41, node: 'pc1' });
  });

  it('rejects a remote clock more than the maximum drift ahead', () => {
    const clock = createClock('pc1', () => T0);
    const sane = encodeHlc({ wallMs: T0 + DEFAULT_MAX_DRIFT_MS, counter: 0, node: 'pc2' });
    const broken = encodeHlc({ wallMs: T0 + DEFAULT_MAX_DRIFT_MS + 1, counter: 0, node: 'pc2' });
    const before = clock.last();
    expect(() => clock.receive(broken)).toThrow(ClockDriftError);
    expect(clock.last()).toBe(before); // a refused timestamp leaves the clock untouched
    expect(() => clock.receive(sane)).not.toThrow();

    const strict = createClock('pc3', () => T0, { maxDriftMs: DAY });
    const twoDays = encodeHlc({ wallMs: T0 + 2 * DAY, counter: 0, node: 'pc2' });
    expect(() => strict.receive(twoDays)).toThrow(/ahead of local time/);
  });

  it('survives a broken wall clock (NaN, negative)', () => {
    const nan = createClock('pc1', () => Number.NaN);
    expect(decodeHlc(nan.tick()).wallMs).toBe(0);
    const negative = createClock('pc1', () => -5);
    expect(decodeHlc(negative.tick()).wallMs).toBe(0);
  });

  it('every issued timestamp exceeds all issued and received before it (random skews)', () => {
    const event = fc.record({
      node: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('tick', 'send'),
      to: fc.integer({ min: 0, max: 2 }),
      dt: fc.integer({ min: -2 * DAY, max: 60_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5 * DAY, max: 5 * DAY }), { minLength: 3, maxLength: 3 }),
        fc.array(event, { maxLength: 60 }),
        (skews, events) => {
          const time = fakeTime();
          const clocks = skews.map((skew, i) => createClock(`n${i}`, () => time.now() + skew));
          const seen = clocks.map(() => '');
          for (const e of events) {
            time.advance(e.dt);
            const clock = clocks[e.node]!;
            const issued = clock.tick();
            expect(issued > seen[e.node]!).toBe(true);
            seen[e.node] = issued;
            if (e.kind === 'send' && e.to !== e.node) {
              const received = clocks[e.to]!.receive(issued);
              expect(received > issued && received > seen[e.to]!).toBe(true);
              seen[e.to] = received;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
