// The one date field's checks: ДД.ММ.ГГГГ in, YYYY-MM-DD out, Russian reasons, the allowed range.
import { describe, expect, it } from 'vitest';
import { checkDateField } from '../../../renderer/ui/DateField';

describe('checkDateField', () => {
  it('reads ДД.ММ.ГГГГ (and Д.М.ГГГГ) as the ISO date', () => {
    expect(checkDateField('01.12.2026', {})).toEqual({ ok: true, iso: '2026-12-01' });
    expect(checkDateField('1.2.2027', {})).toEqual({ ok: true, iso: '2027-02-01' });
  });
  it('refuses what is not a date, in Russian', () => {
    expect(checkDateField('12/01/2026', {})).toEqual({
      ok: false,
      error: 'Дата должна быть в формате ДД.ММ.ГГГГ',
    });
    expect(checkDateField('31.02.2027', {})).toEqual({
      ok: false,
      error: 'Такой даты нет в календаре',
    });
    expect(checkDateField('', { required: true })).toEqual({ ok: false, error: 'Укажите дату' });
    expect(checkDateField('', {})).toEqual({ ok: true, iso: '' });
  });
  it('keeps to the allowed range', () => {
    const range = { min: '2026-11-10', max: '2026-12-28' };
    expect(checkDateField('29.12.2026', range)).toEqual({
      ok: false,
      error: 'Дата не позже 28.12.2026',
    });
    expect(checkDateField('09.11.2026', range)).toEqual({
      ok: false,
      error: 'Дата не раньше 10.11.2026',
    });
    expect(checkDateField('28.12.2026', range)).toEqual({ ok: true, iso: '2026-12-28' });
  });
});
