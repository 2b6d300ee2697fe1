// Reads a table a school secretary exported: CSV (UTF-8, Windows-1251, KOI8-R or UTF-16; `;`, `,`
// or tab) or XLSX, into rows keyed by the (trimmed) Russian headers of the first line. A file
// that cannot be a sane table — too big, a zip bomb, empty, a NUL character, too many rows — is
// refused with a TableFileError in Russian before anything is planned.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { TableFileError } from './table-file-error';
import { checkXlsxArchive } from './xlsx-guard';

export { TableFileError } from './table-file-error';

export interface TableRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}

export type TextEncoding = 'utf-8' | 'windows-1251' | 'koi8-r' | 'utf-16le' | 'utf-16be';

export interface TableFile {
  format: 'csv' | 'xlsx';
  /** CSV only: the encoding the bytes were read in. */
  encoding: TextEncoding | null;
  headers: string[];
  rows: TableRow[];
}

/** A roster of a big school is well under 1 MB; nothing a school exports comes near this. */
export const MAX_TABLE_FILE_BYTES = 10 * 1024 * 1024;
/** Rows after the header: 1,500 students, 150 staff, 600 courses fit many times over. */
export const MAX_TABLE_ROWS = 20_000;

const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1251': 'Windows-1251',
  'koi8-r': 'KOI8-R',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

export function encodingName(encoding: TextEncoding): string {
  return ENCODING_NAMES[encoding];
}

/** Lower- minus upper-case Cyrillic letters: Russian text is mostly lower case, and KOI8-R and
 * Windows-1251 put the two cases in each other's place, so the wrong guess scores low. */
function cyrillicScore(text: string): number {
  let score = 0;
  for (const ch of text) {
    if (/[а-яё]/.test(ch)) score += 1;
    else if (/[А-ЯЁ]/.test(ch)) score -= 1;
  }
  return score;
}

/**
 * UTF-16 without a BOM: in every code unit of ASCII or Cyrillic text one byte is 0x00 or 0x04
 * (the high byte), on the same side all through the file.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0 || sample[i] === 4) even += 1;
    if (sample[i + 1] === 0 || sample[i + 1] === 4) odd += 1;
  }
  const units = sample.length / 2;
  if (odd > units * 0.9 && even < units * 0.5) return 'utf-16le';
  if (even > units * 0.9 && odd < units * 0.5) return 'utf-16be';
  return null;
}

/**
 * The text of a CSV: a BOM decides (UTF-8, UTF-16 LE/BE); else UTF-16 recognised by its zero
 * bytes; else UTF-8 when the bytes are valid UTF-8; else the one of Windows-1251 (Excel's "CSV"
 * on a Russian Windows) and KOI8-R (older Linux and mail exports) that reads as Russian.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    const cp1251 = new TextDecoder('windows-1251').decode(bytes);
    const koi8 = new TextDecoder('koi8-r').decode(bytes);
    return cyrillicScore(koi8) > cyrillicScore(cp1251)
      ? { text: koi8, encoding: 'koi8-r' }
      : { text: cp1251, encoding: 'windows-1251' };
  }
}

/** Refuses a text with a NUL (PostgreSQL cannot store one; it means a broken or binary file). */
function refuseNul(text: string, encoding: TextEncoding): void {
  const at = text.indexOf('\u0000');
  if (at < 0) return;
  const line = text.slice(0, at).split('\n').length;
  throw new TableFileError(
    `Строка ${line}: в файле нулевой символ (NUL) — файл повреждён или это не таблица ` +
      `(прочитан как ${encodingName(encoding)}). Откройте его в Excel или LibreOffice и ` +
      'сохраните заново: «CSV (разделители — точка с запятой)» в кодировке UTF-8 или книга XLSX.',
  );
}

function refuseTooManyRows(count: number): never {
  throw new TableFileError(
    `В файле больше ${MAX_TABLE_ROWS.toLocaleString('ru-RU')} строк (${count.toLocaleString('ru-RU')}): ` +
      'столько не бывает в одной школе. ' +
      'Проверьте, что выбран нужный файл, или разделите его на части.',
  );
}

function csvTable(bytes: Uint8Array): {
  headers: string[];
  rows: TableRow[];
  encoding: TextEncoding;
} {
  const { text, encoding } = decodeText(bytes);
  refuseNul(text, encoding);
  // Count line breaks before parsing: a huge file is refused without building its rows (the
  // header's and a trailing one are allowed for; the exact count is checked after parsing).
  let breaks = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    breaks += 1;
    if (breaks > MAX_TABLE_ROWS + 1) refuseTooManyRows(breaks - 1);
  }
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [';', ',', '\t'],
    skipEmptyLines: false,
  });
  const table = toTable(parsed.data);
  if (table.rows.length > MAX_TABLE_ROWS) refuseTooManyRows(table.rows.length);
  return { ...table, encoding };
}

export function parseCsv(bytes: Uint8Array): TableRow[] {
  return csvTable(bytes).rows;
}

export async function parseXlsx(bytes: Uint8Array): Promise<TableRow[]> {
  return (await xlsxTable(bytes)).rows;
}

async function xlsxTable(bytes: Uint8Array): Promise<{ headers: string[]; rows: TableRow[] }> {
  // An XLSX is a zip: its entries are checked (sizes, ratios, real inflated sizes) first.
  checkXlsxArchive(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new TableFileError(
      'Файл не читается как книга Excel (XLSX): он повреждён или это файл другого вида. ' +
        'Откройте его в Excel или LibreOffice и сохраните заново как «Книга Excel (.xlsx)».',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  if (sheet.rowCount > MAX_TABLE_ROWS + 1) refuseTooManyRows(sheet.rowCount - 1);
  const data: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value, cell.text);
    });
    data[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  const table = toTable(Array.from(data, (r) => r ?? []));
  for (const row of table.rows) {
    if (Object.values(row.cells).some((c) => c.includes('\u0000'))) {
      throw new TableFileError(
        `Строка ${row.line}: в ячейке нулевой символ (NUL). Исправьте ячейку и сохраните книгу заново.`,
      );
    }
  }
  return table;
}

function cellText(value: ExcelJS.CellValue, text: string): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(text ?? '');
}

function toTable(data: string[][]): { headers: string[]; rows: TableRow[] } {
  const [header, ...body] = data;
  if (!header) return { headers: [], rows: [] };
  const names = header.map((h) => (h ?? '').replace(/^\uFEFF/, '').trim());
  const rows: TableRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const record: Record<string, string> = {};
    names.forEach((name, col) => {
      if (name) record[name] = (cells[col] ?? '').trim();
    });
    rows.push({ line: i + 2, cells: record });
  });
  return { headers: names.filter(Boolean), rows };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * A table file's bytes (read from disk, or sent to the running server by the admin CLI) → its
 * rows. `fileName` is only used for its extension and in messages.
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<TableFile> {
  if (bytes.byteLength > MAX_TABLE_FILE_BYTES) refuseTooBig(bytes.byteLength);
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  const wantsXlsx = /\.xlsx$/i.test(fileName);
  if (/\.xls$/i.test(fileName) && !isZip) {
    throw new TableFileError(
      'Файлы старого формата Excel (.xls) не читаются. Сохраните таблицу как «Книга Excel (.xlsx)» ' +
        'или «CSV (разделители — точка с запятой)».',
    );
  }
  if (wantsXlsx && !isZip) {
    throw new TableFileError(
      `Файл «${path.basename(fileName)}» назван .xlsx, но это не книга Excel. ` +
        'Сохраните его заново как «Книга Excel (.xlsx)» или как CSV.',
    );
  }
  const table = isZip
    ? { format: 'xlsx' as const, encoding: null, ...(await xlsxTable(bytes)) }
    : { format: 'csv' as const, ...csvTable(bytes) };
  if (table.rows.length === 0) {
    throw new TableFileError(
      table.headers.length === 0
        ? 'Файл пуст: в нём нет ни заголовка, ни строк с данными.'
        : 'В файле только строка заголовка, строк с данными нет.',
    );
  }
  return table;
}

/** "11,0 МБ" */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
}

/** The Russian refusal of a file over MAX_TABLE_FILE_BYTES (also used by the CLI before reading). */
export function tooBigMessage(bytes: number): string {
  return (
    `Файл слишком большой: ${formatMegabytes(bytes)}, можно не больше ` +
    `${MAX_TABLE_FILE_BYTES / 1024 / 1024} МБ. Проверьте, что выбран нужный файл.`
  );
}

function refuseTooBig(bytes: number): never {
  throw new TableFileError(tooBigMessage(bytes));
}

/** Reads a table file from disk; its size is checked before a byte is read. */
export async function readTableFile(file: string): Promise<TableFile> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new TableFileError(`Файл не найден: ${file}`);
  }
  if (size > MAX_TABLE_FILE_BYTES) refuseTooBig(size);
  return readTable(new Uint8Array(await readFile(file)), file);
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
