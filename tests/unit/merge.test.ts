// Per-part merge: converges in any order, never loses an edit silently, tolerates wrong clocks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createClock, encodeHlc, type Clock } from '../../shared/hlc';
import {
  compareStamps,
  diffParts,
  getPart,
  mergeDocuments,
  setPart,
  splitPath,
} from '../../shared/merge';
import type { Stamp, Stamps } from '../../shared/stamp';

interface Mark {
  value: number;
  workType: string;
}
interface Entry {
  marks: Mark[];
  attendance: string | null;
}
interface Lesson {
  id: string;
  courseId: string;
  date: string;
  topic?: string;
  homework?: string;
  entries: Record<string, Entry>;
  stamps: Stamps;
}

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.UTC(2025, 8, 1, 8, 30);

function at(wallMs: number, counter = 0, node = 'pc1'): string {
  return encodeHlc({ wallMs, counter, node });
}
function stamp(wallMs: number, by = 't1', node = 'pc1'): Stamp {
  return { at: at(wallMs, 0, node), by };
}

const base: Lesson = {
  id: 'ls-1',
  courseId: 'c-math-5a',
  date: '2025-09-01',
  entries: {},
  stamps: {},
};

const five: Entry = { marks: [{ value: 5, workType: 'answer' }], attendance: null };
const four: Entry = { marks: [{ value: 4, workType: 'test' }], attendance: null };
const absent: Entry = { marks: [], attendance: 'н' };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('worked examples', () => {
  it('keeps concurrent edits to different students', () => {
    const a = setPart(base, 'entries.st-0001', five, stamp(T0, 't1', 'pc1'));
    const b = setPart(base, 'entries.st-0002', absent, stamp(T0 - DAY, 't2', 'pc2'));
    const { merged, superseded, identityConflicts } = mergeDocuments(a, b);
    expect(merged.entries).toEqual({ 'st-0001': five, 'st-0002': absent });
    expect(Object.keys(merged.stamps)).toEqual(['entries.st-0001', 'entries.st-0002']);
    expect(superseded).toEqual([]);
    expect(identityConflicts).toEqual([]);
  });

  it('same student: the newer stamp wins and the loser is reported', () => {
    const older = stamp(T0, 't1', 'pc1');
    const newer = stamp(T0 + MINUTE, 't2', 'pc2');
    const a = setPart(base, 'entries.st-0001', five, older);
    const b = setPart(base, 'entries.st-0001', four, newer);
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const { merged, superseded } = mergeDocuments(x, y);
      expect(merged.entries['st-0001']).toEqual(four);
      expect(merged.stamps['entries.st-0001']).toEqual(newer);
      expect(superseded).toEqual([{ path: 'entries.st-0001', value: five, stamp: older }]);
    }
  });

  it('equal times: the author id decides, the same way on every replica', () => {
    const same = at(T0, 0, 'pc1');
    const a = setPart(base, 'topic', 'Дроби', { at: same, by: 't1' });
    const b = setPart(base, 'topic', 'Десятичные дроби', { at: same, by: 't2' });
    const ab = mergeDocuments(a, b);
    const ba = mergeDocuments(b, a);
    expect(ab.merged.topic).toBe('Десятичные дроби');
    expect(JSON.stringify(ab)).toBe(JSON.stringify(ba));
    expect(ab.superseded).toEqual([
      { path: 'topic', value: 'Дроби', stamp: { at: same, by: 't1' } },
    ]);
  });

  it('identical stamps with different values still pick one value deterministically', () => {
    const s = stamp(T0);
    const a = setPart(base, 'homework', '№ 12', s);
    const b = setPart(base, 'homework', '№ 13', s);
    expect(JSON.stringify(mergeDocuments(a, b))).toBe(JSON.stringify(mergeDocuments(b, a)));
  });

  it('a removal tombstone beats older writes and loses to newer ones', () => {
    const written = setPart(base, 'entries.st-0001', five, stamp(T0));
    const removed = setPart(written, 'entries.st-0001', undefined, stamp(T0 + MINUTE));
    expect(removed.entries).toEqual({});
    expect(removed.stamps['entries.st-0001']).toEqual(stamp(T0 + MINUTE));

    const { merged, superseded } = mergeDocuments(written, removed);
    expect(merged.entries).toEqual({});
    expect(merged.stamps['entries.st-0001']).toEqual(stamp(T0 + MINUTE));
    expect(superseded).toEqual([{ path: 'entries.st-0001', value: five, stamp: stamp(T0) }]);

    const rewritten = setPart(written, 'entries.st-0001', four, stamp(T0 + 2 * MINUTE));
    const again = mergeDocuments(removed, rewritten);
    expect(again.merged.entries).toEqual({ 'st-0001': four });
    expect(again.superseded).toEqual([
      { path: 'entries.st-0001', value: undefined, stamp: stamp(T0 + MINUTE) },
    ]);
  });

  it('removing a top-level part (topic) works the same way', () => {
    const a = setPart(base, 'topic', 'Дроби', stamp(T0));
    const b = setPart(a, 'topic', undefined, stamp(T0 + 1));
    const { merged } = mergeDocuments(a, b);
    expect('topic' in merged).toBe(false);
    expect(merged.stamps.topic).toEqual(stamp(T0 + 1));
  });

  it('a school PC 3 days behind still wins with an edit made after it synced', () => {
    let now = T0;
    const home = createClock('home', () => now);
    const school = createClock('school', () => now - 3 * DAY);
    const fromHome = setPart(base, 'entries.st-0001', five, { at: home.tick(), by: 't1' });

    now += 10 * MINUTE;
    // The school PC pulls the teacher's evening edit, then corrects the mark next morning.
    const pulled = mergeDocuments(base, fromHome).merged;
    school.receive(fromHome.stamps['entries.st-0001']!.at);
    const corrected = setPart(pulled, 'entries.st-0001', four, { at: school.tick(), by: 't1' });

    expect(mergeDocuments(fromHome, corrected).merged.entries['st-0001']).toEqual(four);
    expect(mergeDocuments(corrected, fromHome).merged.entries['st-0001']).toEqual(four);
  });

  it('reports identity conflicts and takes identity fields from the first version', () => {
    const a = setPart(base, 'topic', 'Дроби', stamp(T0));
    const b = { ...a, date: '2025-09-02' };
    const ab = mergeDocuments(a, b);
    expect(ab.identityConflicts).toEqual(['date']);
    expect(ab.merged.date).toBe('2025-09-01');
    expect(mergeDocuments(b, a).merged.date).toBe('2025-09-02');
  });

  it('splits paths on the first dot only; keys may contain dots and "__proto__"', () => {
    expect(splitPath('topic')).toEqual(['topic']);
    expect(splitPath('entries.st.0001.x')).toEqual(['entries', 'st.0001.x']);
    const a = setPart(base, 'entries.st.0001', five, stamp(T0));
    expect(a.entries).toEqual({ 'st.0001': five });
    const b = setPart(base, 'entries.__proto__', absent, stamp(T0));
    expect(Object.getPrototypeOf(b.entries)).toBe(Object.prototype);
    expect(Object.hasOwn(b.entries, '__proto__')).toBe(true);
    const { merged } = mergeDocuments(a, b);
    expect(Object.keys(merged.entries)).toEqual(['__proto__', 'st.0001']);
    expect(getPart(merged, 'entries.__proto__')).toEqual(absent);
    expect(() => setPart(base, 'stamps', 1, stamp(T0))).toThrow();
    expect(() => setPart(base, 'entries.', 1, stamp(T0))).toThrow();
  });

  it('never mutates its inputs', () => {
    const a = deepFreeze(setPart(base, 'entries.st-0001', five, stamp(T0)));
    const b = deepFreeze(setPart(base, 'entries.st-0001', four, stamp(T0 + 1)));
    const snapshot = JSON.stringify([a, b]);
    const { merged } = mergeDocuments(a, b);
    expect(JSON.stringify([a, b])).toBe(snapshot);
    expect(merged.entries['st-0001']).not.toBe(b.entries['st-0001']);
    setPart(a, 'entries.st-0002', five, stamp(T0 + 2));
    expect(JSON.stringify([a, b])).toBe(snapshot);
  });

  it('orders stamps by time, then by author', () => {
    expect(compareStamps(stamp(T0, 'b'), stamp(T0 + 1, 'a'))).toBe(-1);
    expect(compareStamps(stamp(T0, 'b'), stamp(T0, 'a'))).toBe(1);
    expect(compareStamps(stamp(T0), stamp(T0))).toBe(0);
  });
});

describe('diffParts', () => {
  it('lists changed parts, including identity changes', () => {
    const before = setPart(
      setPart(base, 'entries.st-0001', five, stamp(T0)),
      'topic',
      'Дроби',
      stamp(T0),
    );
    const after = setPart(
      setPart(before, 'entries.st-0001', four, stamp(T0 + 1)),
      'entries.st-0002',
      absent,
      stamp(T0 + 1),
    );
    expect(diffParts(before, after)).toEqual(['entries.st-0001', 'entries.st-0002']);
    expect(diffParts(before, before)).toEqual([]);
    expect(diffParts(before, { ...after, courseId: 'c-other' })).toEqual([
      'courseId',
      'entries.st-0001',
      'entries.st-0002',
    ]);
    // A re-stamp with the same value is still a change the server must authorize.
    expect(diffParts(before, setPart(before, 'topic', 'Дроби', stamp(T0 + 5)))).toEqual(['topic']);
    // So is a value change smuggled in without a new stamp.
    expect(diffParts(before, { ...before, topic: 'Другое' })).toEqual(['topic']);
  });
});

// ---------------------------------------------------------------------------------------------
// Random edit histories: several replicas with skewed clocks edit one lesson and sync at random.

const STUDENTS = ['st-0001', 'st-0002', 'st-0003', 'st.4', '__proto__'];
const REPLICAS = 3;

type Op =
  | { kind: 'topic' | 'homework'; replica: number; dt: number; text: string | undefined }
  | { kind: 'entry'; replica: number; dt: number; student: string; entry: Entry }
  | { kind: 'remove'; replica: number; dt: number; student: string }
  | { kind: 'sync'; replica: number; dt: number; from: number };

const replicaArb = fc.integer({ min: 0, max: REPLICAS - 1 });
// Mostly forward, sometimes a clock is set back by up to an hour.
const dtArb = fc.integer({ min: -60 * MINUTE, max: 10 * MINUTE });
const studentArb = fc.constantFrom(...STUDENTS);
const entryArb: fc.Arbitrary<Entry> = fc.record({
  marks: fc.array(
    fc.record({
      value: fc.integer({ min: 2, max: 5 }),
      workType: fc.constantFrom('answer', 'test', 'homework'),
    }),
    { maxLength: 2 },
  ),
  attendance: fc.constantFrom(null, 'н', 'б', 'у', 'оп'),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('topic' as const, 'homework' as const),
    replica: replicaArb,
    dt: dtArb,
    text: fc.option(fc.constantFrom('Дроби', 'Уравнения', '№ 12, 13'), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('entry' as const),
    replica: replicaArb,
    dt: dtArb,
    student: studentArb,
    entry: entryArb,
  }),
  fc.record({
    kind: fc.constant('remove' as const),
    replica: replicaArb,
    dt: dtArb,
    student: studentArb,
  }),
  fc.record({
    kind: fc.constant('sync' as const),
    replica: replicaArb,
    dt: dtArb,
    from: replicaArb,
  }),
);
const historyArb = fc.record({
  // School PCs are often days off; one may be behind, another ahead.
  skews: fc.array(fc.integer({ min: -5 * DAY, max: 5 * DAY }), {
    minLength: REPLICAS,
    maxLength: REPLICAS,
  }),
  ops: fc.array(opArb, { maxLength: 40 }),
});

interface Write {
  path: string;
  value: unknown;
  stamp: Stamp;
}

interface History {
  finals: Lesson[];
  snapshots: Lesson[];
  writes: Write[];
}

function maxAt(stamps: Stamps): string | undefined {
  let max: string | undefined;
  for (const s of Object.values(stamps)) if (max === undefined || s.at > max) max = s.at;
  return max;
}

/** Runs a history; checks on the way that every edit is stamped after all it had seen. */
function simulate({ skews, ops }: { skews: number[]; ops: Op[] }): History {
  let now = T0;
  const clocks: Clock[] = skews.map((skew, i) => createClock(`pc${i}`, () => now + skew));
  // Replicas 0 and 2 are one teacher's two devices; replica 1 is a colleague (a substitute).
  const authors = ['t1', 't2', 't1'];
  const docs: Lesson[] = skews.map(() => base);
  const snapshots: Lesson[] = [base];
  const writes: Write[] = [];

  const edit = (replica: number, path: string, value: unknown): void => {
    const doc = docs[replica]!;
    const seen = maxAt(doc.stamps);
    const s: Stamp = { at: clocks[replica]!.tick(), by: authors[replica]! };
    // Causality: an edit made after seeing a timestamp orders after it, whatever the wall clock.
    if (seen !== undefined && !(s.at > seen)) throw new Error(`edit ${s.at} not after ${seen}`);
    docs[replica] = setPart(doc, path, value, s);
    writes.push({ path, value, stamp: s });
  };

  for (const op of ops) {
    now += op.dt;
    switch (op.kind) {
      case 'topic':
      case 'homework':
        edit(op.replica, op.kind, op.text);
        break;
      case 'entry':
        edit(op.replica, `entries.${op.student}`, op.entry);
        break;
      case 'remove':
        edit(op.replica, `entries.${op.student}`, undefined);
        break;
      case 'sync': {
        const incoming = docs[op.from]!;
        docs[op.replica] = mergeDocuments(docs[op.replica]!, incoming).merged;
        const latest = maxAt(incoming.stamps);
        if (latest !== undefined) clocks[op.replica]!.receive(latest);
        break;
      }
    }
    snapshots.push(docs[op.replica]!);
  }
  return { finals: docs, snapshots, writes };
}

/** JSON text with object keys sorted, to compare values regardless of key order. */
function canonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

const pick = <T>(items: T[], n: number): T => items[n % items.length]!;
const merge = (x: Lesson, y: Lesson): Lesson => mergeDocuments(x, y).merged;
const RUNS = { numRuns: 200 };

/** Checks `check` on two snapshots picked from each of RUNS random edit histories. */
function forTwoSnapshots(check: (a: Lesson, b: Lesson) => void): void {
  fc.assert(
    fc.property(historyArb, fc.nat(), fc.nat(), (h, i, j) => {
      const { snapshots } = simulate(h);
      check(pick(snapshots, i), pick(snapshots, j));
    }),
    RUNS,
  );
}

describe('merge laws on random edit histories', () => {
  it('is commutative, down to the JSON text and the superseded list', () => {
    forTwoSnapshots((a, b) => {
      const ab = mergeDocuments(a, b);
      const ba = mergeDocuments(b, a);
      expect(ab.merged).toEqual(ba.merged);
      expect(JSON.stringify(ab)).toBe(JSON.stringify(ba));
      expect(ab.identityConflicts).toEqual([]);
    });
  });

  it('is associative', () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), fc.nat(), fc.nat(), (h, i, j, k) => {
        const { snapshots } = simulate(h);
        const [a, b, c] = [pick(snapshots, i), pick(snapshots, j), pick(snapshots, k)];
        const left = merge(merge(a, b), c);
        const right = merge(a, merge(b, c));
        expect(left).toEqual(right);
        expect(JSON.stringify(left)).toBe(JSON.stringify(right));
      }),
      RUNS,
    );
  });

  it('is idempotent and absorbs what it already contains', () => {
    forTwoSnapshots((a, b) => {
      const self = mergeDocuments(a, a);
      expect(self.merged).toEqual(a);
      expect(self.superseded).toEqual([]);
      const ab = merge(a, b);
      expect(JSON.stringify(merge(ab, ab))).toBe(JSON.stringify(ab));
      expect(JSON.stringify(merge(ab, b))).toBe(JSON.stringify(ab));
      expect(JSON.stringify(merge(a, ab))).toBe(JSON.stringify(ab));
    });
  });

  it('converges in any order, to the newest write of every part (tombstones included)', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.shuffledSubarray([0, 1, 2], { minLength: REPLICAS, maxLength: REPLICAS }),
        (h, order) => {
          const { finals, snapshots, writes } = simulate(h);
          const reference = finals.reduce(merge);
          const shuffled = order.map((n) => finals[n]!).reduce(merge);
          expect(JSON.stringify(shuffled)).toBe(JSON.stringify(reference));
          // Older snapshots add nothing new: every replica only moves forward.
          expect(JSON.stringify(snapshots.reduceRight(merge, base))).toBe(
            JSON.stringify(reference),
          );

          // Oracle: each part holds the value of its newest write, or is absent if that was a removal.
          const newest = new Map<string, Write>();
          for (const w of writes) {
            const prev = newest.get(w.path);
            if (!prev || compareStamps(w.stamp, prev.stamp) > 0) newest.set(w.path, w);
          }
          expect(Object.keys(reference.stamps).sort()).toEqual([...newest.keys()].sort());
          for (const [path, w] of newest) {
            expect(reference.stamps[path]).toEqual(w.stamp);
            expect(getPart(reference, path)).toEqual(w.value);
          }
        },
      ),
      RUNS,
    );
  });

  it('orders an edit made after a sync as newer, however far back its clock is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -7 * DAY, max: 7 * DAY }),
        fc.integer({ min: -7 * DAY, max: 7 * DAY }),
        fc.integer({ min: 0, max: DAY }),
        studentArb,
        entryArb,
        entryArb,
        (skewA, skewB, dt, student, first, second) => {
          let now = T0;
          const clockA = createClock('pcA', () => now + skewA);
          const clockB = createClock('pcB', () => now + skewB);
          const path = `entries.${student}`;
          const a = setPart(base, path, first, { at: clockA.tick(), by: 't1' });
          now += dt;
          const pulled = merge(base, a);
          clockB.receive(a.stamps[path]!.at);
          const b = setPart(pulled, path, second, { at: clockB.tick(), by: 't2' });
          for (const merged of [merge(a, b), merge(b, a)]) {
            expect(getPart(merged, path)).toEqual(second);
            expect(merged.stamps[path]).toEqual(b.stamps[path]);
          }
        },
      ),
      RUNS,
    );
  });

  it('reports every overwritten differing value as superseded', () => {
    forTwoSnapshots((a, b) => {
      const { merged, superseded } = mergeDocuments(a, b);
      const lost = new Map(superseded.map((p) => [p.path, p]));
      for (const path of new Set([...Object.keys(a.stamps), ...Object.keys(b.stamps)])) {
        const kept = canonText(getPart(merged, path));
        for (const side of [a, b]) {
          const value = getPart(side, path);
          if (value === undefined && side.stamps[path] === undefined) continue;
          if (canonText(value) !== kept) {
            expect(lost.get(path)?.stamp).toEqual(side.stamps[path]);
          }
        }
      }
    });
  });
});
