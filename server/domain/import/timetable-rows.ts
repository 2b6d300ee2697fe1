// A timetable read from a file as rows of one shape, whatever the file (aSc Timetables XML, a CSV or XLSX table): class, weekday, lesson number, subject, group, teacher, room.

export interface TimetableRow {
  /** Where the row is in the file, for messages: "Строка 14", "Карточка 37 (урок *12)". */
  at: string;
  className: string;
  /** ISO weekday 1..6, or null when the file's day was unreadable (`dayText` says what it was). */
  weekday: number | null;
  dayText: string;
  /** Lesson number, or null when unreadable. */
  slot: number | null;
  slotText: string;
  subjectName: string;
  /** The subject's short name, when the file has one ("Матем."). */
  subjectShort: string;
  /** '' for the whole class. */
  groupName: string;
  teacherName: string;
  room: string;
  /** Lessons a week of the course, when the file says (aSc "periodsperweek"). */
  hoursPerWeek: number | null;
  /** Held together with other classes (поток): an aSc lesson of several classes, «Поток: да». */
  joint: boolean;
}

export interface TimetableFile {
  /** "aSc Timetables 2012 XML", "CSV", "XLSX" */
  format: string;
  encoding: string;
  rows: TimetableRow[];
  /** Problems of the file as a whole (unreadable XML, a missing table). */
  errors: string[];
  warnings: string[];
}

const DAY_WORDS: Record<string, number> = {
  пн: 1,
  понедельник: 1,
  вт: 2,
  вторник: 2,
  ср: 3,
  среда: 3,
  чт: 4,
  четверг: 4,
  пт: 5,
  пятница: 5,
  сб: 6,
  суббота: 6,
  mon: 1,
  monday: 1,
  tue: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};

/** "Пн", "понедельник", "1" → 1; null when it is no weekday from Monday to Saturday. */
export function parseWeekday(text: string): number | null {
  const t = text.trim().toLocaleLowerCase('ru').replace(/\.$/, '');
  if (/^[1-6]$/.test(t)) return Number(t);
  return DAY_WORDS[t] ?? null;
}

/** "3", "3 урок", "3-й" → 3; null unless 0..12. */
export function parseSlot(text: string): number | null {
  const m = /^(\d{1,2})(?:\s*-?\s*(?:й|ой|урок|-й урок))?\.?$/iu.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 0 && n <= 12 ? n : null;
}
