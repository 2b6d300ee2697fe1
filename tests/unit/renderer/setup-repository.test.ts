// The set-up repository against a real RxDB database: a new school card stamps every part with
// the writer; a later edit stamps only the parts that changed and keeps what replication brought
// meanwhile; a refused save (the shared checks) writes nothing, also for a batch of periods.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from './test-database';
import { createClock } from '../../../shared/hlc';
import type { School } from '../../../shared/school';
import {
  createSetupRepository,
  SetupRefusal,
  type SetupRepository,
} from '../../../renderer/data/setup-repository';
import type { JournalDatabase } from '../../../renderer/db/types';
import {
  applySchoolCard,
  newSchool,
  schoolCardFields,
} from '../../../renderer/workspaces/setup/school-card-form';
import { buildYear, yearDraft } from '../../../renderer/workspaces/setup/year-form';

let db: JournalDatabase;
let repo: SetupRepository;
let now = 1_790_000_000_000;

function card(): Omit<School, 'stamps'> {
  return applySchoolCard(newSchool('2026-08-20'), {
    ...schoolCardFields(newSchool('2026-08-20')),
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 3»',
    shortName: 'МБОУ Школа № 3',
    address: 'г. Энск, ул. Школьная, 1',
    directorName: 'Петрова Елена Викторовна',
    operatorName: 'МБОУ Школа № 3',
    operatorAddress: 'г. Энск, ул. Школьная, 1',
    informationSystem: 'Электронный журнал',
  });
}

beforeEach(async () => {
  db = await openTestDatabase('setup_repo');
  const clock = createClock('dev1', () => now);
  repo = createSetupRepository(db, clock, () => 'account:admin');
});

afterEach(async () => {
  await db.close();
});

describe('the setup repository', () => {
  it('creates the school with every part stamped by the writer', async () => {
    const written = await repo.saveSchool({ base: null, next: card() });
    const stored = (await db.school.findOne('school').exec())?.toJSON() as School;
    expect(stored.shortName).toBe('МБОУ Школа № 3');
    const fields = Object.keys(card())
      .filter((k) => k !== 'id')
      .sort();
    expect(Object.keys(stored.stamps).sort()).toEqual(fields);
    expect(new Set(Object.values(stored.stamps).map((s) => s.by))).toEqual(
      new Set(['account:admin']),
    );
    expect(written.stamps.year).toEqual(stored.stamps.year);
  });

  it('stamps only the changed part and keeps a part changed elsewhere meanwhile', async () => {
    const base = await repo.saveSchool({ base: null, next: card() });
    // Replication brings another desktop's phone number after the form opened.
    await db.school
      .findOne('school')
      .exec()
      .then((d) =>
        d!.incrementalModify((s) => ({
          ...s,
          phone: '+7 900 000-00-00',
          stamps: { ...s.stamps, phone: { at: '999999999999999-00000-other', by: 'staff-deputy' } },
        })),
      );
    now += 60_000;
    const { stamps: _ignored, ...form } = base;
    await repo.saveSchool({ base, next: { ...form, email: 'school3@example.ru' } });
    const stored = (await db.school.findOne('school').exec())?.toJSON() as School;
    expect(stored.email).toBe('school3@example.ru');
    expect(stored.phone).toBe('+7 900 000-00-00');
    expect(stored.stamps.phone?.by).toBe('staff-deputy');
    expect(stored.stamps.email?.at).not.toBe(base.stamps.email?.at);
    expect(stored.stamps.fullName).toEqual(base.stamps.fullName);
  });

  it('a refused card writes nothing and says why at the field', async () => {
    const bad = { ...card(), operator: { ...card().operator, inn: '1234567890' } };
    const error = await repo.saveSchool({ base: null, next: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupRefusal);
    expect((error as SetupRefusal).problems).toContainEqual({
      path: 'operator.inn',
      message: 'ИНН — 10 или 12 цифр с верной контрольной цифрой',
    });
    expect(await db.school.count().exec()).toBe(0);
  });

  it('periods are saved all or nothing', async () => {
    const school = await repo.saveSchool({ base: null, next: card() });
    const draft = yearDraft(school.year, []);
    draft.periods.quarters = [
      { start: '01.09.2026', end: '25.10.2026' },
      { start: '05.11.2026', end: '28.12.2026' },
      { start: '12.01.2027', end: '22.03.2027' },
      { start: '01.04.2027', end: '31.05.2027' },
    ];
    draft.periods.halfYears = [
      { start: '01.09.2026', end: '28.12.2026' },
      { start: '12.01.2027', end: '31.05.2027' },
    ];
    const built = buildYear(school, [], draft);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    // Two quarters overlapping, pushed past the form's own check: the repository refuses them all.
    const overlapping = built.periods.map((e) =>
      e.next.id === 'per-2026-q2' ? { ...e, next: { ...e.next, start: '2026-10-20' } } : e,
    );
    await expect(repo.savePeriods(overlapping)).rejects.toBeInstanceOf(SetupRefusal);
    expect(await db.periods.count().exec()).toBe(0);
    await repo.savePeriods(built.periods);
    expect(await db.periods.count().exec()).toBe(9);
    const q2 = (await db.periods.findOne('per-2026-q2').exec())?.toJSON();
    expect(q2).toMatchObject({ start: '2026-11-05', end: '2026-12-28', closed: false });
    // Year, kind, scheme and number are fixed at creation: set, never stamped.
    expect(Object.keys(q2!.stamps).sort()).toEqual(['closed', 'end', 'name', 'start']);
  });
});
