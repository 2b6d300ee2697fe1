// What the term summary sheet needs from the local database, for one class or the whole school.
// Read once when the print dialog opens (never kept live): lessons are the heaviest part.
import type { DocumentSource } from '../../../shared/documents/source';
import { DocumentError } from '../../../shared/documents/source';
import type { JournalDatabase } from '../../db/types';

export async function gatherSchoolSource(
  db: JournalDatabase,
  classId: string | null,
): Promise<DocumentSource> {
  const byClass = classId ? { selector: { classId } } : {};
  const [schools, periods, classes, staff, students, courses, lessons, periodMarks] =
    await Promise.all([
      db.school.find().exec(),
      db.periods.find().exec(),
      classId ? db.classes.find({ selector: { id: classId } }).exec() : db.classes.find().exec(),
      db.staff.find().exec(),
      db.students.find(byClass).exec(),
      db.courses.find(byClass).exec(),
      db.lessons.find(byClass).exec(),
      db.periodMarks.find(byClass).exec(),
    ]);
  const school = schools[0];
  if (!school) throw new DocumentError('В локальной базе нет сведений о школе.');
  if (classes.length === 0) throw new DocumentError('Класс не найден в локальной базе.');
  const json = <T>(docs: readonly { toJSON(): unknown }[]): T[] => docs.map((d) => d.toJSON() as T);
  return {
    school: school.toJSON() as DocumentSource['school'],
    periods: json(periods),
    classes: json(classes),
    staff: json(staff),
    students: json(students),
    courses: json(courses),
    lessons: json(lessons),
    periodMarks: json(periodMarks),
    consents: [],
  };
}
