// Namesakes: the labels of students with the same surname and name differ by the patronymic's
// initial, the patronymic, then the birth date; everybody else keeps «Фамилия Имя».
import { describe, expect, it } from 'vitest';
import { distinctNames, type NamedStudent } from '../../shared/student-names';

const s = (id: string, lastName: string, firstName: string, middleName = '', birthDate = '') =>
  ({ id, lastName, firstName, middleName, birthDate }) satisfies NamedStudent;

describe('distinctNames', () => {
  it('keeps «Фамилия Имя» when nobody shares it', () => {
    const names = distinctNames([s('a', 'Иванов', 'Пётр', 'Ильич'), s('b', 'Иванов', 'Павел')]);
    expect([...names]).toEqual([
      ['a', 'Иванов Пётр'],
      ['b', 'Иванов Павел'],
    ]);
  });

  it('adds the patronymic initial to namesakes only', () => {
    const names = distinctNames([
      s('a', 'Борисова', 'Юлия', 'Андреевна'),
      s('b', 'Борисова', 'Юлия', 'Сергеевна'),
      s('c', 'Борисова', 'Анна', 'Андреевна'),
    ]);
    expect(names.get('a')).toBe('Борисова Юлия А.');
    expect(names.get('b')).toBe('Борисова Юлия С.');
    expect(names.get('c')).toBe('Борисова Анна');
  });

  it('writes the whole patronymic when the initials are the same, and ё is е', () => {
    const names = distinctNames([
      s('a', 'Сёмина', 'Юлия', 'Александровна'),
      s('b', 'Семина', 'Юлия', 'Алексеевна'),
    ]);
    expect(names.get('a')).toBe('Сёмина Юлия Александровна');
    expect(names.get('b')).toBe('Семина Юлия Алексеевна');
  });

  it('adds the birth date to identical full names', () => {
    const names = distinctNames([
      s('a', 'Ким', 'Ли', 'Ен', '2015-03-12'),
      s('b', 'Ким', 'Ли', 'Ен', '2016-01-02'),
    ]);
    expect(names.get('a')).toBe('Ким Ли Ен (12.03.2015)');
    expect(names.get('b')).toBe('Ким Ли Ен (02.01.2016)');
  });

  it('a namesake without a patronymic is told apart from one with it', () => {
    const names = distinctNames([s('a', 'Орлов', 'Иван'), s('b', 'Орлов', 'Иван', 'Олегович')]);
    expect(names.get('a')).toBe('Орлов Иван');
    expect(names.get('b')).toBe('Орлов Иван О.');
  });
});
