// Names the timetable screens show: a course as «Английский язык (1 группа) — Петров А. Н.», the set-up context the checks read, built from the live documents.
import { shortName } from '../../../shared/common';
import type { Course } from '../../../shared/course';
import type { SetupContext } from '../../../shared/setup/context';
import type { SchoolData } from '../../data/use-school-data';
import type { TimetableData } from '../../data/use-timetables';

export function setupContextOf(data: SchoolData, tt: TimetableData): SetupContext {
  return {
    school: data.school,
    periods: data.periods,
    classes: [...data.classes.values()],
    staff: data.staffList,
    courses: tt.courses,
    timetables: tt.timetables,
  };
}

export interface CourseNames {
  subject(course: Course): string;
  /** The group's name, '' for the whole class. */
  group(course: Course): string;
  teacher(staffId: string): string;
  /** «Английский язык (1 группа)» */
  title(course: Course): string;
  /** «Английский язык (1 группа) — Петров А. Н.» */
  full(course: Course): string;
}

export function courseNames(data: SchoolData): CourseNames {
  const subjects = new Map(data.school.subjects.map((s) => [s.id, s]));
  const subject = (c: Course) => subjects.get(c.subjectId)?.name ?? c.subjectId;
  const group = (c: Course) =>
    c.groupId
      ? (data.classes.get(c.classId)?.groups.find((g) => g.id === c.groupId)?.name ?? c.groupId)
      : '';
  const teacher = (id: string) => {
    const s = data.staff.get(id);
    return s ? shortName(s) : id;
  };
  const title = (c: Course) => (c.groupId ? `${subject(c)} (${group(c)})` : subject(c));
  return { subject, group, teacher, title, full: (c) => `${title(c)} — ${teacher(c.teacherId)}` };
}
