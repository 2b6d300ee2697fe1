// The roster's content rules shared by the class teacher's forms, the server and the import.
import { describe, expect, it } from 'vitest';
import {
  birthDateProblem,
  namePartProblem,
  normalizePhone,
  studentPartsProblem,
} from '../../shared/roster-checks';

describe('names', () => {
  it('accepts letters with a hyphen, an apostrophe or a space between them', () => {
    for (const ok of [
      'Ёж',
      'Салтыков-Щедрин',
      'Д’Артаньян',
      "О'Коннор",
      'Мария Луиза',
      'Аль-Хасан',
    ])
      expect(namePartProblem(ok), ok).toBeNull();
  });
  it('refuses digits, markup, and separators not between letters', () => {
    expect(namePartProblem('Иванов123')).toBe('В имени не должно быть цифр');
    for (const bad of ['<b>Ёж</b>', 'Иванов-', '-Иванов', 'Иван--ов', 'Иванов.', 'Ivanov!'])
      expect(namePartProblem(bad), bad).toMatch(/^Только буквы/);
  });
});

describe('phones', () => {
  it('stores every Russian way of writing a number as +7 XXX XXX-XX-XX', () => {
    for (const typed of ['89123456789', '+7 (912) 345-67-89', '9123456789', '7 912 345 67 89'])
      expect(normalizePhone(typed)).toEqual({ ok: true, phone: '+7 912 345-67-89' });
    expect(normalizePhone('')).toEqual({ ok: true, phone: '' });
  });
  it('refuses a short, foreign or lettered number', () => {
    expect(normalizePhone('12-34').ok).toBe(false);
    expect(normalizePhone('+380 44 123 45 67')).toEqual({
      ok: false,
      error: 'Укажите российский номер: +7 и 10 цифр',
    });
    expect(normalizePhone('912 ABC').ok).toBe(false);
  });
});

describe('birth dates for the grade', () => {
  const today = '2026-12-01'; // school year from 01.09.2026
  it('accepts the usual ages, refuses a 5th-grader born in 1950 or a 1st-grader of 3', () => {
    // A 5th-grader is 9 to 15 on 01.09.2026: born 02.09.2010 … 01.09.2017.
    expect(birthDateProblem('2015-05-10', 5, today)).toBeNull();
    // The edges: 15 the day before the 16th birthday, 9 on the 9th birthday.
    expect(birthDateProblem('2010-09-02', 5, today)).toBeNull();
    expect(birthDateProblem('2010-09-01', 5, today)).toMatch(/обучающемуся 16 лет/);
    expect(birthDateProblem('2017-09-01', 5, today)).toBeNull();
    expect(birthDateProblem('2017-09-02', 5, today)).toMatch(/обучающемуся 8 лет/);
    expect(birthDateProblem('1950-01-01', 5, today)).toBe(
      'Дата рождения не подходит для 5 класса: на 01.09.2026 обучающемуся 76 лет (ожидается от 9 до 15 лет)',
    );
    expect(birthDateProblem('2023-01-01', 1, today)).toMatch(/обучающемуся 3 года/);
    expect(birthDateProblem('', 5, today)).toBeNull();
    expect(birthDateProblem('2027-01-01', 5, today)).toBe('Дата рождения не может быть в будущем');
  });
});

describe('studentPartsProblem (what the server and the import refuse)', () => {
  const student = {
    lastName: 'Иванов',
    firstName: 'Пётр',
    middleName: '',
    birthDate: '2015-05-10',
    guardians: { g1: { lastName: 'Иванова', firstName: 'Анна', middleName: '', phone: '' } },
  };
  it('judges only the changed parts', () => {
    const bad = { ...student, lastName: 'Иванов123' };
    expect(studentPartsProblem(bad, ['lastName'], 5, '2026-12-01')).toBe(
      'Обучающийся, фамилия: В имени не должно быть цифр',
    );
    expect(studentPartsProblem(bad, ['address'], 5, '2026-12-01')).toBeNull();
  });
  it('refuses an unnormalised guardian phone and an implausible birth date', () => {
    const phone = {
      ...student,
      guardians: { g1: { ...student.guardians.g1, phone: '9123456789' } },
    };
    expect(studentPartsProblem(phone, ['guardians.g1'], 5, '2026-12-01')).toBe(
      'Родитель, телефон: запишите номер в виде +7 912 345-67-89',
    );
    expect(
      studentPartsProblem({ ...student, birthDate: '1950-01-01' }, 'all', 5, '2026-12-01'),
    ).toMatch(/^Дата рождения не подходит для 5 класса/);
    expect(studentPartsProblem(student, 'all', 5, '2026-12-01')).toBeNull();
  });
});
