// «Школа → Учётные записи»: the typed moment, the report's values and labels, login outcomes.
import { describe, expect, it } from 'vitest';
import { splitLabel } from '../../../renderer/workspaces/school/accounts/CompromiseReportView';
import {
  dateTime,
  isFailure,
  momentFields,
  outcomeText,
  parseMoment,
  rolesText,
  valueText,
} from '../../../renderer/workspaces/school/accounts/format';

describe('accounts tab formatting', () => {
  it('parses the reported moment in local time, with or without seconds', () => {
    expect(parseMoment('23.11.2026', '10:05')).toEqual(new Date(2026, 10, 23, 10, 5, 0));
    expect(parseMoment(' 3.1.2026 ', '9:07:30')).toEqual(new Date(2026, 0, 3, 9, 7, 30));
    expect(parseMoment('2026-11-23', '10:05')).toMatch(/ДД\.ММ\.ГГГГ/);
    expect(parseMoment('23.11.2026', '10')).toMatch(/ЧЧ:ММ/);
    expect(parseMoment('31.02.2026', '10:00')).toBe('Такой даты или времени нет');
    expect(parseMoment('23.11.2026', '24:00')).toBe('Такой даты или времени нет');
  });

  it('round-trips the default moment and shows times in Russian order', () => {
    const d = new Date(2026, 10, 23, 8, 4, 9);
    const f = momentFields(d);
    expect(f).toEqual({ date: '23.11.2026', time: '08:04' });
    expect(parseMoment(f.date, f.time)).toEqual(new Date(2026, 10, 23, 8, 4));
    expect(dateTime(d.toISOString())).toBe('23.11.2026 08:04');
    expect(dateTime(d.toISOString(), true)).toBe('23.11.2026 08:04:09');
    expect(dateTime(null)).toBe('—');
  });

  it('shows report values as the journal does', () => {
    const entry = (marks: string[], attendance: string | null) => ({
      marks: marks.map((value) => ({ value, workTypeId: 'w', comment: '' })),
      attendance,
    });
    expect(valueText(entry(['5', '4'], null))).toBe('5 4');
    expect(valueText(entry([], 'н'))).toBe('н');
    expect(valueText(entry([], null))).toBe('пусто');
    expect(valueText(null)).toBe('пусто');
    expect(valueText('Дроби')).toBe('«Дроби»');
    expect(valueText({ value: '4', proposed: '4', average: 4.2, deferral: null })).toBe('4');
    expect(valueText({ value: null, proposed: null, average: null, deferral: { x: 1 } })).toBe(
      'отсрочка',
    );
  });

  it('splits a place label into where and what', () => {
    expect(splitLabel('7А, Математика, урок 12.11.2026 (2-й), Иванова М. П.: отметки')).toEqual([
      '7А, Математика, урок 12.11.2026 (2-й), Иванова М. П.',
      'отметки',
    ]);
    expect(splitLabel('обучающийся Петров')).toEqual(['обучающийся Петров', '']);
  });

  it('names login outcomes and roles in Russian', () => {
    expect(outcomeText('wrong-password')).toBe('неверный пароль');
    expect(isFailure('wrong-password')).toBe(true);
    expect(isFailure('success')).toBe(false);
    expect(rolesText(['teacher', 'deputy'])).toBe(
      'учитель-предметник, заместитель директора по УВР',
    );
  });
});
