// The set-up forms' pure logic: typed text → documents, and the Russian message each bad value
// gets at the field it is about (period outside the year, overlapping periods, holidays outside
// the year, a bell ending before it starts, a weight of 0, thresholds out of order).
import { describe, expect, it } from 'vitest';
import { SchoolSchema, type School } from '../../../shared/school';
import {
  checkSetupLinkForm,
  serverErrors,
  setupCodeOf,
} from '../../../renderer/setup-link/setup-link-form';
import {
  parseDateField,
  parseGradesField,
  parseNumberField,
  parseTimeField,
} from '../../../renderer/workspaces/setup/parse-fields';
import {
  applySchoolCard,
  missingCardFields,
  newSchool,
  schoolCardFields,
} from '../../../renderer/workspaces/setup/school-card-form';
import { buildYear, yearDraft, type YearDraft } from '../../../renderer/workspaces/setup/year-form';
import { bellsDraft, buildBells, nextBell } from '../../../renderer/workspaces/setup/bells-form';
import { buildGrading, gradingDraft } from '../../../renderer/workspaces/setup/grading-form';
import { buildSubjects } from '../../../renderer/workspaces/setup/subjects-form';
import { buildClass, newClassDraft } from '../../../renderer/workspaces/setup/class-form';
import { buildCourses, newCourseDraft } from '../../../renderer/workspaces/setup/course-form';
import type { SetupContext } from '../../../shared/setup/context';

const CODE = 'x'.repeat(32);

describe('the set-up link form', () => {
  it('reads the code of ?setup= and nothing else', () => {
    expect(setupCodeOf('?setup=abc%2Bd')).toBe('abc+d');
    expect(setupCodeOf('?bench=1')).toBeNull();
  });

  it('refuses a short password, a second password that differs and an empty name, per field', () => {
    const r = checkSetupLinkForm(CODE, {
      login: 'admin',
      displayName: ' ',
      password: 'short',
      passwordAgain: 'other',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.password).toBe('Пароль администратора — не короче 10 знаков');
    expect(r.errors.passwordAgain).toMatch(/не совпадают/);
    expect(r.errors.displayName).toMatch(/фамилию/);
    expect(r.errors.login).toBeUndefined();
  });

  it('sends login, name and password with the code when all is well', () => {
    const r = checkSetupLinkForm(CODE, {
      login: ' director ',
      displayName: 'Петрова Елена Викторовна',
      password: 'long-enough-1',
      passwordAgain: 'long-enough-1',
    });
    expect(r).toEqual({
      ok: true,
      request: {
        code: CODE,
        login: 'director',
        displayName: 'Петрова Елена Викторовна',
        password: 'long-enough-1',
      },
    });
  });

  it("puts the server's field problems next to the fields and its other refusals above", () => {
    expect(
      serverErrors(400, {
        error: { message: 'x', details: [{ path: ['password'], message: 'Слабый пароль' }] },
      }),
    ).toEqual({ password: 'Слабый пароль' });
    expect(serverErrors(403, { error: { message: 'Ссылка недействительна' } })).toEqual({
      form: 'Ссылка недействительна',
    });
    expect(serverErrors(500, null).form).toMatch(/ошибка 500/);
  });
});

describe('typed fields', () => {
  it('dates ДД.ММ.ГГГГ, refusing other forms and days not in the calendar', () => {
    expect(parseDateField('1.9.2026')).toEqual({ ok: true, value: '2026-09-01' });
    expect(parseDateField('2026.09.01')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ДД\.ММ\.ГГГГ/),
    });
    expect(parseDateField('31.02.2027')).toEqual({
      ok: false,
      error: 'Такой даты нет в календаре',
    });
  });
  it('times, numbers with a comma, lists and ranges of parallels', () => {
    expect(parseTimeField('8:30')).toEqual({ ok: true, value: '08:30' });
    expect(parseTimeField('25:00').ok).toBe(false);
    expect(parseNumberField('1,5', { min: 0.5, max: 10, what: 'часов' })).toEqual({
      ok: true,
      value: 1.5,
    });
    expect(parseNumberField('0', { min: 0.1, max: 10, what: 'вес' })).toMatchObject({ ok: false });
    expect(parseGradesField('1-3, 5')).toEqual({ ok: true, value: [1, 2, 3, 5] });
    expect(parseGradesField('')).toEqual({ ok: true, value: [] });
    expect(parseGradesField('12').ok).toBe(false);
  });
});

function card(): Omit<School, 'stamps'> {
  const fields = {
    ...schoolCardFields(newSchool('2026-08-20')),
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 3»',
    shortName: 'МБОУ СШ № 3',
    address: 'г. Энск, ул. Школьная, 1',
    directorName: 'Петрова Елена Викторовна',
    operatorName: 'МБОУ СШ № 3',
    operatorAddress: 'г. Энск, ул. Школьная, 1',
    informationSystem: 'Электронный журнал МБОУ СШ № 3',
  };
  return applySchoolCard(newSchool('2026-08-20'), fields);
}

describe('the school card', () => {
  it('a new school starts with the school year of its date and valid defaults', () => {
    const school = card();
    expect(school.year).toMatchObject({ id: 'year-2026', name: '2026/2027', start: '2026-09-01' });
    expect(SchoolSchema.safeParse({ ...school, stamps: {} }).success).toBe(true);
    expect(newSchool('2027-03-10').year.name).toBe('2026/2027');
  });
  it('names every empty required field in its own words', () => {
    const missing = missingCardFields(schoolCardFields(newSchool('2026-08-20')));
    expect(missing['operator.name']).toMatch(/оператора/);
    expect(missing.fullName).toMatch(/полное название/);
    expect(missing.phone).toBeUndefined();
  });
});

function year(overrides: Partial<YearDraft> = {}): YearDraft {
  const d = yearDraft(card().year, []);
  return {
    ...d,
    periods: {
      ...d.periods,
      quarters: [
        { start: '01.09.2026', end: '25.10.2026' },
        { start: '05.11.2026', end: '28.12.2026' },
        { start: '12.01.2027', end: '22.03.2027' },
        { start: '01.04.2027', end: '31.05.2027' },
      ],
      halfYears: [
        { start: '01.09.2026', end: '28.12.2026' },
        { start: '12.01.2027', end: '31.05.2027' },
      ],
    },
    holidays: [{ name: 'Осенние каникулы', start: '26.10.2026', end: '04.11.2026', grades: '' }],
    ...overrides,
  };
}

describe('the academic year', () => {
  it('quarters for 1–9 and half-years for 10–11 give four and two periods plus the year-level three', () => {
    const r = buildYear(
      card(),
      [],
      year({
        holidays: [
          { name: 'Осенние каникулы', start: '26.10.2026', end: '04.11.2026', grades: '' },
          { name: 'Дополнительные каникулы', start: '08.02.2027', end: '14.02.2027', grades: '1' },
        ],
        weeklyHours: { ...year().weeklyHours, '5': '29' },
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ids = r.periods.map((e) => e.next.id).sort();
    expect(ids).toEqual([
      'per-2026-exam',
      'per-2026-final',
      'per-2026-h1',
      'per-2026-h2',
      'per-2026-q1',
      'per-2026-q2',
      'per-2026-q3',
      'per-2026-q4',
      'per-2026-year',
    ]);
    expect(r.periods.find((e) => e.next.id === 'per-2026-q2')?.next).toMatchObject({
      kind: 'quarter',
      scheme: 'quarters',
      number: 2,
      name: 'II четверть',
      start: '2026-11-05',
      end: '2026-12-28',
    });
    expect(r.school.year.schemeByGrade?.['10']).toBe('halfYears');
    expect(r.school.year.schemeByGrade?.['9']).toBe('quarters');
    expect(r.school.year.weeklyHoursByGrade).toEqual({ '5': 29 });
    expect(r.school.year.holidays[1]).toEqual({
      name: 'Дополнительные каникулы',
      start: '2027-02-08',
      end: '2027-02-14',
      grades: [1],
    });
  });

  it('a period outside the year is refused at its row', () => {
    const d = year();
    d.periods.quarters[3] = { start: '01.04.2027', end: '15.06.2027' };
    const r = buildYear(card(), [], d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['periods.quarters.3.end']).toBe(
      'Период «IV четверть» выходит за пределы учебного года (01.09.2026–31.05.2027)',
    );
  });

  it('overlapping periods are refused at the later one', () => {
    const d = year();
    d.periods.quarters[1] = { start: '20.10.2026', end: '28.12.2026' };
    const r = buildYear(card(), [], d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.values(r.errors).join(' ')).toContain('пересекается с периодом «I четверть»');
    expect(r.errors['periods.quarters.1.start'] ?? r.errors['periods.quarters.0.start']).toMatch(
      /пересекается/,
    );
  });

  it('a holiday outside the year, a bad date and a bad parallel are refused at their fields', () => {
    const r = buildYear(
      card(),
      [],
      year({
        holidays: [{ name: 'Летние', start: '01.06.2027', end: '31.08.2027', grades: '' }],
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors['year.holidays.0.start']).toMatch(/выходят за пределы учебного года/);
    const late = buildYear(
      card(),
      [],
      year({
        holidays: [{ name: 'Весенние', start: '25.05.2027', end: '05.06.2027', grades: '' }],
      }),
    );
    expect(!late.ok && late.errors['year.holidays.0.end']).toMatch(/выходят за пределы/);
    const bad = buildYear(
      card(),
      [],
      year({
        start: '2026/09/01',
        holidays: [{ name: 'Осенние', start: '26.10.2026', end: '04.11.2026', grades: '0' }],
      }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors['year.start']).toMatch(/ДД\.ММ\.ГГГГ/);
    expect(bad.errors['year.holidays.0.grades']).toMatch(/от 1 до 11/);
  });

  it('keeps the ids and the closed flag of periods already stored', () => {
    const first = buildYear(card(), [], year());
    if (!first.ok) throw new Error('first year refused');
    const stored = first.periods.map((e) => ({
      ...e.next,
      id: `${e.next.id}-old`,
      closed: e.next.id === 'per-2026-q1',
      stamps: {},
    }));
    const again = buildYear(card(), stored, year());
    if (!again.ok) throw new Error('second year refused');
    const q1 = again.periods.find((e) => e.next.number === 1 && e.next.scheme === 'quarters');
    expect(q1?.next.id).toBe('per-2026-q1-old');
    expect(q1?.next.closed).toBe(true);
    expect(q1?.base?.id).toBe('per-2026-q1-old');
  });
});

describe('bells and grading', () => {
  it('a bell that ends before it starts is refused at its end; a Saturday schedule is kept', () => {
    const school = card();
    const d = bellsDraft(school);
    d.bells = [
      { slot: '1', start: '08:30', end: '09:10' },
      nextBell([{ slot: '1', start: '08:30', end: '09:10' }]),
    ];
    expect(d.bells[1]).toEqual({ slot: '2', start: '09:20', end: '10:00' });
    d.schedules = [
      {
        id: 'sat',
        name: 'Суббота',
        weekdays: [6],
        bells: [{ slot: '1', start: '08:30', end: '09:05' }],
      },
    ];
    const ok = buildBells(school, d);
    expect(ok.ok && ok.school.bellSchedules?.[0]?.weekdays).toEqual([6]);
    d.bells[1] = { slot: '2', start: '09:20', end: '09:00' };
    const bad = buildBells(school, d);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors['bells.1.end']).toBe('2-й урок заканчивается не позже, чем начинается');
  });

  it('a weight of 0 and thresholds out of order are refused at their fields', () => {
    const school = card();
    const d = gradingDraft(school);
    d.workTypes[0] = { ...d.workTypes[0]!, weight: '0' };
    const zero = buildGrading(school, d);
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.errors['policy.workTypes.0.weight']).toMatch(/от 0,1 до 10/);
    const e = gradingDraft(school);
    e.four = '4,6';
    const order = buildGrading(school, e);
    expect(order.ok).toBe(false);
    if (!order.ok)
      expect(order.errors['policy.thresholds']).toBe('Пороги должны убывать: 5 > 4 > 3');
    const f = gradingDraft(school);
    f.maxMissedPercent = '40';
    f.idleLockMinutes = '15';
    const good = buildGrading(school, f);
    expect(good.ok && good.school.policy.attestation.maxMissedShare).toBe(0.4);
    expect(good.ok && good.school.idleLockMinutes).toBe(15);
  });

  it('a subject named twice is refused at the second', () => {
    const r = buildSubjects(card(), [
      { id: 's1', name: 'Математика', short: 'Мат.' },
      { id: 's2', name: 'математика', short: 'Мат' },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors['subjects.1.name']).toBe('Предмет «математика» указан дважды');
  });
});

describe('classes and courses', () => {
  const school = {
    ...card(),
    subjects: [{ id: 'math', name: 'Математика', short: 'Мат.' }],
    stamps: {},
  } as School;
  const staff = [
    { id: 'st-1', lastName: 'Иванова', firstName: 'Анна', middleName: '', active: true },
  ];
  const ctx: SetupContext = {
    school,
    periods: [],
    classes: [],
    staff,
    courses: [],
    timetables: [],
  };

  it('a class gets its name from the parallel and letter; a second 5А is refused at the letter', () => {
    const d = { ...newClassDraft(school.year), grade: 5, letter: 'а', classTeacherId: 'st-1' };
    const r = buildClass(school.year, d, ctx);
    expect(r.ok && r.next).toMatchObject({ name: '5А', letter: 'А', yearId: 'year-2026' });
    if (!r.ok) return;
    const twin = buildClass(
      school.year,
      { ...d, id: 'other' },
      { ...ctx, classes: [{ ...r.next, stamps: {} }] },
    );
    expect(twin.ok).toBe(false);
    if (!twin.ok) expect(twin.errors.letter).toBe('Класс 5А уже есть');
    const noTeacher = buildClass(school.year, { ...d, classTeacherId: '' }, ctx);
    expect(!noTeacher.ok && noTeacher.errors.classTeacherId).toMatch(/классного руководителя/);
  });

  it('a course plans hours × 34 lessons a year; a second course of one subject is refused', () => {
    const cls = {
      id: 'cls-5a',
      yearId: 'year-2026',
      grade: 5,
      letter: 'А',
      name: '5А',
      periodScheme: 'quarters' as const,
      classTeacherId: 'st-1',
      groups: [],
      stamps: {},
    };
    const c = { ...ctx, classes: [cls] };
    const row = { ...newCourseDraft('cls-5a'), subjectId: 'math', teacherId: 'st-1', hours: '4,5' };
    const r = buildCourses(school.year, [row], [], c);
    expect(r.ok && r.edits[0]?.next).toMatchObject({
      hoursPerWeek: 4.5,
      plannedYear: 153,
      groupId: null,
    });
    const twice = buildCourses(school.year, [row, { ...row, id: 'crs-2' }], [], c);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.errors['1.subjectId']).toBe('Курс «Математика» в 5А уже есть');
    const noHours = buildCourses(school.year, [{ ...row, hours: '' }], [], c);
    expect(!noHours.ok && noHours.errors['0.hoursPerWeek']).toMatch(/часов в неделю/);
  });
});
