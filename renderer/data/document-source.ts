// What a printed document needs from the local database, for one class or the whole school: the
// school, periods, staff, and the class's (or every) class, students (those who left too, for old
// pages), courses, lessons, period marks and — when asked — consents, through the classId indexes.
// Read once when a print dialog opens, never kept live: lessons are the heaviest part.
import type { Consent } from '../../shared/consent';
import { DocumentError, type DocumentSource } from '../../shared/documents/source';
import type { JournalDatabase } from '../db/types';

export interface SourceOptions {
  /** Consent applications and paper extracts need the registry; the summary sheet does not. */
  consents?: boolean;
}

export async function readDocumentSource(
  db: JournalDatabase,
  classId: string | null,
  { consents = false }: SourceOptions = {},
): Promise<DocumentSource> {
  const byClass = classId ? { selector: { classId } } : {};
  const [schools, periods, classes, staff, students, courses, lessons, periodMarks, registry] =
    await Promise.all([
      db.school.find().exec(),
      db.periods.find().exec(),
      classId ? db.classes.find({ selector: { id: classId } }).exec() : db.classes.find().exec(),
      db.staff.find().exec(),
      db.students.find(byClass).exec(),
      db.courses.find(byClass).exec(),
      db.lessons.find({ ...byClass, sort: [{ classId: 'asc' }, { date: 'asc' }] }).exec(),
      db.periodMarks.find(byClass).exec(),
      consents ? db.consents.find(byClass).exec() : Promise.resolve([]),
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
    consents: json<Consent>(registry),
  };
}
