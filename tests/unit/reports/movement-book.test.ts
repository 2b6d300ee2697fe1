// The book of movements of 2026/2027 worked out by hand: a transfer 5А → 5Б (seen in both classes),
// a pupil leaving the school, plain and conditional promotion, one kept back, a graduate; a movement
// of an older year is not in the book; the XLSX export reads back with real dates.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportToWorkbook } from '../../../shared/reports/export-xlsx';
import {
  movementBook,
  movementBookTable,
  movementCountsTable,
} from '../../../shared/reports/movement-book';
import type { SchoolClass } from '../../../shared/school-class';
import type { StudentMovement } from '../../../shared/student';

function cls(id: string, yearId: string, grade: number, letter: string): SchoolClass {
  return {
    id,
    stamps: {},
    yearId,
    grade,
    letter,
    name: `${grade}${letter}`,
    periodScheme: 'quarters',
    classTeacherId: 't',
    groups: [],
  };
}

const classes = [
  cls('c9a', 'y2026', 9, 'А'),
  cls('c5b', 'y2026', 5, 'Б'),
  cls('c5a', 'y2026', 5, 'А'),
  cls('n6a', 'y2027', 6, 'А'),
  cls('n5a', 'y2027', 5, 'А'),
  cls('o4a', 'y2025', 4, 'А'),
];

const END = { date: '2027-06-20', orderNumber: '112-о' };
function student(id: string, lastName: string, firstName: string, movements: StudentMovement[]) {
  return { id, lastName, firstName, middleName: '', movements };
}
const students = [
  student('s1', 'Иванов', 'Пётр', [
    {
      kind: 'promoted',
      date: '2026-06-20',
      orderNumber: '98-о',
      fromClassId: 'o4a',
      toClassId: 'c5a',
    },
    {
      kind: 'transfer',
      date: '2026-11-10',
      orderNumber: '45-о',
      fromClassId: 'c5a',
      toClassId: 'c5b',
    },
    { kind: 'promoted', ...END, fromClassId: 'c5b', toClassId: 'n6a' },
  ]),
  student('s2', 'Петрова', 'Анна', [
    { kind: 'conditional', ...END, fromClassId: 'c5a', toClassId: 'n6a', debts: ['math', 'rus'] },
  ]),
  student('s3', 'Сидоров', 'Илья', [
    { kind: 'keptBack', ...END, fromClassId: 'c5a', toClassId: 'n5a' },
  ]),
  student('s4', 'Орлова', 'Мария', [
    { kind: 'left', date: '2027-02-01', orderNumber: '60-о', fromClassId: 'c5b', toClassId: null },
  ]),
  student('s5', 'Козлов', 'Олег', [
    {
      kind: 'graduated',
      date: '2027-06-20',
      orderNumber: '113-о',
      fromClassId: 'c9a',
      toClassId: null,
    },
  ]),
  { id: 's6', lastName: 'Белова', firstName: 'Ольга', middleName: '' },
];
const subjects = [
  { id: 'math', name: 'Математика' },
  { id: 'rus', name: 'Русский язык' },
];
const book = movementBook({
  year: { id: 'y2026', name: '2026/2027' },
  classes,
  students,
  subjects,
});

describe('the book of movements', () => {
  it("lists the year's classes in order, each movement by date with its order", () => {
    expect(book.classes.map((c) => c.className)).toEqual(['5А', '5Б', '9А']);
    const rows = (i: number) =>
      book.classes[i]!.entries.map((e) => [e.student, e.kind, e.otherClass, e.orderNumber, e.date]);
    expect(rows(0)).toEqual([
      ['Иванов Пётр', 'transfer', '5Б', '45-о', '2026-11-10'],
      ['Петрова Анна', 'conditional', '6А', '112-о', '2027-06-20'],
      ['Сидоров Илья', 'keptBack', '5А', '112-о', '2027-06-20'],
    ]);
    expect(rows(1)).toEqual([
      ['Иванов Пётр', 'arrived', '5А', '45-о', '2026-11-10'],
      ['Орлова Мария', 'left', null, '60-о', '2027-02-01'],
      ['Иванов Пётр', 'promoted', '6А', '112-о', '2027-06-20'],
    ]);
    expect(rows(2)).toEqual([['Козлов Олег', 'graduated', null, '113-о', '2027-06-20']]);
    expect(book.classes[0]!.entries[1]!.debts).toEqual(['Математика', 'Русский язык']);
  });

  it('counts each kind per class and in total', () => {
    expect(book.classes[0]!.counts).toMatchObject({
      transfer: 1,
      conditional: 1,
      keptBack: 1,
      promoted: 0,
    });
    expect(book.classes[1]!.counts).toMatchObject({
      arrived: 1,
      left: 1,
      promoted: 1,
      transfer: 0,
    });
    expect(book.totals).toEqual({
      arrived: 1,
      left: 1,
      transfer: 1,
      promoted: 1,
      conditional: 1,
      keptBack: 1,
      graduated: 1,
    });
    const counts = movementCountsTable(book);
    expect(counts.rows.at(-1)).toMatchObject({ className: 'Итого', graduated: 1, arrived: 1 });
    expect(counts.rows).toHaveLength(4);
  });

  it('exports to XLSX with Russian headers, order dates as dates', async () => {
    const bytes = await reportToWorkbook(movementBookTable(book));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('Книга движения учащихся');
    expect(ws.getCell(2, 1).value).toBe('2026/2027 учебный год');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      'Класс',
      'Обучающийся',
      'Движение',
      'Откуда / куда',
      'Приказ №',
      'Дата приказа',
      'Академическая задолженность',
    ]);
    // Row 4 + 4: 5Б's second entry, Орлова leaving the school.
    const left = ws.getRow(8).values as unknown[];
    expect(left.slice(1, 6)).toEqual(['5Б', 'Орлова Мария', 'выбыл', 'из школы', '60-о']);
    expect(left[6]).toEqual(new Date(Date.UTC(2027, 1, 1)));
    expect(ws.getRow(5).getCell(7).value).toBe('Математика, Русский язык');
    expect(ws.rowCount).toBe(3 + 7);
  });
});
