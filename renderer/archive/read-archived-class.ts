// One finished year's class as a document source: its documents from the archive (online), the
// school card, staff and students (one identity across years) from the local database.
import { archiveSource } from '../../shared/documents/archive-source';
import { DocumentError, type DocumentSource } from '../../shared/documents/source';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { PastYear } from '../../shared/school-years';
import type { StaffMember } from '../../shared/staff';
import type { Student } from '../../shared/student';
import type { JournalDatabase } from '../db/types';
import type { ArchiveReader } from './archive-client';

export async function readArchivedClass(
  db: JournalDatabase,
  archive: ArchiveReader,
  pastYear: PastYear,
  cls: SchoolClass,
): Promise<DocumentSource> {
  const yearId = pastYear.year.id;
  const [schools, staff, students, periods, courses, lessons, periodMarks] = await Promise.all([
    db.school.find().exec(),
    db.staff.find().exec(),
    db.students.find().exec(),
    archive.periods(yearId),
    archive.courses(yearId),
    archive.lessons(yearId, cls.id),
    archive.periodMarks(yearId, cls.id),
  ]);
  const school = schools[0]?.toJSON() as School | undefined;
  if (!school) throw new DocumentError('В локальной базе нет сведений о школе.');
  return archiveSource({
    school,
    pastYear,
    staff: staff.map((d) => d.toJSON() as StaffMember),
    students: students.map((d) => d.toJSON() as Student),
    periods,
    cls,
    courses,
    lessons,
    periodMarks,
  });
}
