// The cell history's wording: a work-type change is named as such, not shown as «5 4 → 5 4».
import { describe, expect, it } from 'vitest';
import { cellChangeText, cellValueText } from '../../../renderer/journal/cell-change';

const workTypes = new Map([
  ['oral', { name: 'Ответ на уроке' }],
  ['test', { name: 'Контрольная работа' }],
]);
const mark = (value: string, workTypeId = 'oral', comment = '') => ({ value, workTypeId, comment });

describe('cell history wording', () => {
  it('marks and codes as the grid shows them, modifiers with the minus sign', () => {
    expect(cellValueText({ marks: [mark('5'), mark('4-')], attendance: null })).toBe('5 4−');
    expect(cellValueText({ marks: [], attendance: 'н' })).toBe('н');
    expect(cellValueText(null)).toBe('пусто');
    expect(cellValueText({ marks: [mark('pass')], attendance: null })).toBe('зач');
  });

  it('a new mark shows before → after', () => {
    const before = { marks: [mark('5')], attendance: null };
    const after = { marks: [mark('5'), mark('4')], attendance: null };
    expect(cellChangeText(before, after, workTypes)).toBe('5 → 5 4');
    expect(cellChangeText(null, before, workTypes)).toBe('пусто → 5');
  });

  it('the same marks with another work type name the change', () => {
    const before = { marks: [mark('5')], attendance: null };
    const after = { marks: [mark('5', 'test')], attendance: null };
    expect(cellChangeText(before, after, workTypes)).toBe(
      'вид работы: Ответ на уроке → Контрольная работа',
    );
    // Two marks: the one whose work type changed is named.
    const two = { marks: [mark('5'), mark('4')], attendance: null };
    const twoAfter = { marks: [mark('5'), mark('4', 'test')], attendance: null };
    expect(cellChangeText(two, twoAfter, workTypes)).toBe(
      'вид работы отметки «4»: Ответ на уроке → Контрольная работа',
    );
  });

  it('a comment change is named; an unknown work type shows its code', () => {
    const before = { marks: [mark('3')], attendance: null };
    const after = { marks: [mark('3', 'oral', 'не решил задачу 2')], attendance: null };
    expect(cellChangeText(before, after, workTypes)).toBe('комментарий: «» → «не решил задачу 2»');
    const gone = { marks: [mark('3', 'wt-old')], attendance: null };
    expect(cellChangeText(gone, before, workTypes)).toBe('вид работы: wt-old → Ответ на уроке');
  });
});
