// Narrows a document source (renderer/data/document-source.ts reads it) to one course.
import type { Course } from '../../shared/course';
import type { DocumentSource } from '../../shared/documents/source';

/**
 * The source narrowed to one course: its subject only, its lessons and period marks, no consents.
 * An extract built from it shows that subject's marks and the absences from its lessons.
 */
export function courseOnlySource(source: DocumentSource, course: Course): DocumentSource {
  return {
    ...source,
    courses: source.courses.filter((c) => c.id === course.id),
    lessons: source.lessons.filter((l) => l.courseId === course.id),
    periodMarks: source.periodMarks.filter((pm) => pm.courseId === course.id),
    consents: [],
  };
}
