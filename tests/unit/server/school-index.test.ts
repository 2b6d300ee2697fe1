// The rights index's cached read scopes: a mark pushed into a lesson keeps every user's scope
// cached (each live stream asks on every write), while a lesson changing hands changes the
// scopes of the teachers involved.
import { describe, expect, it, vi } from 'vitest';
import type { AuthUser } from '../../../server/auth/roles';
import { SchoolIndex } from '../../../server/domain/school-index';

const teacher = (staffId: string): AuthUser => ({
  accountId: `acc-${staffId}`,
  login: staffId,
  displayName: staffId,
  staffId,
  roles: ['teacher'],
  deviceId: 'dev',
  deviceName: 'ПК',
});

const lesson = (id: string, teacherId: string, entries: Record<string, unknown> = {}) => ({
  state: { id, _deleted: false, courseId: 'course-math', classId: 'class-5a', teacherId, entries },
});

function schoolWithOneCourse(): SchoolIndex {
  const index = new SchoolIndex();
  index.ingest('courses', [
    { state: { id: 'course-math', _deleted: false, teacherId: 'staff-a', classId: 'class-5a' } },
  ]);
  index.ingest('lessons', [lesson('l1', 'staff-a'), lesson('l2', 'staff-a')]);
  return index;
}

describe('SchoolIndex.scopeOf', () => {
  it('is not recomputed for a mark: the holder of the lesson did not change', () => {
    const index = schoolWithOneCourse();
    const a = teacher('staff-a');
    const b = teacher('staff-b');
    const before = [index.scopeOf(a), index.scopeOf(b)];
    const compute = vi.spyOn(index as unknown as { computeScope: () => unknown }, 'computeScope');
    index.ingest('lessons', [lesson('l1', 'staff-a', { s1: { marks: [{ value: '5' }] } })]);
    expect([index.scopeOf(a), index.scopeOf(b)]).toEqual(before);
    expect(compute).not.toHaveBeenCalled();
  });

  it('changes when a lesson is given to a substitute, and back', () => {
    const index = schoolWithOneCourse();
    const b = teacher('staff-b');
    expect([...index.scopeOf(b).heldLessons]).toEqual([]);
    index.ingest('lessons', [lesson('l2', 'staff-b')]);
    expect([...index.scopeOf(b).heldLessons]).toEqual(['l2']);
    expect([...index.scopeOf(b).visible]).toEqual(['class-5a']);
    index.ingest('lessons', [lesson('l2', 'staff-a')]);
    expect([...index.scopeOf(b).heldLessons]).toEqual([]);
  });

  it('changes when a course is given to another teacher', () => {
    const index = schoolWithOneCourse();
    const b = teacher('staff-b');
    const before = index.scopeOf(b).hash;
    index.ingest('courses', [
      { state: { id: 'course-math', _deleted: false, teacherId: 'staff-b', classId: 'class-5a' } },
    ]);
    expect(index.scopeOf(b).hash).not.toBe(before);
    expect([...index.scopeOf(b).courses]).toEqual(['course-math']);
  });
});
