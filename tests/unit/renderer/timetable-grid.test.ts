// The timetable editor's pure logic (renderer/workspaces/timetable/timetable-grid.ts): grid ↔ cells
// both ways, the default "действует с", the lesson numbers shown, and the checks the editor shows by
// cell before saving — a class twice in one slot (groups allowed), a teacher in two places, a room
// used twice, a course of another class — with conflicts already in the school not blocking an edit.
import { describe, expect, it } from 'vitest';
import type { Course } from '../../../shared/course';
import type { SetupContext } from '../../../shared/setup/context';
import type { Timetable, TimetableCell } from '../../../shared/timetable';
import {
  cellsFromGrid,
  changedSlots,
  gridFromCells,
  gridSlots,
  nextMonday,
  reviewVersion,
  versionDocument,
} from '../../../renderer/workspaces/timetable/timetable-grid';
import { fixtureContext, fixtureYear } from '../../fixtures/school';

const TODAY = '2026-12-01';
const year = fixtureYear(TODAY);

function course(
  id: string,
  classId: string,
  subjectId: string,
  teacherId: string,
  groupId: string | null = null,
): Course {
  return {
    id,
    stamps: {},
    yearId: 'y-fixture',
    classId,
    subjectId,
    groupId,
    teacherId,
    assessment: 'marks',
    hoursPerWeek: 2,
    plannedByPeriod: {},
    plannedYear: 68,
    hasExam: false,
  };
}

const COURSES = [
  course('c5a-math', 'cl-5a', 'math', 'st-pet'),
  course('c5a-rus', 'cl-5a', 'rus', 'st-sok'),
  course('c5a-eng1', 'cl-5a', 'rus', 'st-kim', 'g1'),
  course('c5a-eng2', 'cl-5a', 'rus', 'st-bel', 'g2'),
  course('c5b-math', 'cl-5b', 'math', 'st-pet'),
  course('c5b-lit', 'cl-5b', 'lit', 'st-orl'),
];

const cell = (weekday: number, slot: number, courseId: string, room = ''): TimetableCell => ({
  weekday,
  slot,
  courseId,
  room,
});

function version(classId: string, validFrom: string, cells: TimetableCell[]): Timetable {
  return versionDocument({ classId, yearId: 'y-fixture', validFrom, name: 'Основное', cells });
}

function context(timetables: Timetable[]): SetupContext {
  return { ...fixtureContext(TODAY), courses: COURSES, timetables };
}

describe('grid and cells', () => {
  it('puts cells into weekday|slot keys with a split subject sharing one key, and back in grid order', () => {
    const cells = [
      cell(2, 1, 'c5a-rus', '12'),
      cell(1, 3, 'c5a-eng2', '21'),
      cell(1, 3, 'c5a-eng1', '20'),
      cell(1, 1, 'c5a-math', '14'),
    ];
    const grid = gridFromCells(cells);
    expect(grid).toEqual({
      '1|1': [{ courseId: 'c5a-math', room: '14' }],
      '1|3': [
        { courseId: 'c5a-eng1', room: '20' },
        { courseId: 'c5a-eng2', room: '21' },
      ],
      '2|1': [{ courseId: 'c5a-rus', room: '12' }],
    });
    expect(cellsFromGrid(grid)).toEqual([
      cell(1, 1, 'c5a-math', '14'),
      cell(1, 3, 'c5a-eng1', '20'),
      cell(1, 3, 'c5a-eng2', '21'),
      cell(2, 1, 'c5a-rus', '12'),
    ]);
  });

  it('drops empty choices and a course chosen twice in a slot, trims rooms, keeps a joint lesson joint', () => {
    const previous = [{ ...cell(3, 2, 'c5a-math', '14'), joint: true }];
    const out = cellsFromGrid(
      {
        '3|2': [
          { courseId: 'c5a-math', room: ' 14 ' },
          { courseId: 'c5a-math', room: '15' },
        ],
        '3|3': [{ courseId: '', room: '9' }],
        '4|1': [{ courseId: 'c5a-math', room: '' }],
      },
      previous,
    );
    expect(out).toEqual([
      { weekday: 3, slot: 2, courseId: 'c5a-math', room: '14', joint: true },
      { weekday: 4, slot: 1, courseId: 'c5a-math', room: '' },
    ]);
  });

  it('counts the changed slots between two weeks', () => {
    const before = [cell(1, 1, 'c5a-math', '14'), cell(1, 2, 'c5a-rus')];
    const after = [cell(1, 1, 'c5a-math', '15'), cell(1, 2, 'c5a-rus'), cell(2, 5, 'c5a-rus')];
    expect(changedSlots(before, after)).toEqual(['1|1', '2|5']);
    expect(changedSlots(before, before)).toEqual([]);
  });

  it('shows every bell of the school and any slot the cells use', () => {
    const school = fixtureContext(TODAY).school;
    expect(gridSlots(school, [cell(1, 0, 'c5a-math')])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gridSlots(null, [])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(gridSlots(null, [cell(1, 9, 'x')])).toEqual([9]);
  });

  it('defaults a new version to the Monday after today', () => {
    expect(nextMonday('2026-12-01')).toBe('2026-12-07'); // a Tuesday
    expect(nextMonday('2026-12-07')).toBe('2026-12-14'); // a Monday: the next one
    expect(nextMonday('2026-12-06')).toBe('2026-12-07'); // a Sunday
  });

  it('names the version document by class and date', () => {
    const doc = version('cl-5a', '2026-12-07', []);
    expect(doc).toMatchObject({ id: 'tt:cl-5a:2026-12-07', source: 'manual', draft: false });
  });
});

describe('checks shown before saving', () => {
  const base5b = version('cl-5b', year.start, [
    cell(1, 1, 'c5b-math', '14'),
    cell(1, 2, 'c5b-lit', '30'),
  ]);

  it('accepts a clean week and a split subject whose two groups share a slot', () => {
    const doc = version('cl-5a', '2026-12-07', [
      cell(1, 2, 'c5a-math', '14'),
      cell(1, 3, 'c5a-eng1', '20'),
      cell(1, 3, 'c5a-eng2', '21'),
    ]);
    const review = reviewVersion(doc, context([base5b]));
    expect(review.problems).toEqual([]);
    expect(review.bySlot.size).toBe(0);
  });

  it('refuses two whole-class courses in one slot, at that slot', () => {
    const doc = version('cl-5a', '2026-12-07', [cell(2, 4, 'c5a-math'), cell(2, 4, 'c5a-rus')]);
    const review = reviewVersion(doc, context([base5b]));
    expect(review.problems).toHaveLength(1);
    expect(review.problems[0]).toBe(
      '5А: во вторник на 4-м уроке одновременно «Математика» и «Русский язык» — это не разные группы класса (с 07.12.2026)',
    );
    expect([...review.bySlot.keys()]).toEqual(['2|4']);
  });

  it('refuses a teacher in two classes at once and a room used by two teachers', () => {
    const doc = version('cl-5a', '2026-12-07', [
      cell(1, 1, 'c5a-math', '5'),
      cell(1, 2, 'c5a-rus', '30'),
    ]);
    const review = reviewVersion(doc, context([base5b]));
    expect(review.problems).toEqual([
      'Учитель Петров А. Н. в понедельник на 1-м уроке ведёт сразу несколько уроков: 5А «Математика» (5) и 5Б «Математика» (14) (с 07.12.2026)',
      'Кабинет «30» в понедельник на 2-м уроке занят дважды: 5А «Русский язык» (Соколова И. В.) и 5Б «Литература» (Орлов В. П.) (с 07.12.2026)',
    ]);
    expect([...review.bySlot.keys()].sort()).toEqual(['1|1', '1|2']);
  });

  it("refuses another class's course and a lesson number without a bell, at their slots", () => {
    const doc = version('cl-5a', '2026-12-07', [cell(3, 1, 'c5b-lit'), cell(4, 8, 'c5a-rus')]);
    const review = reviewVersion(doc, context([base5b]));
    expect(review.problems).toEqual([
      'среда, 1-й урок: «Литература» — курс класса 5Б',
      'четверг: для 8-го урока нет звонка в расписании звонков',
    ]);
    expect([...review.bySlot.keys()]).toEqual(['3|1', '4|8']);
  });

  it('does not block an edit by a conflict the school already has', () => {
    const clash5a = version('cl-5a', year.start, [cell(1, 1, 'c5a-math')]);
    // The school already has Петров twice on Monday's 1st lesson; 5А's new version keeps it and adds Russian.
    const doc = version('cl-5a', '2026-12-07', [cell(1, 1, 'c5a-math'), cell(1, 3, 'c5a-rus')]);
    expect(reviewVersion(doc, context([base5b, clash5a])).problems).toEqual([]);
  });
});
