import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_CODES } from '../../../shared/attendance-code';
import type { LessonEntry } from '../../../shared/lesson';
import { applyCellEdit, sameEntry } from '../../../renderer/journal/cell-edit';

const codes = DEFAULT_ATTENDANCE_CODES;
const mark = (value: '5' | '4' | '3', workTypeId = 'oral') => ({ value, workTypeId, comment: '' });

describe('applyCellEdit', () => {
  it('adds several marks to one cell', () => {
    const first = applyCellEdit(
      undefined,
      { kind: 'addMark', value: '5', workTypeId: 'oral' },
      codes,
    );
    expect(first).toEqual({ ok: true, entry: { marks: [mark('5')], attendance: null } });
    const entry = (first as { entry: LessonEntry }).entry;
    const second = applyCellEdit(entry, { kind: 'addMark', value: '4', workTypeId: 'test' }, codes);
    expect(second).toEqual({
      ok: true,
      entry: { marks: [mark('5'), mark('4', 'test')], attendance: null },
    });
  });

  it('refuses a mark for an absent student and an absence for a marked one, with a hint', () => {
    const absent: LessonEntry = { marks: [], attendance: 'н' };
    const refused = applyCellEdit(
      absent,
      { kind: 'addMark', value: '5', workTypeId: 'oral' },
      codes,
    );
    expect(refused.ok).toBe(false);
    expect((refused as { hint: string }).hint).toMatch(/отметку поставить нельзя/);
    const marked: LessonEntry = { marks: [mark('5')], attendance: null };
    expect(applyCellEdit(marked, { kind: 'setAttendance', code: 'б' }, codes).ok).toBe(false);
  });

  it('lets a late student (оп) have marks', () => {
    const late: LessonEntry = { marks: [], attendance: 'оп' };
    expect(applyCellEdit(late, { kind: 'addMark', value: '4', workTypeId: 'oral' }, codes)).toEqual(
      {
        ok: true,
        entry: { marks: [mark('4')], attendance: 'оп' },
      },
    );
  });

  it('Backspace removes the last mark, then the code; Delete empties the cell', () => {
    const entry: LessonEntry = { marks: [mark('5'), mark('4')], attendance: 'оп' };
    const once = applyCellEdit(entry, { kind: 'removeLastMark' }, codes);
    expect(once).toEqual({ ok: true, entry: { marks: [mark('5')], attendance: 'оп' } });
    const late: LessonEntry = { marks: [], attendance: 'оп' };
    expect(applyCellEdit(late, { kind: 'removeLastMark' }, codes)).toEqual({
      ok: true,
      entry: null,
    });
    expect(applyCellEdit(entry, { kind: 'clearCell' }, codes)).toEqual({ ok: true, entry: null });
    expect(applyCellEdit(undefined, { kind: 'clearCell' }, codes)).toEqual({ ok: 'unchanged' });
  });

  it('sets the work type of the last mark', () => {
    const entry: LessonEntry = { marks: [mark('5'), mark('4')], attendance: null };
    expect(
      applyCellEdit(entry, { kind: 'setLastMarkWorkType', workTypeId: 'test' }, codes),
    ).toEqual({
      ok: true,
      entry: { marks: [mark('5'), mark('4', 'test')], attendance: null },
    });
    expect(
      applyCellEdit(undefined, { kind: 'setLastMarkWorkType', workTypeId: 'test' }, codes).ok,
    ).toBe(false);
  });

  it('rejects codes the school does not use', () => {
    expect(applyCellEdit(undefined, { kind: 'setAttendance', code: 'ж' }, codes).ok).toBe(false);
  });

  it('compares entries structurally', () => {
    expect(
      sameEntry({ marks: [mark('5')], attendance: null }, { marks: [mark('5')], attendance: null }),
    ).toBe(true);
    expect(
      sameEntry({ marks: [mark('5')], attendance: null }, { marks: [mark('4')], attendance: null }),
    ).toBe(false);
    expect(sameEntry(undefined, { marks: [], attendance: 'н' })).toBe(false);
  });
});

describe('a pasted cell', () => {
  const five = { value: '5' as const, workTypeId: 'oral', comment: '' };
  it('replaces the cell, empties it, and refuses a mark beside an absence', () => {
    const old: LessonEntry = { attendance: null, marks: [five, five] };
    expect(
      applyCellEdit(old, { kind: 'replace', entry: { attendance: null, marks: [five] } }, codes),
    ).toEqual({ ok: true, entry: { attendance: null, marks: [five] } });
    expect(applyCellEdit(old, { kind: 'replace', entry: null }, codes)).toEqual({
      ok: true,
      entry: null,
    });
    expect(applyCellEdit(undefined, { kind: 'replace', entry: null }, codes)).toEqual({
      ok: 'unchanged',
    });
    const refused = applyCellEdit(
      undefined,
      { kind: 'replace', entry: { attendance: 'н', marks: [five] } },
      codes,
    );
    expect(refused).toEqual({
      ok: false,
      hint: 'Ученик отмечен как отсутствующий («н»): отметку поставить нельзя.',
    });
  });
});
