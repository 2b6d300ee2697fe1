// Shared by the snapshot tests (snapshot-route.test.ts, snapshot-desktop.test.ts).
import type { Lesson } from '../../../shared/lesson';
import type { DomainServer } from './domain-fixture';

/** A lesson of one of the subject teacher's courses in the open fourth quarter. */
export function teachersLesson(server: DomainServer, skip = 0): Lesson {
  const courses = new Set(
    server.school.courses.filter((c) => c.teacherId === 'staff-teacher').map((c) => c.id),
  );
  const q4 = server.school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
  const lessons = server.school.lessons.filter(
    (l) =>
      courses.has(l.courseId) &&
      l.date >= q4.start &&
      l.date <= q4.end &&
      server.school.classes.find((c) => c.id === l.classId)?.periodScheme === 'quarters',
  );
  return lessons[skip]!;
}
