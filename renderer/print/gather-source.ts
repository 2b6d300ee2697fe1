// Gathers what a printed document needs about one class from the local database: the school,
// periods, the class, staff, its students (those who left too, for old pages), its courses, and
// its lessons, period marks and consents through their classId indexes.
import { DocumentError, type DocumentSource } from '../../shared/documents/source';
import type { Course } from '../../shared/course';
import type { JournalDatabase } from '../db/types';

export async function gatherClassSource(
  db: JournalDatabase,
  classId: string,
): Promise<DocumentSource> {
  const [schools, periods, cls, staff, students, courses, lessons, periodMarks, consents] =
    await Promise.all([
      db.school.find().exec(),
      db.periods.find().exec(),
      db.classes.findOne(classId).exec(),
      db.staff.find().exec(),
      db.students.find({ selector: { classId } }).exec(),
      db.courses.find({ selector: { classId } }).exec(),
      db.lessons
        .find({ selector: { classId }, sort: [{ classId: 'asc' }, { date: 'asc' }] })
        .exec(),
      db.periodMarks.find({ selector: { classId } }).exec(),
      db.consents.find({ selector: { classId } }).exec(),
    ]);
  const school = schools[0];
  if (!school) throw new DocumentError('В локальной базе нет сведений о школе.');
  if (!cls) throw new DocumentError('Класс не найден в локальной базе.');
  const json = <T>(docs: readonly { toJSON(): unknown }[]): T[] => docs.map((d) => d.toJSON() as T);
  return {
    school: school.toJSON() as DocumentSource['school'],
    periods: json(periods),
    classes: [cls.toJSON() as DocumentSource['classes'][number]],
    staff: json(staff),
    students: json(students),
    courses: json(courses),
    lessons: json(lessons),
    periodMarks: json(periodMarks),
    consents: json(consents),
  };
}

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
