// Reads a table a school secretary exported: CSV (UTF-8 or Windows-1251, `;` or `,`) or XLSX,
// into rows keyed by the (trimmed) Russian headers of the first line.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface TableRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}

/** UTF-8 when the bytes decode as UTF-8, otherwise Windows-1251 (Excel's "CSV" in Russian Windows). */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'windows-1251';
} {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

export function parseCsv(bytes: Uint8Array): TableRow[] {
  const { text } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t'],
    skipEmptyLines: false,
  });
  return toRows(parsed.data);
}

export async function parseXlsx(bytes: Uint8Array): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const data: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value, cell.text);
    });
    data[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  return toRows(Array.from(data, (r) => r ?? []));
}

function cellText(value: ExcelJS.CellValue, text: string): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(text ?? '');
}

function toRows(data: string[][]): TableRow[] {
  const [header, ...body] = data;
  if (!header) return [];
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows: TableRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const record: Record<string, string> = {};
    names.forEach((name, col) => {
      if (name) record[name] = (cells[col] ?? '').trim();
    });
    rows.push({ line: i + 2, cells: record });
  });
  return rows;
}

export async function readTableFile(file: string): Promise<TableRow[]> {
  const bytes = new Uint8Array(await readFile(file));
  return /\.xlsx$/i.test(file) ? parseXlsx(bytes) : parseCsv(bytes);
}

/** A cell by any of its accepted header spellings (case-insensitive). */
export function cell(row: TableRow, ...headers: string[]): string {
  for (const [name, value] of Object.entries(row.cells)) {
    if (headers.some((h) => h.toLowerCase() === name.toLowerCase())) return value;
  }
  return '';
}

/** "14.03.2012", "2012-03-14" or an Excel date → "2012-03-14"; null when unreadable. */
export function parseDate(text: string): string | null {
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = ru ? [ru[3], ru[2], ru[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date ? null : date;
}

/** "Иванова Мария Петровна" → parts; null when fewer than two words. */
export function splitFullName(
  text: string,
): { lastName: string; firstName: string; middleName: string } | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2) return null;
  const [lastName, firstName, ...rest] = words as [string, string, ...string[]];
  return { lastName, firstName, middleName: rest.join(' ') };
}
