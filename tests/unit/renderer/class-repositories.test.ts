// The roster and consent repositories against a real RxDB database (Dexie on fake-indexeddb,
// dev-mode and schema validation on): every changed part stamped with the HLC and the author.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './test-database';
import { consentId, type Consent } from '../../../shared/consent';
import { createClock } from '../../../shared/hlc';
import type { SchoolClass } from '../../../shared/school-class';
import { EMPTY_IDENTITY_DOCUMENT, type Student } from '../../../shared/student';
import { createConsentRepository } from '../../../renderer/data/consent-repository';
import { newGuardianId } from '../../../shared/ids';
import { createRosterRepository, type NewStudent } from '../../../renderer/data/roster-repository';
import type { JournalDatabase } from '../../../renderer/db/types';

let db: JournalDatabase;
let author: string | null;
let now: number;
const clock = () => createClock('dev1', () => now);

const CLASS_5A: SchoolClass = {
  id: 'cl-5a',
  stamps: {},
  yearId: 'y2026',
  grade: 5,
  letter: 'А',
  name: '5А',
  periodScheme: 'quarters',
  classTeacherId: 'staff-ct',
  groups: [],
};

const NEW_STUDENT: NewStudent = {
  lastName: 'Ёлкина',
  firstName: 'Алиса',
  middleName: 'Павловна',
  gender: 'female',
  birthDate: '2015-03-08',
  address: '',
  classId: 'cl-5a',
  guardians: [
    {
      lastName: 'Ёлкина',
      firstName: 'Ольга',
      middleName: '',
      kind: 'mother',
      phone: '+7 912 345-67-89',
      email: '',
      address: 'г. Новозыбков, ул. Ленина, д. 1',
      identityDocument: EMPTY_IDENTITY_DOCUMENT,
      authorityDocument: '',
    },
  ],
};

beforeEach(async () => {
  db = await openTestDatabase('class_repo');
  await db.classes.insert(CLASS_5A);
  await db.classes.insert({ ...CLASS_5A, id: 'cl-5b', letter: 'Б', name: '5Б' });
  author = 'staff-ct';
  now = 1_790_000_000_000;
});

afterEach(async () => {
  await db.remove();
});

async function stored(id: string): Promise<Student> {
  return (await db.students.findOne(id).exec())!.toJSON() as Student;
}

describe('roster repository', () => {
  it('adds a student with every part stamped by the author', async () => {
    const roster = createRosterRepository(db, clock(), () => author);
    const s = await roster.addStudent(NEW_STUDENT);
    expect(s.id).toMatch(/^st-[0-9a-z]{16}$/);
    expect(s.status).toBe('active');
    const [gid] = Object.keys(s.guardians);
    expect(gid).toMatch(/^gd-/);
    for (const part of [
      'lastName',
      'gender',
      'birthDate',
      'classId',
      'status',
      `guardians.${gid}`,
    ]) {
      expect(s.stamps[part]?.by, part).toBe('staff-ct');
      expect(s.stamps[part]?.at).toMatch(/-dev1$/);
    }
    expect(await stored(s.id)).toEqual(s);
  });

  it('stamps only the fields that changed, each with a newer HLC', async () => {
    const roster = createRosterRepository(db, clock(), () => author);
    const s = await roster.addStudent(NEW_STUDENT);
    author = 'staff-deputy';
    now += 1000;
    const after = await roster.updateStudent(s.id, {
      lastName: 'Ёлкина-Смирнова',
      firstName: 'Алиса',
      birthDate: '2015-03-09',
    });
    expect(after.lastName).toBe('Ёлкина-Смирнова');
    expect(after.stamps.lastName?.by).toBe('staff-deputy');
    expect(after.stamps.birthDate?.by).toBe('staff-deputy');
    expect(after.stamps.lastName!.at > s.stamps.lastName!.at).toBe(true);
    expect(after.stamps.firstName).toEqual(s.stamps.firstName);
    expect(after.stamps.gender).toEqual(s.stamps.gender);
  });

  it('adds, edits and removes a guardian as its own part; the removal keeps its stamp', async () => {
    const roster = createRosterRepository(db, clock(), () => author);
    const s = await roster.addStudent({ ...NEW_STUDENT, guardians: [] });
    const gid = newGuardianId();
    const father = { ...NEW_STUDENT.guardians![0]!, firstName: 'Павел', kind: 'father' as const };
    const added = await roster.setGuardian(s.id, gid, father);
    expect(added.guardians[gid]?.firstName).toBe('Павел');
    const edited = await roster.setGuardian(s.id, gid, { ...father, phone: '89123456789' });
    expect(edited.guardians[gid]?.phone).toBe('89123456789');
    expect(edited.stamps[`guardians.${gid}`]!.at > added.stamps[`guardians.${gid}`]!.at).toBe(true);
    const removed = await roster.setGuardian(s.id, gid, null);
    expect(removed.guardians[gid]).toBeUndefined();
    expect(removed.stamps[`guardians.${gid}`]?.by).toBe('staff-ct');
    await expect(roster.setGuardian(s.id, gid, { ...father, lastName: '' })).rejects.toThrow();
  });

  it('moves a student out: status "left" or another class, never deleting the document', async () => {
    const roster = createRosterRepository(db, clock(), () => author);
    const a = await roster.addStudent(NEW_STUDENT);
    const b = await roster.addStudent({ ...NEW_STUDENT, firstName: 'Вера' });
    const order = { date: '2026-11-30', orderNumber: '45-у' };
    const left = await roster.moveOut(a.id, { kind: 'left', ...order });
    expect(left.status).toBe('left');
    expect(left.classId).toBe('cl-5a');
    expect(left.stamps.status?.by).toBe('staff-ct');
    // The date and the order are recorded with the student.
    expect(left.movements).toEqual([
      {
        kind: 'left',
        date: '2026-11-30',
        orderNumber: '45-у',
        fromClassId: 'cl-5a',
        toClassId: null,
      },
    ]);
    expect(left.stamps.movements?.by).toBe('staff-ct');
    const moved = await roster.moveOut(b.id, { kind: 'transfer', classId: 'cl-5b', ...order });
    expect(moved.classId).toBe('cl-5b');
    expect(moved.status).toBe('active');
    expect(moved.movements?.[0]).toMatchObject({ fromClassId: 'cl-5a', toClassId: 'cl-5b' });
    await expect(
      roster.moveOut(b.id, { kind: 'transfer', classId: 'cl-none', ...order }),
    ).rejects.toThrow(/не найден/);
    // No order number, no movement.
    await expect(
      roster.moveOut(b.id, { kind: 'left', date: '2026-11-30', orderNumber: ' ' }),
    ).rejects.toThrow();
    expect((await db.students.findOne(b.id).exec())?.status).toBe('active');
    expect(await db.students.count().exec()).toBe(2);
    // An arrival from another school, dated before the transfer, goes first; it names no class left.
    const arrived = await roster.recordArrival(b.id, { date: '2026-09-14', orderNumber: ' 31-у ' });
    expect(
      arrived.movements?.map((m) => [m.kind, m.fromClassId, m.toClassId, m.orderNumber]),
    ).toEqual([
      ['enrolled', null, 'cl-5b', '31-у'],
      ['transfer', 'cl-5a', 'cl-5b', '45-у'],
    ]);
    await expect(
      roster.recordArrival(b.id, { date: '2026-09-14', orderNumber: '' }),
    ).rejects.toThrow();
  });

  it('refuses to write without a signed-in staff member', async () => {
    author = null;
    const roster = createRosterRepository(db, clock(), () => author);
    await expect(roster.addStudent(NEW_STUDENT)).rejects.toThrow(/Не выбран пользователь/);
  });
});

describe('consent repository', () => {
  const target = { studentId: 'st-1', guardianId: 'gd-1-1', classId: 'cl-5a' };

  it('creates one registry document per student × guardian, registered by the author', async () => {
    const repo = createConsentRepository(db, clock(), () => author);
    const c = await repo.registerAnswer(target, {
      decision: 'refusal',
      date: '2026-09-05',
      channel: 'electronic',
      loginIssued: false,
    });
    expect(c.id).toBe(consentId('st-1', 'gd-1-1'));
    expect(c.registeredBy).toBe('staff-ct');
    for (const part of ['decision', 'date', 'channel', 'registeredBy', 'loginIssued', 'note']) {
      expect(c.stamps[part]?.by, part).toBe('staff-ct');
    }
  });

  it('changes only the differing parts; a second registrar signs them', async () => {
    const repo = createConsentRepository(db, clock(), () => author);
    const first = await repo.registerAnswer(target, {
      decision: 'consent',
      date: '2026-09-05',
      channel: 'electronic',
      loginIssued: true,
    });
    author = 'staff-deputy';
    now += 5000;
    const second = await repo.registerAnswer(target, {
      decision: 'withdrawal',
      date: '2026-09-05',
      channel: 'electronic',
      loginIssued: true,
      note: 'Отозвано письменно',
    });
    expect(second.decision).toBe('withdrawal');
    expect(second.registeredBy).toBe('staff-deputy');
    expect(second.stamps.decision?.by).toBe('staff-deputy');
    expect(second.stamps.decision!.at > first.stamps.decision!.at).toBe(true);
    expect(second.stamps.note?.by).toBe('staff-deputy');
    expect(second.stamps.date).toEqual(first.stamps.date);
    expect(second.stamps.loginIssued).toEqual(first.stamps.loginIssued);
    expect(await db.consents.count().exec()).toBe(1);
    const doc = (await db.consents.findOne(second.id).exec())!.toJSON() as Consent;
    expect(doc).toEqual(second);
  });

  it('validates the answer with the zod schema before writing', async () => {
    const repo = createConsentRepository(db, clock(), () => author);
    await expect(
      repo.registerAnswer(target, {
        decision: 'consent',
        date: '2026-02-30',
        channel: 'electronic',
        loginIssued: true,
      }),
    ).rejects.toThrow();
    expect(await db.consents.count().exec()).toBe(0);
  });
});
