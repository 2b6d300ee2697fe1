// XLSX export of a table report with exceljs (works in Node and in the browser).
import ExcelJS from 'exceljs';
import type { TableColumn, TableReport } from './table-report';

export type { TableColumn, TableReport, TableCell } from './table-report';
export { toTableReport } from './table-report';

/**
 * Text a spreadsheet could take for a formula (= + - @, or a tab or a carriage return first: a
 * topic typed as "=HYPERLINK(…)") gets a leading apostrophe, so re-saving or re-typing the cell
 * in Excel or LibreOffice never turns it into one. Numbers stay numbers.
 */
export function safeCellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function safeValue(value: string | number | null | undefined): string | number | null {
  return typeof value === 'string' ? safeCellText(value) : (value ?? null);
}

/** «12.10.2026» → the calendar day as a spreadsheet date (UTC midnight, as exceljs stores dates). */
function dateOf(text: string): Date | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return date.getUTCDate() === Number(m[1]) ? date : null;
}

/**
 * A cell's value by its column's kind: a date column's «ДД.ММ.ГГГГ» becomes a real date (shown
 * ДД.ММ.ГГГГ, sorts as a date), a number column's digits a number («2», «4,5»); anything else
 * («н/а», «зач») stays text.
 */
function typedValue(
  value: string | number | null | undefined,
  kind: TableColumn['kind'],
): { value: string | number | Date | null; numFmt?: string } {
  if (typeof value === 'string' && kind === 'date') {
    const date = dateOf(value);
    if (date) return { value: date, numFmt: 'dd.mm.yyyy' };
  }
  if (typeof value === 'string' && kind === 'number' && /^-?\d+(?:[.,]\d+)?$/.test(value))
    return { value: Number(value.replace(',', '.')) };
  return { value: safeValue(value) };
}

/** Excel forbids these in sheet names and limits them to 31 characters. */
export function sheetName(title: string): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (clean || 'Отчёт').slice(0, 31);
}

/**
 * A workbook with one sheet: the title in the first row, an optional subtitle in the second,
 * then the header row (bold, frozen, repeated on printed pages) and the data rows.
 */
export async function reportToWorkbook(report: TableReport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Классный журнал';
  const ws = wb.addWorksheet(sheetName(report.title), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const width = Math.max(report.columns.length, 1);

  ws.getCell(1, 1).value = safeCellText(report.title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(2, 1).value = safeCellText(report.subtitle ?? '');
  ws.mergeCells(2, 1, 2, width);

  const headerRow = 3;
  report.columns.forEach((col, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = safeCellText(col.header);
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = col.width ?? Math.min(Math.max(col.header.length + 2, 8), 40);
  });

  report.rows.forEach((row, r) => {
    report.columns.forEach((col, c) => {
      const value = row[col.key];
      const cell = ws.getCell(headerRow + 1 + r, c + 1);
      const typed = typedValue(value, col.kind);
      cell.value = typed.value;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
      if (typeof value === 'string' && value.length > 40)
        cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });

  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;

  // Node gives a Buffer (a Uint8Array view), the browser build an ArrayBuffer-like buffer.
  const buf: unknown = await wb.xlsx.writeBuffer();
  if (buf instanceof Uint8Array) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf instanceof ArrayBuffer) return new Uint8Array(buf);
  throw new Error('exceljs вернул данные неизвестного вида');
}
