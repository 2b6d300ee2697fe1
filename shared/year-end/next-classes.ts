// Next year's classes proposed from this year's: each class moves up a parallel (5А → 6А) with its
// class teacher and groups, the 9th and 11th graduate, and new classes (1st, where the school has
// them 10th) are created empty — the new 1st class for the teacher whose 4th class finished the
// primary school, the new 10th for the teacher whose 11th class graduated.
import type { AcademicYear } from '../academic-year';
import { schemeForGrade } from '../academic-year';
import type { PeriodScheme } from '../period';
import { compareClasses, type SchoolClass } from '../school-class';

/** Parallels whose classes finish the school level at the year's end (ОГЭ, ЕГЭ). */
export function graduates(grade: number): boolean {
  return grade === 9 || grade === 11;
}

/** "5" + "А" → "5А". */
export function className(grade: number, letter: string): string {
  return `${grade}${letter}`;
}

export interface NextClass {
  id: string;
  grade: number;
  letter: string;
  name: string;
  periodScheme: PeriodScheme;
  /** '' when nobody is proposed: the deputy must choose one. */
  classTeacherId: string;
  /** This year's class it continues (its students are promoted into it); null for a new class. */
  fromClassId: string | null;
  /** Groups kept from the class it continues (new ids, the same students); none for a new class. */
  groups: { id: string; name: string; studentIds: string[] }[];
}

/** Ids of next year's documents: the new year's id and a short, stable suffix. */
export function nextClassId(nextYearId: string, grade: number, index: number): string {
  return `${nextYearId}:cls-${grade}-${index}`;
}

/**
 * The proposal. `newGrades` are the parallels that get new empty classes, with the letters this
 * year's classes of that parallel have (default: 1 and, when the school has a 10th, 10).
 */
export function proposeNextClasses(
  classes: readonly SchoolClass[],
  nextYear: AcademicYear,
  newGrades?: readonly number[],
): NextClass[] {
  const ordered = [...classes].sort(compareClasses);
  const byGrade = new Map<number, SchoolClass[]>();
  for (const c of ordered) byGrade.set(c.grade, [...(byGrade.get(c.grade) ?? []), c]);
  const fresh = newGrades ?? [1, ...(byGrade.has(10) ? [10] : [])];
  const teacherOfNew = (grade: number, letter: string): string => {
    // The teacher whose class left the level: 4th → new 1st, 11th → new 10th; else nobody.
    const from = grade === 1 ? 4 : grade === 10 ? 11 : null;
    if (from === null) return '';
    return byGrade.get(from)?.find((c) => c.letter === letter)?.classTeacherId ?? '';
  };
  const drafts: Omit<NextClass, 'id' | 'groups'>[] = [];
  const sources = new Map<Omit<NextClass, 'id' | 'groups'>, SchoolClass>();
  for (const c of ordered) {
    if (graduates(c.grade) || c.grade >= 11) continue;
    const draft = {
      grade: c.grade + 1,
      letter: c.letter,
      name: className(c.grade + 1, c.letter),
      periodScheme: schemeForGrade(nextYear, c.grade + 1),
      classTeacherId: c.classTeacherId,
      fromClassId: c.id,
    };
    drafts.push(draft);
    sources.set(draft, c);
  }
  for (const grade of fresh) {
    for (const c of byGrade.get(grade) ?? []) {
      drafts.push({
        grade,
        letter: c.letter,
        name: className(grade, c.letter),
        periodScheme: schemeForGrade(nextYear, grade),
        classTeacherId: teacherOfNew(grade, c.letter),
        fromClassId: null,
      });
    }
  }
  drafts.sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'));
  const counters = new Map<number, number>();
  return drafts.map((d) => {
    const index = (counters.get(d.grade) ?? 0) + 1;
    counters.set(d.grade, index);
    const id = nextClassId(nextYear.id, d.grade, index);
    const source = sources.get(d);
    const groups = (source?.groups ?? []).map((g, i) => ({
      id: `${id}:g${i + 1}`,
      name: g.name,
      studentIds: [...g.studentIds],
    }));
    return { ...d, id, groups };
  });
}
