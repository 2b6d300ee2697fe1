// What each teacher teaches, as «Сотрудники» shows it: computed from the courses of the curriculum.
import { describe, expect, it } from 'vitest';
import { teacherSubjects } from '../../../shared/curriculum';

const subjects = [
  { id: 'math', name: 'Математика', short: 'Матем.' },
  { id: 'alg', name: 'Алгебра', short: '' },
  { id: 'eng', name: 'Иностранный язык (английский)', short: 'Англ. яз.' },
];

describe('teacherSubjects', () => {
  it('lists each subject of a teacher once, short names first, in Russian alphabetical order', () => {
    const courses = [
      { teacherId: 'st-pet', subjectId: 'math' },
      { teacherId: 'st-pet', subjectId: 'math' },
      { teacherId: 'st-pet', subjectId: 'alg' },
      { teacherId: 'st-kim', subjectId: 'eng' },
      { teacherId: 'st-kim', subjectId: 'eng' },
    ];
    const map = teacherSubjects(courses, subjects);
    expect(Object.fromEntries(map)).toEqual({
      'st-pet': ['Алгебра', 'Матем.'],
      'st-kim': ['Англ. яз.'],
    });
  });

  it('leaves out a course whose subject the school no longer lists, and teachers without courses', () => {
    const map = teacherSubjects(
      [
        { teacherId: 'st-pet', subjectId: 'gone' },
        { teacherId: 'st-kim', subjectId: 'math' },
      ],
      subjects,
    );
    expect([...map.keys()]).toEqual(['st-kim']);
    expect(map.get('st-gus')).toBeUndefined();
  });
});
