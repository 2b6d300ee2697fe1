// Timetable conflicts in Russian: a class with two courses in one slot unless they are its groups, a teacher in two places, a room used twice; each conflict once, from the date it starts.
import { describe, expect, it } from 'vitest';
import { findTimetableConflicts, newConflicts } from '../../../shared/timetable-conflicts';
import { namesOf } from '../../../shared/setup/context';
import type { TimetableCell } from '../../../shared/timetable';
import { COURSES, TIMETABLES, smallContext, version } from './small-school';

const courses = new Map(COURSES.map((c) => [c.id, c]));
const names = namesOf(smallContext());
const find = (versions = TIMETABLES) => findTimetableConflicts(versions, courses, 'y26', names);
const cell = (
  weekday: number,
  slot: number,
  courseId: string,
  room = '',
  joint?: boolean,
): TimetableCell =>
  joint === undefined
    ? { weekday, slot, courseId, room }
    : { weekday, slot, courseId, room, joint };

describe('findTimetableConflicts', () => {
  it('finds none in a timetable whose only shared slot is two groups of a class', () => {
    expect(find()).toEqual([]);
  });

  it('refuses two courses of one class in a slot, and one group twice', () => {
    const clash = version('c5a', '2026-09-01', [
      cell(1, 1, 'k5-math'),
      cell(1, 1, 'k5-trud'),
      cell(2, 1, 'k5-eng1'),
      cell(2, 1, 'k5-math'),
    ]);
    const conflicts = find([clash]);
    expect(conflicts.map((c) => [c.kind, c.weekday, c.slot])).toEqual([
      ['class', 1, 1],
      ['class', 2, 1],
    ]);
    expect(conflicts[0]?.message).toBe(
      '5А: в понедельник на 1-м уроке одновременно «Математика» и «Труд (технология)» — это не разные группы класса (с 01.09.2026)',
    );
  });

  it('refuses a teacher in two classes at once, from the date the later version starts', () => {
    // Петров teaches maths in 5А (Tuesday 2 from 14.09) and in 10А; 10А's new version puts him on Tuesday 2 from 01.10.
    const tenth = version('c10a', '2026-10-01', [cell(2, 2, 'k10-math', 'каб. 14')]);
    const conflicts = find([...TIMETABLES, tenth]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'teacher',
      from: '2026-10-01',
      weekday: 2,
      slot: 2,
    });
    expect(conflicts[0]?.message).toBe(
      'Учитель Петров Б. И. во вторник на 2-м уроке ведёт сразу несколько уроков: 10А «Математика» (каб. 14) и 5А «Математика» (каб. 14) (с 01.10.2026)',
    );
  });

  it('allows one teacher with several classes only as a joint lesson: marked joint, one subject, one room', () => {
    const first = version('c5a', '2026-09-01', [cell(2, 1, 'k5-math', 'Спортзал', true)]);
    const tenth = version('c10a', '2026-09-01', [cell(2, 1, 'k10-math', 'Спортзал', true)]);
    expect(find([first, tenth])).toEqual([]);
    // The same room and subject without the mark: the teacher's own cabinet, double-booked.
    const unmarked = version('c10a', '2026-09-01', [cell(2, 1, 'k10-math', 'Спортзал')]);
    expect(find([first, unmarked]).map((c) => c.kind)).toEqual(['teacher']);
    const otherRoom = version('c10a', '2026-09-01', [cell(2, 1, 'k10-math', 'каб. 2', true)]);
    expect(find([first, otherRoom]).map((c) => c.kind)).toEqual(['teacher']);
  });

  it('refuses one room for two teachers at once (case-insensitive)', () => {
    const a = version('c1a', '2026-09-01', [cell(3, 2, 'k1-rus', 'Каб. 14')]);
    const b = version('c10a', '2026-09-01', [cell(3, 2, 'k10-math', 'каб. 14')]);
    const conflicts = find([a, b]);
    expect(conflicts.map((c) => c.kind)).toEqual(['room']);
    expect(conflicts[0]?.message).toMatch(
      /^Кабинет «[Кк]аб\. 14» в среду на 2-м уроке занят дважды: 10А «Математика» \(Петров Б\. И\.\) и 1А «Русский язык» \(Иванова А\. П\.\)/,
    );
  });

  it('a conflict that ends before a version starts is not reported for it; newConflicts lists only new ones', () => {
    // 10А clashes with 5А's old Monday maths only until 5А's version of 14.09.
    const tenth = version('c10a', '2026-09-01', [cell(1, 1, 'k10-math', 'каб. 14')]);
    const all = find([...TIMETABLES.filter((t) => t.classId !== 'c10a'), tenth]);
    expect(all.map((c) => [c.kind, c.from])).toEqual([['teacher', '2026-09-01']]);
    const moved = version('c10a', '2026-09-01', [cell(1, 3, 'k10-math', 'каб. 14')]);
    expect(
      newConflicts(all, find([...TIMETABLES.filter((t) => t.classId !== 'c10a'), moved])),
    ).toEqual([]);
    expect(newConflicts([], all)).toEqual(all);
    expect(newConflicts(all, all)).toEqual([]);
  });
});
