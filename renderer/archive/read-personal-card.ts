// The personal card's data for one student: the current year from the local database, each finished
// year from the server's archive (or, offline, from what this desktop still holds of it).
import { todayIso } from '../../shared/dates';
import type { Course } from '../../shared/course';
import {
  ARCHIVE_MARKS_HIDDEN,
  buildPersonalCardModel,
  classesOfYear,
  type PersonalCardModel,
  type PersonalCardYearInput,
} from '../../shared/documents/personal-card-model';
import { DocumentError } from '../../shared/documents/source';
import type { Period } from '../../shared/period';
import type { PeriodMarks } from '../../shared/period-mark';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { Student } from '../../shared/student';
import type { JournalDatabase } from '../db/types';
import type { ArchiveReader } from './archive-client';

export async function readPersonalCard(
  db: JournalDatabase,
  archive: ArchiveReader,
  studentId: string,
): Promise<PersonalCardModel> {
  const [schoolDoc, studentDoc, classDocs, periodDocs] = await Promise.all([
    db.school.find().exec(),
    db.students.findOne(studentId).exec(),
    db.classes.find().exec(),
    db.periods.find().exec(),
  ]);
  const school = schoolDoc[0]?.toJSON() as School | undefined;
  if (!school) throw new DocumentError('В локальной базе нет сведений о школе.');
  if (!studentDoc) throw new DocumentError('Ученик не найден.');
  const student = studentDoc.toJSON() as Student;
  const localClasses = classDocs.map((d) => d.toJSON() as SchoolClass);
  const localPeriods = periodDocs.map((d) => d.toJSON() as Period);
  const classNames = new Map(localClasses.map((c) => [c.id, c.name]));

  const local = async (classIds: string[]) => {
    const byClass = { selector: { classId: { $in: classIds } } };
    const [courses, marks] = await Promise.all([
      db.courses.find(byClass).exec(),
      db.periodMarks.find(byClass).exec(),
    ]);
    return {
      courses: courses.map((d) => d.toJSON() as Course),
      periodMarks: marks.map((d) => d.toJSON() as PeriodMarks),
    };
  };

  const years: PersonalCardYearInput[] = [];
  const past = school.pastYears ?? [];
  for (const [i, p] of past.entries()) {
    const year = p.year;
    const held = localClasses.filter((c) => c.yearId === year.id);
    let classes: SchoolClass[];
    let online = true;
    try {
      classes = await archive.classes(year.id);
    } catch {
      classes = held;
      online = false;
    }
    for (const c of classes) classNames.set(c.id, c.name);
    if (classes.length === 0) {
      // Unknown offline: the year is on the card when a movement of the student falls in it.
      const next = past[i + 1]?.year.start ?? school.year.start;
      const moved = (student.movements ?? []).some((m) => m.date >= year.start && m.date < next);
      if (moved) years.push({ year, documents: null });
      continue;
    }
    const mine = classesOfYear(student, new Set(classes.map((c) => c.id)));
    if (mine.length === 0) continue;
    try {
      const docs = online
        ? {
            periods: await archive.periods(year.id),
            courses: await archive.courses(year.id),
            periodMarks: (
              await Promise.all(mine.map((id) => archive.periodMarks(year.id, id)))
            ).flat(),
          }
        : { periods: localPeriods.filter((x) => x.yearId === year.id), ...(await local(mine)) };
      years.push({
        year,
        documents: { classes, ...docs },
        ...(docs.periodMarks.length === 0 ? { note: ARCHIVE_MARKS_HIDDEN } : {}),
      });
    } catch {
      years.push({ year, documents: null });
    }
  }
  const current = localClasses.filter((c) => c.yearId === school.year.id);
  const mine = classesOfYear(student, new Set(current.map((c) => c.id)));
  years.push({
    year: school.year,
    documents: {
      classes: current,
      periods: localPeriods.filter((x) => x.yearId === school.year.id),
      ...(await local(mine)),
    },
  });
  return buildPersonalCardModel({ school, student, years, classNames, issuedOn: todayIso() });
}
