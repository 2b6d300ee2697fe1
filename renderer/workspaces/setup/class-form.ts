// A class's form: parallel, letter, class teacher, period scheme and groups ↔ the class document,
// checked with the shared class checks.
import { schemeForGrade, type AcademicYear } from '../../../shared/academic-year';
import { newId } from '../../../shared/ids';
import type { PeriodScheme } from '../../../shared/period';
import type { SchoolClass } from '../../../shared/school-class';
import { checkClass } from '../../../shared/setup/class-checks';
import type { SetupContext } from '../../../shared/setup/context';
import type { Unstamped } from '../../../shared/setup/stamp-changes';
import { errorsOf } from './form-problems';

export interface ClassDraft {
  id: string;
  grade: number;
  letter: string;
  classTeacherId: string;
  periodScheme: PeriodScheme;
  groups: { id: string; name: string; studentIds: string[] }[];
}

export function newClassDraft(year: AcademicYear): ClassDraft {
  return {
    id: newId('cls'),
    grade: 1,
    letter: '',
    classTeacherId: '',
    periodScheme: schemeForGrade(year, 1),
    groups: [],
  };
}

export function classDraft(c: SchoolClass): ClassDraft {
  return {
    id: c.id,
    grade: c.grade,
    letter: c.letter,
    classTeacherId: c.classTeacherId,
    periodScheme: c.periodScheme,
    groups: c.groups.map((g) => ({ ...g, studentIds: [...g.studentIds] })),
  };
}

export function newGroup(n: number): ClassDraft['groups'][number] {
  return { id: newId('grp'), name: `${n} группа`, studentIds: [] };
}

export function buildClass(
  year: AcademicYear,
  draft: ClassDraft,
  ctx: SetupContext,
  stored: SchoolClass | null = null,
): { ok: true; next: Unstamped<SchoolClass> } | { ok: false; errors: Record<string, string> } {
  const letter = draft.letter.trim().toLocaleUpperCase('ru');
  const next: Unstamped<SchoolClass> = {
    id: draft.id,
    yearId: year.id,
    grade: draft.grade,
    letter,
    name: `${draft.grade}${letter}`,
    periodScheme: draft.periodScheme,
    classTeacherId: draft.classTeacherId,
    groups: draft.groups.map((g) => ({ ...g, name: g.name.trim() })),
  };
  const errors: Record<string, string> = {};
  if (stored && stored.grade !== draft.grade)
    errors.grade = 'Параллель класса не меняется: создайте класс заново';
  if (!letter) errors.letter = 'Укажите букву класса: А, Б, В…';
  if (!draft.classTeacherId) errors.classTeacherId = 'Выберите классного руководителя';
  draft.groups.forEach((g, i) => {
    if (!g.name.trim()) errors[`groups.${i}.name`] = 'Укажите название группы';
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const problems = errorsOf(checkClass({ ...next, stamps: {} }, ctx));
  // The name is made from the parallel and the letter: its problems are the letter's.
  if (problems.name) problems.letter ??= problems.name;
  return Object.keys(problems).length > 0 ? { ok: false, errors: problems } : { ok: true, next };
}
