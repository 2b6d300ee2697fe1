// The staff repository against a real RxDB database: a new staff member has every part stamped by
// the signed-in person (an administrator without a staff member signs as account:<login>); an edit
// stamps only what changed; roles are kept once each; a bad name is refused and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './test-database';
import { createClock } from '../../../shared/hlc';
import type { StaffMember } from '../../../shared/staff';
import { createStaffRepository, STAFF_FIELDS } from '../../../renderer/data/staff-repository';
import type { JournalDatabase } from '../../../renderer/db/types';

let db: JournalDatabase;
let now = 1_790_000_000_000;
const author = 'account:admin';

beforeEach(async () => {
  db = await openTestDatabase('staff_repo');
});

afterEach(async () => {
  await db.remove();
});

const stored = async (id: string) => (await db.staff.findOne(id).exec())!.toJSON() as StaffMember;

describe('staff repository', () => {
  it('adds and edits a staff member, stamping only what changed', async () => {
    const staff = createStaffRepository(
      db,
      createClock('dev1', () => now),
      () => author,
    );
    const added = await staff.addStaff({
      lastName: 'Соколова',
      firstName: 'Ирина',
      middleName: 'Владимировна',
      position: 'учитель русского языка',
      roles: ['teacher', 'teacher', 'classTeacher'],
      active: true,
    });
    expect(added.id).toMatch(/^staff-/);
    expect(added.roles).toEqual(['teacher', 'classTeacher']);
    for (const f of STAFF_FIELDS) expect(added.stamps[f]?.by, f).toBe(author);
    const before = await stored(added.id);

    now += 60_000;
    await staff.updateStaff(added.id, {
      lastName: 'Соколова',
      position: 'учитель русского языка и литературы',
      roles: ['teacher', 'classTeacher'],
    });
    const after = await stored(added.id);
    expect(after.position).toBe('учитель русского языка и литературы');
    expect(after.stamps.position!.at > before.stamps.position!.at).toBe(true);
    // Unchanged values keep their stamps.
    expect(after.stamps.lastName).toEqual(before.stamps.lastName);
    expect(after.stamps.roles).toEqual(before.stamps.roles);
  });

  it('refuses a staff member with no name and stores nothing', async () => {
    const staff = createStaffRepository(
      db,
      createClock('dev1', () => now),
      () => author,
    );
    await expect(
      staff.addStaff({
        lastName: '',
        firstName: 'Ирина',
        middleName: '',
        position: '',
        roles: ['teacher'],
        active: true,
      }),
    ).rejects.toThrow();
    expect(await db.staff.count().exec()).toBe(0);
  });
});
