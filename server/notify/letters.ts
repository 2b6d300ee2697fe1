// The notification letters' Russian text: a period (year, final) mark set, and the daily digest of
// a family's children's marks and absences. Plain text: every mail program shows it.
import { formatDate } from '../../shared/dates';
import type { DiaryDay } from '../../shared/diary/week';
import { WEEKDAY_NAMES } from '../../shared/diary/week';
import { weekday } from '../../shared/dates';

const FOOTER = (diaryUrl: string | null, school: string) =>
  [
    '',
    diaryUrl
      ? `Подробности — в электронном дневнике: ${diaryUrl}`
      : 'Подробности — в электронном дневнике школы.',
    'Письмо пришло, потому что уведомления включены в дневнике (раздел «Настройки»); там же их можно отключить.',
    'Отвечать на письмо не нужно.',
    school,
  ].join('\n');

export function periodMarkLetter(input: {
  studentName: string;
  className: string;
  subject: string;
  periodName: string;
  value: string;
  diaryUrl: string | null;
  school: string;
}): { subject: string; body: string } {
  return {
    subject: `Выставлена отметка: ${input.subject}, ${input.periodName} — ${input.studentName}`,
    body: [
      'Здравствуйте!',
      '',
      `Ученик: ${input.studentName}, ${input.className} класс.`,
      `Предмет: ${input.subject}. ${input.periodName}: ${input.value}.`,
      FOOTER(input.diaryUrl, input.school),
    ].join('\n'),
  };
}

export interface DigestChild {
  name: string;
  className: string;
  day: DiaryDay;
}

/** The lines of one child's day; empty when the child had no mark and no absence that day. */
export function digestLines(day: DiaryDay): string[] {
  const lines: string[] = [];
  for (const lesson of day.lessons) {
    const parts = lesson.marks.map((m) => `${m.value} (${m.workType.toLowerCase()})`);
    if (lesson.attendance) parts.push(`${lesson.attendance.code} — ${lesson.attendance.label}`);
    if (parts.length > 0) lines.push(`${lesson.slot}. ${lesson.subject}: ${parts.join(', ')}`);
  }
  return lines;
}

export function digestLetter(input: {
  date: string;
  children: DigestChild[];
  diaryUrl: string | null;
  school: string;
}): { subject: string; body: string } | null {
  const blocks: string[] = [];
  for (const child of input.children) {
    const lines = digestLines(child.day);
    if (lines.length > 0)
      blocks.push([`${child.name}, ${child.className} класс:`, ...lines].join('\n'));
  }
  if (blocks.length === 0) return null;
  const names = input.children.map((c) => c.name).join(', ');
  return {
    subject: `Дневник за ${formatDate(input.date)}: ${names}`,
    body: [
      'Здравствуйте!',
      '',
      `Отметки и пропуски за ${formatDate(input.date)} (${WEEKDAY_NAMES[weekday(input.date)]!.toLowerCase()}).`,
      '',
      blocks.join('\n\n'),
      FOOTER(input.diaryUrl, input.school),
    ].join('\n'),
  };
}
