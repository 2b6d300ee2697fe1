// The course list's sections: own courses first, substitutions, and a deputy's other courses grouped
// by class in grade order and filtered by class and subject.
import { describe, expect, it } from 'vitest';
import type { Course } from '../../../shared/course';
import type { CourseItem } from '../../../renderer/data/use-course-items';
import { courseSections } from '../../../renderer/ui/course-groups';
import { openedCourse } from '../../../renderer/ui/opened-course';

const item = (
  id: string,
  className: string,
  grade: number,
  subjectName: string,
  kind: 'own' | 'substitute' | 'other',
): CourseItem => ({
  course: { id, classId: `c-${className}`, subjectId: `s-${subjectName}` } as Course,
  substitute: kind === 'substitute',
  own: kind === 'own',
  title: `${className} · ${subjectName}`,
  className,
  subjectName,
  grade,
});

const items = [
  item('1', '10А', 10, 'Физика', 'own'),
  item('2', '7Б', 7, 'Алгебра', 'substitute'),
  item('3', '1А', 1, 'ИЗО', 'other'),
  item('4', '11А', 11, 'Физика', 'other'),
  item('5', '1А', 1, 'Математика', 'other'),
  item('6', '2А', 2, 'Физика', 'other'),
  item('7', '10Б', 10, 'ИЗО', 'other'),
];

describe('course list sections', () => {
  it('own, substitutions, then the others by class in grade order', () => {
    const s = courseSections(items, { classId: '', subjectId: '' });
    expect(s.own.map((i) => i.course.id)).toEqual(['1']);
    expect(s.substitutions.map((i) => i.course.id)).toEqual(['2']);
    expect(s.othersTotal).toBe(5);
    // 1А (two courses), 2А, 10Б, 11А — by grade, not by the string "10Б" < "1А".
    expect(s.others.map((g) => [g.className, g.items.length])).toEqual([
      ['1А', 2],
      ['2А', 1],
      ['10Б', 1],
      ['11А', 1],
    ]);
    expect(s.classes.map((c) => c.name)).toEqual(['1А', '2А', '10Б', '11А']);
    expect(s.subjects.map((c) => c.name)).toEqual(['ИЗО', 'Математика', 'Физика']);
  });

  it('filters the others by class and by subject; own courses stay', () => {
    const bySubject = courseSections(items, { classId: '', subjectId: 's-Физика' });
    expect(bySubject.others.flatMap((g) => g.items.map((i) => i.course.id))).toEqual(['6', '4']);
    expect(bySubject.own).toHaveLength(1);
    const byClass = courseSections(items, { classId: 'c-1А', subjectId: '' });
    expect(byClass.others.flatMap((g) => g.items.map((i) => i.course.id))).toEqual(['3', '5']);
    const both = courseSections(items, { classId: 'c-1А', subjectId: 's-Физика' });
    expect(both.others).toEqual([]);
    // The choices do not shrink with the filter.
    expect(both.classes).toHaveLength(4);
  });

  it('a teacher without others gets no section to filter', () => {
    const s = courseSections(items.slice(0, 2), { classId: '', subjectId: '' });
    expect(s.othersTotal).toBe(0);
    expect(s.others).toEqual([]);
  });
});

describe('the course a section opens', () => {
  it("the route's course, else the first own or substituted one, never a colleague's", () => {
    expect(openedCourse(items, '5')?.course.id).toBe('5');
    expect(openedCourse(items, null)?.course.id).toBe('1');
    expect(openedCourse(items, 'gone')?.course.id).toBe('1');
    const deputyWithSubstitution = items.filter((i) => i.course.id !== '1');
    expect(openedCourse(deputyWithSubstitution, null)?.course.id).toBe('2');
    const deputyWithNone = items.filter((i) => !i.own && !i.substitute);
    expect(openedCourse(deputyWithNone, null)).toBeUndefined();
    expect(openedCourse(deputyWithNone, '4')?.course.id).toBe('4');
    expect(openedCourse(null, '4')).toBeUndefined();
  });
});
