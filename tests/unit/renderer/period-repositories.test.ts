// The period and period-mark repositories against a real RxDB database (Dexie on fake-indexeddb,
// schema validation on): per-student stamps, snapshots of proposals, closed periods refuse writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './test-database';
import { createClock, decodeHlc } from '../../../shared/hlc';
import { PeriodSchema, type Period } from '../../../shared/period';
import { periodMarksId, type PeriodMarkEntry } from '../../../shared/period-mark';
import { StaffMemberSchema } from '../../../shared/staff';
import {
  createPeriodMarkRepository,
  type PeriodMarkRepository,
} from '../../../renderer/data/period-mark-repository';
import {
  createPeriodRepository,
  lastPeriodAct,
  type PeriodRepository,
} from '../../../renderer/data/period-repository';
import type { JournalDatabase } from '../../../renderer/db/types';
import { WriteError } from '../../../renderer/data/write-error';

const now = 1_790_000_000_000;
const setup = { at: '000000000000001-00000-seed', by: 'staff-deputy' };
const course = { id: 'c-5a-math', classId: 'cl-5a' };
const target = { course, periodId: 'per-2026-q2' };
let db: JournalDatabase;
let author: string | null;
let marks: PeriodMarkRepository;
let periods: PeriodRepository;

const entry = (value: PeriodMarkEntry['value'], extra: Partial<PeriodMarkEntry> = {}) => ({
  value,
  proposed: '4' as const,
  average: 3.71,
  deferral: null,
  comment: '',
  ...extra,
});

beforeEach(async () => {
  db = await openTestDatabase('period_repo');
  author = 'staff-teacher';
  const clock = createClock('dev1', () => now);
  marks = createPeriodMarkRepository(db, clock, () => author);
  periods = createPeriodRepository(db, clock, () => author);
  const period: Period = PeriodSchema.parse({
    id: 'per-2026-q2',
    stamps: { name: setup, closed: setup },
    yearId: 'y2026',
    kind: 'quarter',
    scheme: 'quarters',
    number: 2,
    name: 'II четверть',
    start: '2026-11-04',
    end: '2026-12-28',
    closed: false,
  });
  await db.periods.insert(period);
  for (const [id, roles] of [
    ['staff-teacher', ['teacher']],
    ['staff-deputy', ['deputy']],
  ] as const) {
    await db.staff.insert(
      StaffMemberSchema.parse({
        id,
        stamps: {},
        lastName: 'Иванова',
        firstName: 'Анна',
        middleName: '',
        roles,
      }),
    );
  }
});

afterEach(async () => {
  await db.remove();
});

describe('period-mark repository', () => {
  it('creates the course × period document and stamps each student on its own', async () => {
    const doc = await marks.setEntries(target, {
      'st-1': entry('4'),
      'st-2': entry(null, { deferral: { reason: 'болезнь', due: '2027-01-20' } }),
    });
    expect(doc.id).toBe(periodMarksId(course.id, 'per-2026-q2'));
    expect(doc.classId).toBe('cl-5a');
    expect(doc.marks['st-1']).toMatchObject({ value: '4', proposed: '4', average: 3.71 });
    expect(doc.marks['st-2']?.deferral?.due).toBe('2027-01-20');
    expect(doc.stamps['marks.st-1']?.by).toBe('staff-teacher');
    expect(doc.stamps['marks.st-2']?.by).toBe('staff-teacher');
    expect(doc.stamps['marks.st-1']?.at).not.toBe(doc.stamps['marks.st-2']?.at);

    const first = doc.stamps['marks.st-1']!.at;
    const again = await marks.setEntry(target, 'st-1', entry('5'));
    expect(again.marks['st-1']?.value).toBe('5');
    expect(again.stamps['marks.st-1']!.at > first).toBe(true);
    expect(again.stamps['marks.st-2']).toEqual(doc.stamps['marks.st-2']);
  });

  it('removes an entry but keeps its stamp (a tombstone)', async () => {
    await marks.setEntry(target, 'st-1', entry('3'));
    const doc = await marks.setEntry(target, 'st-1', null);
    expect(doc.marks['st-1']).toBeUndefined();
    expect(doc.stamps['marks.st-1']).toBeDefined();
  });

  it('refuses invalid entries and unsigned writes', async () => {
    await expect(
      marks.setEntry(target, 'st-1', entry(null, { deferral: { reason: '', due: '2027-01-20' } })),
    ).rejects.toThrow();
    author = null;
    await expect(marks.setEntry(target, 'st-1', entry('5'))).rejects.toThrow(WriteError);
  });

  it('refuses every change while the period is closed, and accepts them after reopening', async () => {
    await marks.setEntry(target, 'st-1', entry('4'));
    author = 'staff-deputy';
    await periods.setClosed('per-2026-q2', true);
    author = 'staff-teacher';
    await expect(marks.setEntry(target, 'st-1', entry('5'))).rejects.toThrow(/закрыт/);
    const stored = await db.periodMarks.findOne(periodMarksId(course.id, 'per-2026-q2')).exec();
    expect(stored?.marks['st-1']?.value).toBe('4');
    author = 'staff-deputy';
    await periods.setClosed('per-2026-q2', false);
    author = 'staff-teacher';
    const doc = await marks.setEntry(target, 'st-1', entry('5'));
    expect(doc.marks['st-1']?.value).toBe('5');
  });
});

describe('period repository', () => {
  it('stamps the closed part with the deputy and the time, visible as the last act', async () => {
    author = 'staff-deputy';
    const closed = await periods.setClosed('per-2026-q2', true);
    expect(closed.closed).toBe(true);
    expect(closed.stamps.closed?.by).toBe('staff-deputy');
    expect(decodeHlc(closed.stamps.closed!.at).wallMs).toBe(now);
    expect(lastPeriodAct(closed)).toMatchObject({
      closed: true,
      by: 'staff-deputy',
      atMs: now,
      atCreation: false,
    });
    const reopened = await periods.setClosed('per-2026-q2', false);
    expect(reopened.closed).toBe(false);
    expect(reopened.stamps.closed!.at > closed.stamps.closed!.at).toBe(true);
  });

  it('the stamp written when the period was created is not an act', async () => {
    const stored = (await db.periods.findOne('per-2026-q2').exec())!.toJSON() as Period;
    expect(lastPeriodAct(stored)).toBeNull();
    // A period created closed (the calendar entered after it ended) is in the log all the same.
    expect(lastPeriodAct({ ...stored, closed: true })).toMatchObject({
      closed: true,
      atCreation: true,
      periodId: 'per-2026-q2',
    });
  });

  it('only a deputy closes a period', async () => {
    await expect(periods.setClosed('per-2026-q2', true)).rejects.toThrow(WriteError);
    const stored = await db.periods.findOne('per-2026-q2').exec();
    expect(stored?.closed).toBe(false);
  });
});
