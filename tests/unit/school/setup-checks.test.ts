// Set-up checks: each invalid value is refused with a Russian message tied to the field's path (the forms show it next to the field; the server refuses the push with it).
import { describe, expect, it } from 'vitest';
import { checkSchool, isValidInn, isValidOgrn } from '../../../shared/setup/school-checks';
import { checkPeriod } from '../../../shared/setup/period-checks';
import { checkClass } from '../../../shared/setup/class-checks';
import { checkCourse } from '../../../shared/setup/course-checks';
import { checkTimetable, checkTimetableDocument } from '../../../shared/setup/timetable-checks';
import { formatProblems } from '../../../shared/setup/problems';
import {
  CLASSES,
  COURSES,
  PERIODS,
  SCHOOL,
  TIMETABLES,
  smallContext,
  version,
} from './small-school';

const ctx = smallContext();
const messageAt = (problems: { path: string; message: string }[], path: string) =>
  problems.filter((p) => p.path === path).map((p) => p.message);

describe('school card', () => {
  it('accepts the small school as it is', () => {
    expect(checkSchool(SCHOOL)).toEqual([]);
  });

  it('refuses holidays outside the year or ending before they start, a year ending before it starts', () => {
    const year = {
      ...SCHOOL.year,
      holidays: [
        { name: 'Летние', start: '2027-06-01', end: '2027-08-31' },
        { name: 'Наоборот', start: '2026-10-10', end: '2026-10-01' },
      ],
    };
    const problems = checkSchool({ ...SCHOOL, year });
    expect(messageAt(problems, 'year.holidays.0.start')).toEqual([
      'Каникулы «Летние» выходят за пределы учебного года (01.09.2026–31.12.2026)',
    ]);
    expect(messageAt(problems, 'year.holidays.1.end')).toEqual([
      'Каникулы «Наоборот» заканчиваются раньше, чем начинаются',
    ]);
    const backwards = checkSchool({ ...SCHOOL, year: { ...SCHOOL.year, end: '2026-08-01' } });
    expect(messageAt(backwards, 'year.end')).toEqual([
      'Учебный год заканчивается раньше, чем начинается',
    ]);
  });

  it('refuses a bell ending before it starts, overlapping lessons, a weekday in two bell schedules', () => {
    const bells = [
      { slot: 1, start: '08:30', end: '08:15' },
      { slot: 2, start: '09:00', end: '09:45' },
      { slot: 3, start: '09:40', end: '10:25' },
    ];
    const schedules = [
      { id: 'sat', name: 'Суббота', weekdays: [6], bells: bells.slice(1, 2) },
      { id: 'short', name: 'Сокращённый день', weekdays: [5, 6], bells: bells.slice(1, 2) },
    ];
    const problems = checkSchool({ ...SCHOOL, bells, bellSchedules: schedules });
    expect(messageAt(problems, 'bells.0.end')).toEqual([
      '1-й урок заканчивается не позже, чем начинается',
    ]);
    expect(messageAt(problems, 'bells.2.start')).toEqual([
      '3-й урок начинается раньше, чем заканчивается 2-й',
    ]);
    expect(messageAt(problems, 'bellSchedules.1.weekdays')).toEqual([
      'суббота: уже в расписании звонков «Суббота»',
    ]);
    const badTime = checkSchool({ ...SCHOOL, bells: [{ slot: 1, start: '8:30', end: '09:15' }] });
    expect(messageAt(badTime, 'bells.0.start')).toEqual(['Время в формате ЧЧ:ММ, например 08:30']);
  });

  it('refuses a weight of 0 and thresholds out of order in the grading policy', () => {
    const workTypes = SCHOOL.policy.workTypes.map((w, i) => (i === 0 ? { ...w, weight: 0 } : w));
    const zero = checkSchool({ ...SCHOOL, policy: { ...SCHOOL.policy, workTypes } });
    expect(messageAt(zero, 'policy.workTypes.0.weight')).toEqual([
      'Вес должен быть больше 0: от 0,1 до 10',
    ]);
    const thresholds = { five: 4.5, four: 4.6, three: 2.5 };
    const order = checkSchool({ ...SCHOOL, policy: { ...SCHOOL.policy, thresholds } });
    expect(messageAt(order, 'policy.thresholds')).toEqual(['Пороги должны убывать: 5 > 4 > 3']);
    const missing = checkSchool({
      ...SCHOOL,
      policy: { ...SCHOOL.policy, defaultWorkTypeId: 'нет' },
    });
    expect(messageAt(missing, 'policy.defaultWorkTypeId')).toHaveLength(1);
  });

  it('checks ИНН and ОГРН check digits, the e-mail, repeated subjects and attendance codes', () => {
    expect(isValidInn('7707083893')).toBe(true); // a well-known legal entity's ИНН
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
    const bad = checkSchool({
      ...SCHOOL,
      email: 'школа',
      operator: { ...SCHOOL.operator, inn: '1234567890', ogrn: '123' },
      subjects: [...SCHOOL.subjects, { id: 'rus2', name: 'русский язык', short: 'Р' }],
      attendanceCodes: [
        ...SCHOOL.attendanceCodes,
        { code: 'Н', label: 'ещё раз', reason: 'unexcused' },
      ],
    });
    expect(bad.map((p) => p.path).sort()).toEqual([
      'attendanceCodes.4.code',
      'email',
      'operator.inn',
      'operator.ogrn',
      'subjects.4.name',
    ]);
    expect(formatProblems(bad, 2)).toMatch(
      /^operator\.inn: ИНН — 10 или 12 цифр с верной контрольной цифрой; operator\.ogrn: .* \(и ещё: 3\)$/,
    );
  });

  it('refuses non-working days outside the year and twice the same day', () => {
    const year = {
      ...SCHOOL.year,
      nonWorkingDays: [
        { date: '2027-01-01', kind: 'publicHoliday' as const, name: 'Новый год' },
        { date: '2026-11-04', kind: 'publicHoliday' as const, name: '' },
        { date: '2026-11-04', kind: 'other' as const, name: '' },
      ],
    };
    const problems = checkSchool({ ...SCHOOL, year });
    expect(messageAt(problems, 'year.nonWorkingDays.0.date')).toEqual([
      'День 01.01.2027 вне учебного года (01.09.2026–31.12.2026)',
    ]);
    expect(messageAt(problems, 'year.nonWorkingDays.2.date')).toEqual([
      'День 04.11.2026 уже указан (строка 2)',
    ]);
  });
});

describe('periods', () => {
  const q = PERIODS[0]!;
  it('accepts the periods of the small school', () => {
    for (const p of PERIODS) expect(checkPeriod(p, ctx)).toEqual([]);
  });
  it('refuses a period outside the year, one ending before it starts, one overlapping another', () => {
    expect(messageAt(checkPeriod({ ...PERIODS[2]!, end: '2027-01-20' }, ctx), 'start')).toEqual([
      'Период «1 halfYear» выходит за пределы учебного года (01.09.2026–31.12.2026)',
    ]);
    expect(messageAt(checkPeriod({ ...q, end: '2026-08-31' }, ctx), 'end')).toEqual([
      'Период «1 quarter» заканчивается раньше, чем начинается',
    ]);
    const overlap = checkPeriod({ ...PERIODS[1]!, start: '2026-10-20' }, ctx);
    expect(messageAt(overlap, 'start')).toEqual([
      'Период «2 quarter» пересекается с периодом «1 quarter» (01.09.2026–23.10.2026)',
    ]);
    expect(messageAt(checkPeriod({ ...q, id: 'q1bis' }, ctx), 'number')).toEqual([
      'Период «1 quarter» уже есть',
    ]);
    expect(messageAt(checkPeriod({ ...q, scheme: 'halfYears' }, ctx), 'kind')).toHaveLength(1);
  });
});

describe('classes and courses', () => {
  it('refuses a wrong name, a repeated class, an unknown class teacher, a repeated group', () => {
    const c = CLASSES[1]!;
    expect(checkClass(c, ctx)).toEqual([]);
    const twin = checkClass(
      {
        ...c,
        id: 'other',
        classTeacherId: 'nobody',
        name: '5A',
        groups: [c.groups[0]!, { ...c.groups[0]!, id: 'g9' }],
      },
      ctx,
    );
    expect(twin.map((p) => p.message)).toEqual([
      'Название класса — «5А»',
      'Класс 5А уже есть',
      'Классный руководитель не найден среди сотрудников',
      'Группа «1 группа» указана дважды',
    ]);
    expect(messageAt(checkClass({ ...c, letter: 'a', name: '5a' }, ctx), 'letter')).toEqual([
      'Буква класса — заглавные русские буквы: А, Б, В…',
    ]);
  });

  it('refuses a course of an unknown subject, group or teacher, and a second course of the same subject', () => {
    const k = COURSES[1]!;
    expect(checkCourse(k, ctx)).toEqual([]);
    expect(checkCourse({ ...k, id: 'k-dup' }, ctx).map((p) => p.message)).toEqual([
      'Курс «Математика» в 5А уже есть',
    ]);
    const bad = checkCourse(
      { ...k, id: 'k-bad', subjectId: 'astro', groupId: 'g7', teacherId: 'x' },
      ctx,
    );
    expect(bad.map((p) => p.path)).toEqual(['subjectId', 'groupId', 'teacherId']);
    expect(messageAt(checkCourse({ ...k, hoursPerWeek: 0 }, ctx), 'hoursPerWeek')).toHaveLength(1);
  });
});

describe('timetable versions', () => {
  it('refuses a course of another class, a lesson number without a bell, a start outside the year', () => {
    const t = version('c1a', '2026-09-01', [
      { weekday: 1, slot: 1, courseId: 'k5-math', room: '' },
      { weekday: 2, slot: 8, courseId: 'k1-rus', room: '' },
    ]);
    expect(checkTimetableDocument(t, ctx).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'cells.0.courseId: понедельник, 1-й урок: «Математика» — курс класса 5А',
      'cells.1.slot: вторник: для 8-го урока нет звонка в расписании звонков',
    ]);
    const late = version('c1a', '2027-02-01', []);
    expect(checkTimetableDocument(late, ctx).map((p) => p.path)).toEqual(['validFrom']);
  });

  it('refuses the conflicts a change brings in, not those already there', () => {
    const clash = version('c10a', '2026-09-01', [
      { weekday: 1, slot: 2, courseId: 'k10-math', room: 'каб. 31' },
    ]);
    expect(checkTimetable(clash, ctx).map((p) => p.message)).toEqual([
      'Кабинет «каб. 31» в понедельник на 2-м уроке занят дважды: 10А «Математика» (Петров Б. И.) и 5А «Английский язык» (Ким Е. С.) (с 01.09.2026)',
    ]);
    // With the conflict already stored, another edit of the same version is not refused for it.
    const stored = smallContext({
      timetables: [...TIMETABLES.filter((t) => t.id !== clash.id), clash],
    });
    const edited = { ...clash, name: 'исправленное' };
    expect(checkTimetable(edited, stored)).toEqual([]);
  });
});
