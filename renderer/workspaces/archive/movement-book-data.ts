// The book of movements of a school year from what this desktop holds (every student, the classes
// of every year it has) and, for a finished year, the classes of the finished years from the archive.
import { movementBook, type MovementBook } from '../../../shared/reports/movement-book';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import type { JournalDatabase } from '../../db/types';
import type { ArchiveReader } from '../../archive/archive-client';

export async function readMovementBook(
  db: JournalDatabase,
  school: School,
  yearId: string,
  archive: ArchiveReader,
): Promise<MovementBook> {
  const [localClasses, students] = await Promise.all([
    db.classes.find().exec(),
    db.students.find().exec(),
  ]);
  const byId = new Map<string, SchoolClass>(
    localClasses.map((d) => {
      const c = d.toJSON() as SchoolClass;
      return [c.id, c];
    }),
  );
  // A finished year's classes (and the names of the next years' classes its movements lead to)
  // come from the archive; a class this desktop still holds is taken as it is.
  const past = (school.pastYears ?? []).map((p) => p.year);
  const index = past.findIndex((y) => y.id === yearId);
  if (index >= 0) {
    try {
      for (const year of past.slice(index)) {
        for (const c of await archive.classes(year.id)) if (!byId.has(c.id)) byId.set(c.id, c);
      }
    } catch (error) {
      // Offline: enough when this desktop still holds the year's classes.
      if (![...byId.values()].some((c) => c.yearId === yearId)) throw error;
    }
  }
  const year = index >= 0 ? past[index]! : school.year;
  return movementBook({
    year: { id: year.id, name: year.name },
    classes: [...byId.values()],
    students: students.map((d) => d.toJSON() as Student),
    subjects: school.subjects,
  });
}
