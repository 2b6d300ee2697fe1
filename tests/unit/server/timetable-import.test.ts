// Timetable files → rows → a plan: aSc Timetables 2012 (windows-1251) and 2008 (UTF-8) exports, a CSV table with bad rows, all or nothing with Russian row errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAscXml, xmlEncoding } from '../../../server/domain/import/timetable-asc';
import { parseTimetableTable } from '../../../server/domain/import/timetable-table';
import { planTimetableImport } from '../../../server/domain/import/timetable-import';
import { detectFormat } from '../../../server/domain/import/import-service';
import { matchStaff } from '../../../server/domain/import/match';
import {
  parseSlot,
  parseWeekday,
  type TimetableRow,
} from '../../../server/domain/import/timetable-rows';
import { FIXTURES, FIXTURE_STAFF, fixtureContext } from '../../fixtures/school';

const file = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const today = '2026-10-01';
const options = { validFrom: '2026-09-01', name: 'Основное', source: 'asc' as const };

/** The CSV fixture's good rows, read as plain text (independently of the importer). */
function csvLessons(): string[][] {
  const text = new TextDecoder('windows-1251').decode(file('timetable-cp1251.csv'));
  return text
    .split('\r\n')
    .slice(6)
    .filter(Boolean)
    .map((line) => line.split(';'));
}
const key = (cls: string, day: number, slot: number, subject: string, group: string) =>
  `${cls}|${day}|${slot}|${subject}|${group}`;
const DAY = { Пн: 1, Вт: 2, Ср: 3, Чт: 4, Пт: 5 } as Record<string, number>;
const rowKey = (r: TimetableRow) =>
  key(r.className, r.weekday!, r.slot!, r.subjectName, r.groupName);

describe('aSc Timetables XML', () => {
  it('reads the 2012 export in windows-1251: every placed lesson, doubles as two, groups by name', () => {
    const bytes = file('asc-2012-cp1251.xml');
    expect(xmlEncoding(bytes)).toBe('windows-1251');
    expect(detectFormat(bytes)).toBe('asc');
    const parsed = parseAscXml(bytes);
    expect(parsed.format).toBe('aSc Timetables 2012 XML');
    expect(parsed.errors).toEqual([]);
    const expected = csvLessons().map(([cls, day, slot, subject, group]) =>
      key(cls!, DAY[day!]!, Number(slot), subject!, group!),
    );
    expect(parsed.rows.map(rowKey).sort()).toEqual(expected.sort());
    expect(
      parsed.rows.find((r) => r.className === '5А' && r.subjectName === 'Русский язык'),
    ).toMatchObject({
      teacherName: 'Соколова И.В.',
      room: 'Кабинет 21',
      hoursPerWeek: 5,
    });
    // The every-other-week chess lesson is not loaded, and the file says so.
    expect(parsed.warnings).toEqual([
      'Уроков по чередующимся неделям (не каждую неделю): 1 — они не загружены, внесите их вручную',
    ]);
  });

  it('reads the 2008 export in UTF-8 with a BOM: day numbers from the days table, one teacher and room per lesson', () => {
    const parsed = parseAscXml(file('asc-2008-utf8.xml'));
    expect(parsed.format).toBe('aSc Timetables 2008 XML');
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.errors).toEqual([]);
    // 6А as in the table, with English for the whole class (the 2008 file has no groups).
    const expected = [
      ...new Set(
        csvLessons()
          .filter((r) => r[0] === '6А')
          .map(([cls, day, slot, subject]) => key(cls!, DAY[day!]!, Number(slot), subject!, '')),
      ),
    ];
    expect(parsed.rows.map(rowKey).sort()).toEqual(expected.sort());
    expect(parsed.rows[0]?.teacherName).toMatch(/^[А-Я][а-я]+ [А-Я][а-я]+ [А-Я][а-я]+$/);
  });

  it('refuses broken XML, a DOCTYPE and files without a timetable, in Russian', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(parseAscXml(enc('<timetable><cards></timetable>')).errors[0]).toMatch(
      /^Файл не является корректным XML \(строка 1\)/,
    );
    expect(
      parseAscXml(enc('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><timetable/>')).errors,
    ).toEqual(['Файл содержит DOCTYPE: такие XML-файлы не загружаются']);
    expect(parseAscXml(enc('<school/>')).errors).toEqual([
      'Это не выгрузка aSc Timetables: нет элемента <timetable>',
    ]);
  });
});

describe('CSV table', () => {
  it('reads the windows-1251 table, and the plan names every bad row and writes nothing', async () => {
    const bytes = file('timetable-cp1251.csv');
    expect(detectFormat(bytes)).toBe('csv');
    const parsed = await parseTimetableTable(bytes, false);
    expect(parsed.encoding).toBe('windows-1251');
    const plan = planTimetableImport(parsed, fixtureContext(today), {
      ...options,
      source: 'table',
    });
    expect(plan.errors).toEqual([
      'Строка 2: класса «5В» нет в школе (учебный год)',
      'Строка 3: неизвестный день недели «Воскр»',
      'Строка 5: учителя «Сидоров П.П.» нет в списке сотрудников',
      '5А: понедельник: для 9-го урока нет звонка в расписании звонков',
    ]);
  });

  it('plans the good rows: one version per class, the missing subjects, groups and courses', async () => {
    const text = new TextDecoder('windows-1251').decode(file('timetable-cp1251.csv')).split('\r\n');
    const good = new TextEncoder().encode([text[0], ...text.slice(6)].join('\r\n'));
    const plan = planTimetableImport(
      await parseTimetableTable(good, false),
      fixtureContext(today),
      { ...options, source: 'table' },
    );
    expect(plan.errors).toEqual([]);
    expect(plan.timetables.map((t) => [t.classId, t.cells.length]).sort()).toEqual(
      ['cl-5a', 'cl-5b', 'cl-6a'].map((c) => [
        c,
        csvLessons().filter((r) => r[0] === { 'cl-5a': '5А', 'cl-5b': '5Б', 'cl-6a': '6А' }[c])
          .length,
      ]),
    );
    // The school knows Russian, literature and maths; the file brings the rest.
    expect(plan.subjectsAdded.map((s) => s.name).sort()).toEqual(
      [
        'Биология',
        'География',
        'Изобразительное искусство',
        'Иностранный язык (английский)',
        'История',
        'Музыка',
        'Обществознание',
        'Труд (технология)',
        'Физическая культура',
      ].sort(),
    );
    expect(plan.groupsAdded.map((g) => `${g.className} ${g.group.name}`).sort()).toEqual([
      '5А 1 группа',
      '5А 2 группа',
      '5Б 1 группа',
      '5Б 2 группа',
      '6А 1 группа',
      '6А 2 группа',
    ]);
    const eng5a = plan.coursesCreated.filter(
      (c) =>
        c.classId === 'cl-5a' &&
        plan.subjectsAdded.find((s) => s.id === c.subjectId)?.name.startsWith('Иностранный'),
    );
    expect(eng5a.map((c) => [c.teacherId, c.hoursPerWeek]).sort()).toEqual([
      ['st-bel', 3],
      ['st-kim', 3],
    ]);
    expect(
      plan.coursesCreated.find((c) => c.classId === 'cl-6a' && c.subjectId === 'rus'),
    ).toMatchObject({ teacherId: 'st-sok', hoursPerWeek: 6 });
  });

  it('refuses a second teacher for one course and a teacher in two classes at once', async () => {
    const rows = [
      'Класс;День недели;Урок;Предмет;Группа;Учитель;Кабинет',
      '5А;Пн;1;Математика;;Петров А.Н.;14',
      '5А;Вт;1;Математика;;Гусева Н.А.;14',
      '5Б;Пн;1;Математика;;Петров А.Н.;15',
    ].join('\n');
    const plan = planTimetableImport(
      await parseTimetableTable(new TextEncoder().encode(rows), false),
      fixtureContext(today),
      { ...options, source: 'table' },
    );
    expect(plan.errors).toEqual([
      'Строка 3: у курса «Математика» 5А в файле два учителя — см. также Строка 2',
      'Учитель Петров А. Н. в понедельник на 1-м уроке ведёт сразу несколько уроков: 5А «Математика» (14) и 5Б «Математика» (15) (с 01.09.2026)',
    ]);
  });
});

describe('names in files', () => {
  it('finds a teacher by full name, surname and name, or initials, and says when it is ambiguous', () => {
    const staff = [
      ...FIXTURE_STAFF,
      { ...FIXTURE_STAFF[1]!, id: 'st-pet2', firstName: 'Андрей', middleName: 'Николаевич' },
    ];
    expect(matchStaff(staff, 'Соколова Ирина Владимировна')).toMatchObject({
      staff: { id: 'st-sok' },
    });
    expect(matchStaff(staff, 'соколова  и. в.')).toMatchObject({ staff: { id: 'st-sok' } });
    expect(matchStaff(staff, 'И.В. Соколова')).toMatchObject({ staff: { id: 'st-sok' } });
    expect(matchStaff(staff, 'Петров А.Н.')).toEqual({
      error:
        'учитель «Петров А.Н.» неоднозначен: Петров Алексей Николаевич, Петров Андрей Николаевич — напишите полное ФИО',
    });
    expect(parseWeekday('Среда')).toBe(3);
    expect(parseWeekday('вс')).toBeNull();
    expect(parseSlot('3-й')).toBe(3);
    expect(parseSlot('13')).toBeNull();
  });
});
