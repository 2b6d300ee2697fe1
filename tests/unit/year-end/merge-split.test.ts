// Next year's classes merged and split, against a tiny school worked out by hand: 5А (a1, a2) and
// 5Б (b1, b2), English in two groups in each. Merged: one 6А with all four and the groups joined
// by name; split: 6А and 6В both continue 5А, the deputy sends a2 to 6В. The transition documents
// give exactly these rosters and groups; what cannot be merged or split is named in Russian.
import { describe, expect, it } from 'vitest';
import { tinySchool } from './fixtures';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import { continuingClass, mergeClasses, splitClass } from '../../../shared/year-end/merge-split';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';
import { checkPlan } from '../../../shared/year-end/plan-checks';
import { transitionDocuments } from '../../../shared/year-end/transition-documents';

const school: School = tinySchool([{ id: 'eng', name: 'Английский язык', short: 'Англ.' }]);
const G1 = '1 группа (англ.)';
const G2 = '2 группа (англ.)';
const fifth = (
  id: string,
  letter: string,
  teacher: string,
  g1: string,
  g2: string,
): SchoolClass => ({
  id,
  stamps: {},
  yearId: 'y1',
  grade: 5,
  letter,
  name: `5${letter}`,
  periodScheme: 'quarters',
  classTeacherId: teacher,
  groups: [
    { id: `${id}-g1`, name: G1, studentIds: [g1] },
    { id: `${id}-g2`, name: G2, studentIds: [g2] },
  ],
});
const classes = [fifth('c5a', 'А', 'ta', 'a1', 'a2'), fifth('c5b', 'Б', 'tb', 'b1', 'b2')];
const student = (id: string, classId: string): Student => ({
  id,
  stamps: {},
  lastName: id.toUpperCase(),
  firstName: 'Имя',
  middleName: '',
  gender: 'female',
  classId,
  status: 'active',
  birthDate: '',
  address: '',
  guardians: {},
});
const students = [
  student('a1', 'c5a'),
  student('a2', 'c5a'),
  student('b1', 'c5b'),
  student('b2', 'c5b'),
];
const next = (id: string, letter: string, teacher: string, from: string) => ({
  id,
  grade: 6,
  letter,
  name: `6${letter}`,
  periodScheme: 'quarters' as const,
  classTeacherId: teacher,
  fromClassId: from,
  groups: [
    { id: `${id}:g1`, name: G1, studentIds: [from === 'c5a' ? 'a1' : 'b1'] },
    { id: `${id}:g2`, name: G2, studentIds: [from === 'c5a' ? 'a2' : 'b2'] },
  ],
});
const plan: YearTransitionPlan = {
  fromYearId: 'y1',
  nextYear: { id: 'y2', name: '2027/2028', start: '2027-09-01', end: '2028-05-31', holidays: [] },
  periods: [],
  classes: [next('y2:cls-6-1', 'А', 'ta', 'c5a'), next('y2:cls-6-2', 'Б', 'tb', 'c5b')],
  movements: students.map((s) => ({
    studentId: s.id,
    kind: 'promoted' as const,
    toClassId: s.classId === 'c5a' ? 'y2:cls-6-1' : 'y2:cls-6-2',
    debts: [],
  })),
  order: { number: '77', date: '2027-06-25' },
  copyCurriculum: false,
  keepTeachers: true,
  copyTimetable: false,
};
const source = { school, periods: [], classes, courses: [], timetables: [], students };
const closing = { at: '2027-06-25T10:00:00.000Z', by: 'deputy' };
const rosterOf = (docs: ReturnType<typeof transitionDocuments>, classId: string) =>
  docs.students
    .filter((s) => s.classId === classId)
    .map((s) => s.id)
    .sort();

describe('merging two classes of a parallel', () => {
  it('one 6А continues 5А and 5Б: the students of both, groups joined by name', () => {
    const merged = mergeClasses(plan, 'y2:cls-6-1', 'y2:cls-6-2');
    if (typeof merged === 'string') throw new Error(merged);
    expect(merged.classes.map((c) => [c.name, c.fromClassId, c.mergedFromClassIds])).toEqual([
      ['6А', 'c5a', ['c5b']],
    ]);
    expect(continuingClass(merged.classes, 'c5b')?.name).toBe('6А');
    expect(checkPlan(merged, { school, classes, students })).toEqual([]);

    const docs = transitionDocuments(merged, source, closing);
    expect(docs.classes.map((c) => c.name)).toEqual(['6А']);
    expect(rosterOf(docs, 'y2:cls-6-1')).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(docs.classes[0]!.groups).toEqual([
      { id: 'y2:cls-6-1:g1', name: G1, studentIds: ['a1', 'b1'] },
      { id: 'y2:cls-6-1:g2', name: G2, studentIds: ['a2', 'b2'] },
    ]);
    // Each movement names the pupil's own class of this year.
    const b1 = docs.students.find((s) => s.id === 'b1')!;
    expect(b1.movements?.at(-1)).toMatchObject({ fromClassId: 'c5b', toClassId: 'y2:cls-6-1' });
  });

  it('refuses classes of different parallels, and the checks name such a plan', () => {
    const seventh = { ...next('y2:cls-7-1', 'А', 'tc', 'c5a'), grade: 7, name: '7А' };
    const wider = { ...plan, classes: [...plan.classes, seventh] };
    expect(mergeClasses(wider, 'y2:cls-6-1', 'y2:cls-7-1')).toBe(
      'Объединять можно классы одной параллели: 6А и 7А — разные',
    );
    const forged = {
      ...plan,
      classes: [{ ...plan.classes[0]!, mergedFromClassIds: ['c9'] }, plan.classes[1]!],
    };
    expect(checkPlan(forged, { school, classes, students })).toContain(
      'Класс 6А: объединяемый класс текущего года не найден',
    );
  });
});

describe('splitting a class', () => {
  it('6В continues 5А too; a2 assigned to it; each class keeps only its pupils in its groups', () => {
    const split = splitClass(plan, 'y2:cls-6-1', 'в', ['a2']);
    if (typeof split === 'string') throw new Error(split);
    const added = split.classes.find((c) => c.name === '6В')!;
    expect([added.id, added.fromClassId, added.classTeacherId]).toEqual(['y2:cls-6-3', 'c5a', '']);
    expect(checkPlan(split, { school, classes, students })).toEqual([
      'Класс 6В: не выбран классный руководитель',
    ]);
    const ready = {
      ...split,
      classes: split.classes.map((c) => (c.id === added.id ? { ...c, classTeacherId: 'tc' } : c)),
    };
    expect(checkPlan(ready, { school, classes, students })).toEqual([]);

    const docs = transitionDocuments(ready, source, closing);
    expect(rosterOf(docs, 'y2:cls-6-1')).toEqual(['a1']);
    expect(rosterOf(docs, 'y2:cls-6-3')).toEqual(['a2']);
    expect(rosterOf(docs, 'y2:cls-6-2')).toEqual(['b1', 'b2']);
    const groups = (id: string) =>
      docs.classes.find((c) => c.id === id)!.groups.map((g) => [g.name, g.studentIds]);
    expect(groups('y2:cls-6-1')).toEqual([
      [G1, ['a1']],
      [G2, []],
    ]);
    expect(groups('y2:cls-6-3')).toEqual([
      [G1, []],
      [G2, ['a2']],
    ]);
  });

  it('refuses a letter already taken or missing', () => {
    expect(splitClass(plan, 'y2:cls-6-1', 'Б')).toBe('Класс 6Б уже есть');
    expect(splitClass(plan, 'y2:cls-6-1', ' ')).toBe('Укажите букву нового класса');
  });
});
