// Copy and paste of journal cells: the text of a cell, and a column pasted from Excel.
import { describe, expect, it } from 'vitest';
import { cellText, parsePaste } from '../../../renderer/journal/clipboard';

const codes = ['н', 'б', 'оп'];

describe('journal clipboard', () => {
  it('copies what the cell shows', () => {
    expect(
      cellText({
        attendance: 'оп',
        marks: [
          { value: '5', workTypeId: 'oral', comment: '' },
          { value: '4', workTypeId: 'test', comment: '' },
        ],
      }),
    ).toBe('оп 5 4');
    expect(cellText(undefined)).toBe('');
  });

  it('reads an Excel column: one cell per line, the first cell of a row, empty lines kept', () => {
    expect(parsePaste('5\r\n4\t(лишнее)\r\n\r\nН\r\n5 4\r\n', codes)).toEqual([
      { kind: 'marks', attendance: null, marks: ['5'] },
      { kind: 'marks', attendance: null, marks: ['4'] },
      { kind: 'empty' },
      { kind: 'marks', attendance: 'н', marks: [] },
      { kind: 'marks', attendance: null, marks: ['5', '4'] },
    ]);
  });

  it('says which text is not a mark or a code', () => {
    expect(parsePaste('отлично', codes)).toEqual([{ kind: 'invalid', text: 'отлично' }]);
  });
});
