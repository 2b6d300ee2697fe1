// The curriculum's rows: class × subject × group × teacher × hours a week ↔ course documents, with
// the per-class check against the planned weekly total and the per-teacher load.
import type { AcademicYear } from '../../../shared/academic-year';
import type { Assessment, Course } from '../../../shared/course';
import { newId } from '../../../shared/ids';
import type { SetupContext } from '../../../shared/setup/context';
import { checkCourse } from '../../../shared/setup/course-checks';
import type { Unstamped } from '../../../shared/setup/stamp-changes';
import type { Edit } from '../../data/setup-repository';
import { parseNumberField } from './parse-fields';

/** Weeks of lessons in a year, for the planned lessons of a new course (as the imports count). */
export const STUDY_WEEKS = 34;

export interface CourseDraft {
  id: string;
  classId: string;
  subjectId: string;
  /** '' = the whole class. */
  groupId: string;
  teacherId: string;
  hours: string;
  assessment: Assessment;
  hasExam: boolean;
}

export function newCourseDraft(classId: string): CourseDraft {
  return {
    id: newId('crs'),
    classId,
    subjectId: '',
    groupId: '',
    teacherId: '',
    hours: '',
    assessment: 'marks',
    hasExam: false,
  };
}

export function courseDraft(c: Course): CourseDraft {
  return {
    id: c.id,
    classId: c.classId,
    subjectId: c.subjectId,
    groupId: c.groupId ?? '',
    teacherId: c.teacherId,
    hours: String(c.hoursPerWeek).replace('.', ','),
    assessment: c.assessment,
    hasExam: c.hasExam,
  };
}

/**
 * The edits of the rows that changed (or are new). Errors keyed "<row>.<field>" where row is the
 * index in `rows`.
 */
export function buildCourses(
  year: AcademicYear,
  rows: readonly CourseDraft[],
  stored: readonly Course[],
  ctx: SetupContext,
): { ok: true; edits: Edit<Course>[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const docs: Unstamped<Course>[] = rows.map((r, i) => {
    const hours = parseNumberField(r.hours, { min: 0.5, max: 10, what: 'часов в неделю' });
    if (!hours.ok) errors[`${i}.hoursPerWeek`] = hours.error;
    if (!r.subjectId) errors[`${i}.subjectId`] = 'Выберите предмет';
    if (!r.teacherId) errors[`${i}.teacherId`] = 'Выберите учителя';
    const base = stored.find((c) => c.id === r.id);
    const h = hours.ok ? hours.value : 0.5;
    return {
      id: r.id,
      yearId: base?.yearId ?? year.id,
      classId: r.classId,
      subjectId: r.subjectId,
      groupId: r.groupId || null,
      teacherId: r.teacherId,
      assessment: r.assessment,
      hoursPerWeek: h,
      plannedByPeriod: base && base.hoursPerWeek === h ? base.plannedByPeriod : {},
      plannedYear: base && base.hoursPerWeek === h ? base.plannedYear : Math.round(h * STUDY_WEEKS),
      hasExam: r.hasExam,
    };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const others = ctx.courses.filter((c) => !docs.some((d) => d.id === c.id));
  const all = [...others, ...docs.map((d) => ({ ...d, stamps: {} }) as Course)];
  docs.forEach((d, i) => {
    for (const p of checkCourse({ ...d, stamps: {} }, { ...ctx, courses: all }))
      errors[`${i}.${p.path}`] ??= p.message;
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const edits = docs.map((next) => ({ base: stored.find((c) => c.id === next.id) ?? null, next }));
  return { ok: true, edits };
}
