// Reads a timetable table (CSV in UTF-8 or windows-1251, or XLSX), one row per lesson of the week: Класс; День недели; Урок; Предмет; Группа; Учитель; Кабинет (docs/TIMETABLE-IMPORT.md).
import { cell, decodeText, parseCsv, parseXlsx, type TableRow } from './table-file';
import { parseSlot, parseWeekday, type TimetableFile, type TimetableRow } from './timetable-rows';

const REQUIRED: [string, string[]][] = [
  ['Класс', ['Класс']],
  ['День недели', ['День недели', 'День']],
  ['Урок', ['Урок', 'Номер урока', '№ урока']],
  ['Предмет', ['Предмет']],
  ['Учитель', ['Учитель']],
];

function toRow(row: TableRow): TimetableRow {
  const dayText = cell(row, 'День недели', 'День');
  const slotText = cell(row, 'Урок', 'Номер урока', '№ урока');
  return {
    at: `Строка ${row.line}`,
    className: cell(row, 'Класс'),
    weekday: parseWeekday(dayText),
    dayText,
    slot: parseSlot(slotText),
    slotText,
    subjectName: cell(row, 'Предмет'),
    subjectShort: '',
    groupName: cell(row, 'Группа'),
    teacherName: cell(row, 'Учитель'),
    room: cell(row, 'Кабинет', 'Аудитория').slice(0, 20),
    hoursPerWeek: null,
    joint: /^(да|\+|1|yes)$/i.test(cell(row, 'Поток')),
  };
}

export async function parseTimetableTable(
  bytes: Uint8Array,
  xlsx: boolean,
): Promise<TimetableFile> {
  const rows = xlsx ? await parseXlsx(bytes) : parseCsv(bytes);
  const errors: string[] = [];
  const headers = new Set(rows.flatMap((r) => Object.keys(r.cells).map((h) => h.toLowerCase())));
  for (const [label, names] of REQUIRED) {
    if (rows.length > 0 && !names.some((n) => headers.has(n.toLowerCase())))
      errors.push(`В таблице нет столбца «${label}»`);
  }
  if (rows.length === 0) errors.push('В таблице нет строк с уроками');
  return {
    format: xlsx ? 'XLSX' : 'CSV',
    encoding: xlsx ? 'xlsx' : decodeText(bytes).encoding,
    rows: rows.map(toRow),
    errors,
    warnings: [],
  };
}
