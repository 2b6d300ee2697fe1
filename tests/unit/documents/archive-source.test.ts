// A finished year's class as a document source, worked out by hand: who was in 5А at the year's end
// (promoted, kept back, graduated from it, or left the school from it) whatever their class is now;
// a pupil transferred out during the year is not; the school card speaks of that year.
import { describe, expect, it } from 'vitest';
import { archiveSource, studentsOfPastClass } from '../../../shared/documents/archive-source';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { PastYear } from '../../../shared/school-years';
import type { Student, StudentMovement } from '../../../shared/student';

const END = { date: '2027-06-20', orderNumber: '112-о' };
function pupil(id: string, classId: string, movements: StudentMovement[], left = false): Student {
  return {
    id,
    stamps: {},
    lastName: id,
    firstName: 'Имя',
    middleName: '',
    gender: 'male',
    classId,
    status: left ? 'left' : 'active',
    birthDate: '',
    address: '',
    guardians: {},
    movements,
  };
}
const students = [
  pupil('promoted', 'n6a', [{ kind: 'promoted', ...END, fromClassId: 'c5a', toClassId: 'n6a' }]),
  pupil('kept', 'n5a', [{ kind: 'keptBack', ...END, fromClassId: 'c5a', toClassId: 'n5a' }]),
  pupil(
    'left',
    'c5a',
    [
      {
        kind: 'left',
        date: '2027-02-01',
        orderNumber: '60-о',
        fromClassId: 'c5a',
        toClassId: null,
      },
    ],
    true,
  ),
  pupil('moved', 'n6b', [
    {
      kind: 'transfer',
      date: '2026-11-10',
      orderNumber: '45-о',
      fromClassId: 'c5a',
      toClassId: 'c5b',
    },
    { kind: 'promoted', ...END, fromClassId: 'c5b', toClassId: 'n6b' },
  ]),
  pupil('other', 'n6b', [{ kind: 'promoted', ...END, fromClassId: 'c5b', toClassId: 'n6b' }]),
  pupil('new', 'n6a', []),
];

describe('a finished year as a document source', () => {
  it('puts the students back in the class they finished the year in', () => {
    const got = studentsOfPastClass(students, 'c5a').map((s) => [s.id, s.classId, s.status]);
    expect(got).toEqual([
      ['promoted', 'c5a', 'active'],
      ['kept', 'c5a', 'active'],
      ['left', 'c5a', 'left'],
    ]);
    expect(studentsOfPastClass(students, 'c5b').map((s) => s.id)).toEqual(['moved', 'other']);
  });

  it('reads as the year it was: the past year on the school card, the class, its courses', () => {
    const cls = { id: 'c5a', yearId: 'y2026', name: '5А' } as SchoolClass;
    const pastYear: PastYear = {
      year: { id: 'y2026', name: '2026/2027', start: '2026-09-01', end: '2027-05-31' },
      closedAt: '2027-06-21T10:00:00Z',
      closedBy: 'deputy',
      order: { number: '112-о', date: '2027-06-20' },
    } as PastYear;
    const source = archiveSource({
      school: { year: { id: 'y2027', name: '2027/2028' } } as School,
      pastYear,
      staff: [],
      students,
      periods: [],
      cls,
      courses: [
        { id: 'k1', classId: 'c5a' },
        { id: 'k2', classId: 'c5b' },
      ] as never,
      lessons: [
        { id: 'l2', date: '2026-09-02', slot: 1 },
        { id: 'l1', date: '2026-09-01', slot: 2 },
        { id: 'l0', date: '2026-09-01', slot: 1 },
      ] as never,
      periodMarks: [],
    });
    expect(source.school.year.name).toBe('2026/2027');
    expect(source.classes).toEqual([cls]);
    expect(source.courses.map((c) => c.id)).toEqual(['k1']);
    expect(source.lessons.map((l) => l.id)).toEqual(['l0', 'l1', 'l2']);
    expect(source.students.filter((s) => s.status === 'active').map((s) => s.id)).toEqual([
      'promoted',
      'kept',
    ]);
  });
});
