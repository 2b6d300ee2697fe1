// Reads an aSc Timetables XML export (the 2012 variant with daysdefs, groups and day bit strings, and the older 2008 one with a days table and day numbers), in windows-1251 or UTF-8, tolerating missing columns.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TimetableFile, TimetableRow } from './timetable-rows';

type Element = Record<string, string>;

const LISTS = [
  'period',
  'daysdef',
  'day',
  'weeksdef',
  'termsdef',
  'subject',
  'teacher',
  'classroom',
  'grade',
  'class',
  'group',
  'lesson',
  'card',
];

/** The encoding the XML declaration names (read as ASCII), UTF-8 when it names none. */
export function xmlEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/i.exec(head);
  const name = (m?.[1] ?? 'utf-8').toLowerCase();
  return name === 'cp1251' ? 'windows-1251' : name;
}

function decode(bytes: Uint8Array): { text: string; encoding: string } {
  const encoding = xmlEncoding(bytes);
  try {
    const text = new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding };
  } catch {
    // Declared UTF-8 but saved by a Russian Windows program: the bytes are windows-1251.
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

function table(root: Record<string, unknown>, name: string, item: string): Element[] {
  const t = root[name];
  if (!t || typeof t !== 'object') return [];
  const list = (t as Record<string, unknown>)[item];
  return Array.isArray(list) ? (list as Element[]) : [];
}

function attr(e: Element | undefined, ...names: string[]): string {
  for (const n of names) {
    const v = e?.[n];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return '';
}

function ids(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Weekdays (1..6) of a day bit string: "10000" = Monday, "00100" = Wednesday. */
function weekdaysOfBits(bits: string): number[] {
  const out: number[] = [];
  [...bits].forEach((b, i) => {
    if (b === '1') out.push(i + 1);
  });
  return out;
}

/** Whether a weeks or terms bit string covers every week (or term): "1", "11", "" */
function everyWeek(bits: string): boolean {
  return bits === '' || /^1+$/.test(bits);
}

export function parseAscXml(bytes: Uint8Array): TimetableFile {
  const { text, encoding } = decode(bytes);
  const errors: string[] = [];
  const warnings: string[] = [];
  const empty = (format: string): TimetableFile => ({
    format,
    encoding,
    rows: [],
    errors,
    warnings,
  });
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    errors.push('Файл содержит DOCTYPE: такие XML-файлы не загружаются');
    return empty('XML');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    errors.push(`Файл не является корректным XML (строка ${valid.err.line}): ${valid.err.msg}`);
    return empty('XML');
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    // Attributes named like tables ("period", "day" of a card) stay plain values.
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && LISTS.includes(name),
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc.timetable as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') {
    errors.push('Это не выгрузка aSc Timetables: нет элемента <timetable>');
    return empty('XML');
  }
  const version = attr(root as Element, 'ascttversion');
  const format = `aSc Timetables ${version || '?'} XML`;

  const byId = (list: Element[]) => new Map(list.map((e) => [attr(e, 'id'), e]));
  const subjects = byId(table(root, 'subjects', 'subject'));
  const teachers = byId(table(root, 'teachers', 'teacher'));
  const rooms = byId(table(root, 'classrooms', 'classroom'));
  const classes = byId(table(root, 'classes', 'class'));
  const groups = byId(table(root, 'groups', 'group'));
  const lessons = byId(table(root, 'lessons', 'lesson'));
  const daysdefs = byId(table(root, 'daysdefs', 'daysdef'));
  // 2008: a days table; cards name a day by its `day` (or id) attribute, in table order.
  const dayTable = table(root, 'days', 'day');
  const dayOrder = new Map<string, number>();
  dayTable.forEach((d, i) => {
    for (const key of [attr(d, 'day'), attr(d, 'id')]) if (key) dayOrder.set(key, i + 1);
  });
  const cards = table(root, 'cards', 'card');
  if (cards.length === 0)
    errors.push('В файле нет размещённых уроков (таблица cards пуста или отсутствует)');
  if (classes.size === 0) errors.push('В файле нет классов (таблица classes)');

  const teacherName = (id: string): string => {
    const t = teachers.get(id);
    const full = [attr(t, 'lastname'), attr(t, 'firstname'), attr(t, 'middlename')]
      .filter(Boolean)
      .join(' ');
    return attr(t, 'name') || full || attr(t, 'short');
  };
  const roomName = (id: string): string => {
    const r = rooms.get(id);
    const name = attr(r, 'name');
    return (name && name.length <= 20 ? name : attr(r, 'short') || name).slice(0, 20);
  };

  const rows: TimetableRow[] = [];
  let skippedWeeks = 0;
  cards.forEach((card, i) => {
    const lessonId = attr(card, 'lessonid');
    const lesson = lessons.get(lessonId);
    const at = `Карточка ${i + 1}${lessonId ? ` (урок ${lessonId})` : ''}`;
    if (!lesson && !attr(card, 'subjectid')) {
      errors.push(`${at}: урок не найден в таблице lessons`);
      return;
    }
    if (!everyWeek(attr(card, 'weeks')) || !everyWeek(attr(lesson, 'weeks'))) {
      skippedWeeks += 1;
      return;
    }
    const subject = subjects.get(attr(card, 'subjectid') || attr(lesson, 'subjectid'));
    const classIds = ids(attr(card, 'classids') || attr(lesson, 'classids', 'classid'));
    const teacherIds = ids(
      attr(card, 'teacherids', 'teacherid') || attr(lesson, 'teacherids', 'teacherid'),
    );
    const roomIds = ids(
      attr(card, 'classroomids', 'classroomid') || attr(lesson, 'classroomids', 'classroomid'),
    );
    const groupIds = ids(attr(lesson, 'groupids'));
    const length = Math.max(
      1,
      Math.min(4, Number(attr(lesson, 'periodspercard', 'durationperiods') || '1') || 1),
    );
    const perWeek = Number(attr(lesson, 'periodsperweek').replace(',', '.'));
    const periodText = attr(card, 'period');
    const period = /^\d{1,2}$/.test(periodText) ? Number(periodText) : null;
    let weekdays: number[] = [];
    let dayText = attr(card, 'days', 'day');
    if (attr(card, 'days')) weekdays = weekdaysOfBits(attr(card, 'days'));
    else if (attr(card, 'day')) {
      const d = attr(card, 'day');
      const n =
        dayOrder.get(d) ?? (/^\d$/.test(d) ? Number(d) + (dayTable.length === 0 ? 1 : 0) : NaN);
      if (Number.isInteger(n)) weekdays = [n];
    } else if (attr(lesson, 'daysdefid')) {
      dayText = attr(daysdefs.get(attr(lesson, 'daysdefid')), 'name') || attr(lesson, 'daysdefid');
      weekdays = weekdaysOfBits(attr(daysdefs.get(attr(lesson, 'daysdefid')), 'days'));
    }
    if (weekdays.length === 0) weekdays = [Number.NaN];
    if (teacherIds.length > 1) {
      warnings.push(
        `${at}: у урока несколько учителей — курс получит первого (${teacherName(teacherIds[0] ?? '')})`,
      );
    }
    if (classIds.length === 0) errors.push(`${at}: не указан класс`);
    for (const classId of classIds) {
      const cls = classes.get(classId);
      const className = attr(cls, 'name', 'short');
      if (!cls) {
        errors.push(`${at}: класс ${classId} не найден в таблице classes`);
        continue;
      }
      // The lesson's group of this class; "entire class" groups (or none) mean the whole class.
      const group = groupIds.map((g) => groups.get(g)).find((g) => attr(g, 'classid') === classId);
      const groupName = group && attr(group, 'entireclass') !== '1' ? attr(group, 'name') : '';
      for (const weekday of weekdays) {
        for (let k = 0; k < length; k++) {
          rows.push({
            at: `${at}, ${className}`,
            className,
            weekday: weekday >= 1 && weekday <= 6 ? weekday : null,
            dayText,
            slot: period === null ? null : period + k <= 12 ? period + k : null,
            slotText: periodText,
            subjectName: attr(subject, 'name'),
            subjectShort: attr(subject, 'short'),
            groupName,
            teacherName: teacherName(teacherIds[0] ?? ''),
            room: roomIds.map(roomName).filter(Boolean)[0] ?? '',
            hoursPerWeek: Number.isFinite(perWeek) && perWeek > 0 ? perWeek : null,
            joint: classIds.length > 1,
          });
        }
      }
    }
  });
  if (skippedWeeks > 0) {
    warnings.push(
      `Уроков по чередующимся неделям (не каждую неделю): ${skippedWeeks} — они не загружены, внесите их вручную`,
    );
  }
  return { format, encoding, rows, errors, warnings };
}
