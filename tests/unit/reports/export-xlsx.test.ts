import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportToWorkbook, sheetName, toTableReport } from '../../../shared/reports/export-xlsx';
import { failingMarksReport } from '../../../shared/reports/failing-marks';
import { checkTestSchedule } from '../../../shared/reports/test-schedule';
import { cell, classes, courses, lesson, policy, students, subjects } from './fixtures';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  // exceljs' own typing of load() wants its Buffer interface; a Node Buffer satisfies it.
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

describe('reportToWorkbook', () => {
  it('writes the title, headers and rows and reads them back', async () => {
    const report = failingMarksReport({
      lessons: [
        lesson('c-math', '2026-09-10', 2, {
          topic: 'Сложение дробей',
          entries: { 'st-1': cell([['2', 'test']]), 'st-2': cell([['1', 'oral']]) },
        }),
      ],
      students,
      courses,
      subjects,
      policy,
      from: '2026-09-01',
      to: '2026-09-30',
    });
    const table = toTableReport({ kind: 'failingMarks', report });
    expect(table.subtitle).toBe('с 01.09.2026 по 30.09.2026');
    const bytes = await reportToWorkbook(table);
    expect(bytes).toBeInstanceOf(Uint8Array);
    // An XLSX file is a zip: it starts with "PK".
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);

    const ws = await readBack(bytes);
    expect(ws.name).toBe('Неудовлетворительные отметки');
    expect(ws.getCell('A1').value).toBe('Неудовлетворительные отметки');
    expect(ws.getCell('A2').value).toBe('с 01.09.2026 по 30.09.2026');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      'Обучающийся',
      'Предмет',
      'Дата',
      'Отметка',
      'Вид работы',
      'Тема урока',
    ]);
    // Антонов (st-2) sorts before Григорьева (st-1).
    // The date is a real date (sorts as one, shown ДД.ММ.ГГГГ) and the mark a number.
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      'Антонов Алексей',
      'Математика',
      new Date(Date.UTC(2026, 8, 10)),
      1,
      'Ответ на уроке',
      'Сложение дробей',
    ]);
    expect(ws.getCell('C4').numFmt).toBe('dd.mm.yyyy');
    expect(ws.getCell('D5').value).toBe(2);
    expect(ws.getCell('A5').value).toBe('Григорьева Дарья');
    expect(ws.getCell('F5').value).toBe('Сложение дробей');
    expect(ws.rowCount).toBe(5);
  });

  it('keeps numbers as numbers and empty cells empty', async () => {
    const bytes = await reportToWorkbook({
      title: 'Проба',
      columns: [
        { key: 'a', header: 'Текст' },
        { key: 'b', header: 'Число', width: 10 },
      ],
      rows: [
        { a: 'x', b: 92.5 },
        { a: null, b: 0 },
      ],
    });
    const ws = await readBack(bytes);
    expect(ws.getCell('B4').value).toBe(92.5);
    expect(ws.getCell('A5').value).toBeNull();
    expect(ws.getCell('B5').value).toBe(0);
    expect(ws.getColumn(2).width).toBe(10);
  });

  it('exports the test-schedule violations', async () => {
    const report = checkTestSchedule({
      lessons: [
        lesson('c-math', '2026-09-07', 1, { lessonType: 'test' }),
        lesson('c-rus', '2026-09-07', 2),
      ],
      courses,
      classes,
      subjects,
      policy,
      options: { maxTestShare: 1 },
    });
    const ws = await readBack(
      await reportToWorkbook(toTableReport({ kind: 'testSchedule', report })),
    );
    expect(ws.getCell('A4').value).toBe('Не на первом и не на последнем уроке');
    expect(ws.getCell('B4').value).toBe('07.09.2026');
    expect(ws.getCell('C4').value).toBe(
      '5А: контрольная работа (математика) 07.09.2026 на 1-м уроке — первый урок дня',
    );
  });
});

describe('formula injection', () => {
  it('stores text that starts like a formula as text with an apostrophe, numbers untouched', async () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","Нажмите")',
      '+7 (495) 000-00-00',
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      '\r=1+1',
    ];
    const bytes = await reportToWorkbook({
      title: '=Отчёт',
      subtitle: '@подзаголовок',
      columns: [
        { key: 'text', header: '=Тема' },
        { key: 'n', header: 'Число' },
      ],
      rows: [...hostile.map((text, i) => ({ text, n: i - 3 })), { text: 'Сложение дробей', n: 5 }],
    });
    const ws = await readBack(bytes);
    // Read back by exceljs: every cell is a plain string or number, none a formula.
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        expect(c.type, c.address).not.toBe(ExcelJS.ValueType.Formula);
        expect(c.formula, c.address).toBeUndefined();
      });
    });
    expect(ws.getCell('A1').value).toBe("'=Отчёт");
    expect(ws.getCell('A2').value).toBe("'@подзаголовок");
    expect(ws.getCell('A3').value).toBe("'=Тема");
    hostile.forEach((text, i) => {
      // XML reads a bare CR back as LF (line-end normalization); the apostrophe is what counts.
      expect(ws.getCell(4 + i, 1).value).toBe(`'${text.replace(/\r/g, '\n')}`);
      expect(ws.getCell(4 + i, 2).value).toBe(i - 3);
    });
    expect(ws.getCell(4 + hostile.length, 1).value).toBe('Сложение дробей');
  });
});

describe('sheetName', () => {
  it('drops characters Excel forbids and cuts to 31', () => {
    expect(sheetName('Отчёт: 5А/6Б [I четверть]')).toBe('Отчёт  5А 6Б  I четверть');
    expect(sheetName('а'.repeat(40))).toHaveLength(31);
    expect(sheetName(' ')).toBe('Отчёт');
  });

  it('«Все классы»: class and teacher columns; text marks stay text', async () => {
    const report = failingMarksReport({
      lessons: [
        lesson('c-math', '2026-09-10', 2, { entries: { 'st-1': cell([['2', 'test']]) } }),
        lesson('c-math6', '2026-09-11', 2, { entries: { 'st-6': cell([['2', 'oral']]) } }),
      ],
      students,
      courses,
      subjects,
      policy,
    });
    const courseLabels = new Map([
      ['c-math', { className: '5А', teacher: 'Петрова А.' }],
      ['c-math6', { className: '6Б', teacher: 'Петрова А.' }],
    ]);
    const table = toTableReport({ kind: 'failingMarks', report, courseLabels });
    expect(table.columns.map((c) => c.header).slice(0, 4)).toEqual([
      'Класс',
      'Обучающийся',
      'Предмет',
      'Учитель',
    ]);
    expect(table.rows.map((r) => [r.className, r.student, r.teacher])).toEqual([
      ['5А', 'Григорьева Дарья', 'Петрова А.'],
      ['6Б', 'Ефимова Жанна', 'Петрова А.'],
    ]);
    const ws = await readBack(
      await reportToWorkbook({
        title: 'Проба',
        columns: [{ key: 'm', header: 'Отметка', kind: 'number' }],
        rows: [{ m: 'н/а' }, { m: '4,5' }],
      }),
    );
    expect([ws.getCell('A4').value, ws.getCell('A5').value]).toEqual(['н/а', 4.5]);
  });
});
