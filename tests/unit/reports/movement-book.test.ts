// The book of movements of 2026/2027 worked out by hand: a transfer 5А → 5Б (seen in both classes),
// a pupil arriving from another school, a pupil leaving the school, plain and conditional promotion,
// one kept back, a graduate; a movement of an older year is not in the book; the XLSX export reads
// back with real dates; the PDF (pdftotext) has every row, the class totals and the school's.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import {
  buildMovementBookModel,
  renderMovementBook,
} from '../../../shared/documents/movement-book-render';
import { reportToWorkbook } from '../../../shared/reports/export-xlsx';
import {
  movementBook,
  movementBookTable,
  movementCountsTable,
} from '../../../shared/reports/movement-book';
import type { SchoolClass } from '../../../shared/school-class';
import type { StudentMovement } from '../../../shared/student';
import { assertHas, pdfInfo, pdfText, qpdfCheck, savePdf, squash } from '../documents/helpers';

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
  const gender = lastName.endsWith('а') ? ('female' as const) : ('male' as const);
  return { id, lastName, firstName, middleName: '', gender, movements };
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
  student('s7', 'Зайцева', 'Вера', [
    {
      kind: 'enrolled',
      date: '2026-09-14',
      orderNumber: '31-у',
      fromClassId: null,
      toClassId: 'c5b',
    },
  ]),
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
      ['Зайцева Вера', 'enrolled', null, '31-у', '2026-09-14'],
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
      enrolled: 1,
      arrived: 1,
      left: 1,
      promoted: 1,
      transfer: 0,
    });
    expect(book.totals).toEqual({
      enrolled: 1,
      arrived: 1,
      left: 1,
      transfer: 1,
      promoted: 1,
      conditional: 1,
      keptBack: 1,
      graduated: 1,
    });
    const counts = movementCountsTable(book);
    expect(counts.rows.at(-1)).toMatchObject({
      className: 'Итого',
      graduated: 1,
      arrived: 1,
      enrolled: 1,
    });
    expect(counts.rows).toHaveLength(4);
  });

  it('exports to XLSX with Russian headers, order dates as dates', async () => {
    const bytes = await reportToWorkbook(movementBookTable(book));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('Книга движения обучающихся');
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
    // Row 4 + 3: 5Б's first entry, Зайцева from another school; row 4 + 5: Орлова leaving.
    expect((ws.getRow(7).values as unknown[]).slice(1, 6)).toEqual([
      '5Б',
      'Зайцева Вера',
      'прибыла из другой школы',
      'из другой школы',
      '31-у',
    ]);
    const left = ws.getRow(9).values as unknown[];
    expect(left.slice(1, 6)).toEqual(['5Б', 'Орлова Мария', 'выбыла', 'из школы', '60-о']);
    expect(left[6]).toEqual(new Date(Date.UTC(2027, 1, 1)));
    expect(ws.getRow(5).getCell(7).value).toBe('Математика, Русский язык');
    expect(ws.rowCount).toBe(3 + 8);
  });

  it('prints as a PDF: every movement with its order, the totals per class and for the school', async () => {
    const model = buildMovementBookModel(
      book,
      {
        fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»',
        shortName: 'МБОУ «Школа № 1»',
      },
      '2027-06-25',
    );
    const path = savePdf(await renderMovementBook(model, loadDocumentFonts()), 'movement-book');
    expect(qpdfCheck(path).ok).toBe(true);
    const info = pdfInfo(path);
    expect(info.pages).toBe(1);
    expect(info.pageSize).toMatch(/841\.89 x 595\.28/);
    const flat = squash(pdfText(path));
    for (const phrase of [
      'Книга движения обучающихся',
      '2026/2027 учебный год',
      'Зайцева Вера прибыла из другой школы из другой школы 31-у 14.09.2026',
      'Иванов Пётр прибыл из другого класса 5А 45-о 10.11.2026',
      'Петрова Анна переведена условно 6А Математика, Русский язык 112-о 20.06.2027',
      'Орлова Мария выбыла из школы 60-о 01.02.2027',
      'Козлов Олег окончил обучение 113-о 20.06.2027',
      'Итого по 5Б классу: прибыли из других школ — 1, прибыли из других классов — 1, выбыли — 1, переведены в следующий класс — 1.',
      'Итого по 9А классу: окончили обучение — 1.',
      // The school's row: enrolled, arrived, left, transfer, promoted, conditional, kept back, graduated.
      'Итого по школе 1 1 1 1 1 1 1 1',
      'Дата формирования: 25.06.2027.',
    ]) {
      assertHas(flat, phrase);
    }
    // 5А's rows in order of date: the transfer (10.11) before the year-end movements.
    expect(flat.indexOf(squash('Иванов Пётр переведён в другой класс 5Б'))).toBeLessThan(
      flat.indexOf(squash('Петрова Анна переведена условно')),
    );
  });
});
