// Which kind of table a file is (roster, staff, courses), told by its headers: a file given to the
// wrong import is refused with what it looks like, the command for it, and the headers expected.
import { encodingName, type TableFile } from './table-file';
import { TableFileError } from './table-file-error';

export type TableKind = 'roster' | 'staff' | 'courses';

interface KindInfo {
  command: string;
  /** "список учеников" */
  title: string;
  /** Each required column, with the spellings the importer accepts. */
  required: string[][];
  optional: string[][];
  /** Columns only this kind of table has. */
  distinctive: string[];
}

export const TABLE_KINDS: Record<TableKind, KindInfo> = {
  roster: {
    command: 'import-roster',
    title: 'список учеников',
    required: [['Фамилия'], ['Имя'], ['Пол'], ['Дата рождения'], ['Класс']],
    optional: [
      ['Отчество'],
      ['Родитель ФИО', 'ФИО родителя', 'Родитель'],
      ['Телефон'],
      ['Email', 'Эл. почта'],
      ['Адрес'],
    ],
    distinctive: ['пол', 'дата рождения', 'родитель фио', 'фио родителя', 'родитель'],
  },
  staff: {
    command: 'import-staff',
    title: 'список сотрудников',
    required: [['Фамилия'], ['Имя']],
    optional: [['Отчество'], ['Должность'], ['Роли', 'Роль']],
    distinctive: ['должность', 'роли', 'роль'],
  },
  courses: {
    command: 'import-courses',
    title: 'учебная нагрузка (курсы)',
    required: [['Класс'], ['Предмет'], ['Учитель'], ['Часов в неделю', 'Часы']],
    optional: [['Группа']],
    distinctive: ['предмет', 'учитель', 'часов в неделю', 'часы', 'группа'],
  },
};

function headerList(info: KindInfo): string {
  return [...info.required, ...info.optional].map((spellings) => spellings[0]).join('; ');
}

function quoted(names: string[]): string {
  return names.map((n) => `«${n}»`).join(', ');
}

/** Throws a TableFileError unless the table's headers fit the import it was given to. */
export function checkTableKind(table: TableFile, expected: TableKind): void {
  const have = new Set(table.headers.map((h) => h.toLowerCase()));
  const info = TABLE_KINDS[expected];
  const missing = info.required.filter(
    (spellings) => !spellings.some((s) => have.has(s.toLowerCase())),
  );
  const ownDistinctive = info.distinctive.filter((h) => have.has(h));
  const others = (Object.keys(TABLE_KINDS) as TableKind[])
    .filter((kind) => kind !== expected)
    .map((kind) => ({
      kind,
      present: table.headers.filter((h) => TABLE_KINDS[kind].distinctive.includes(h.toLowerCase())),
    }))
    .sort((a, b) => b.present.length - a.present.length);
  const likely = others[0] && others[0].present.length >= 2 ? others[0] : null;
  if (missing.length === 0 && (ownDistinctive.length > 0 || !likely)) return;

  const lines: string[] = [];
  if (likely) {
    const other = TABLE_KINDS[likely.kind];
    lines.push(
      `Это не ${info.title}: файл похож на ${other.title} (есть столбцы ${quoted(likely.present)}). ` +
        `Для него команда ${other.command}.`,
    );
  } else {
    lines.push(`В файле нет столбцов ${quoted(missing.map((s) => s[0]!))}.`);
  }
  lines.push(`Для ${info.command} нужны столбцы в первой строке: ${headerList(info)}.`);
  lines.push(`В файле столбцы: ${table.headers.length > 0 ? table.headers.join('; ') : '(нет)'}.`);
  if (!likely && table.encoding && table.encoding !== 'utf-8') {
    lines.push(
      `Файл прочитан в кодировке ${encodingName(table.encoding)}; если заголовки выше выглядят ` +
        'непонятными буквами, сохраните файл заново в кодировке UTF-8.',
    );
  }
  throw new TableFileError(lines.join('\n'));
}
