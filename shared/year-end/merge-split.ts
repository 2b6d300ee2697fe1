// Next year's classes merged and split in the wizard's classes step. Merging: one class of next
// year continues two of this year's classes of one parallel (5А and 5Б → 6А): the students headed
// for the other go to it, groups of the same name are joined. Splitting: a second class continues
// the same class (5А → 6А and 6Б), with copies of its groups; the deputy then assigns students to
// it in the movements step (the transition keeps in each group only the students of its class).
import type { TransitionClass, YearTransitionPlan } from './plan';
import { className } from './next-classes';

/** The this-year classes a next-year class continues: its own and those merged into it. */
export function sourcesOf(
  c: Pick<TransitionClass, 'fromClassId' | 'mergedFromClassIds'>,
): string[] {
  return [...(c.fromClassId ? [c.fromClassId] : []), ...(c.mergedFromClassIds ?? [])];
}

/** The next-year class a student of this year's class goes to by default (null: none). */
export function continuingClass(
  classes: readonly TransitionClass[],
  thisYearClassId: string,
): TransitionClass | null {
  return classes.find((c) => sourcesOf(c).includes(thisYearClassId)) ?? null;
}

/** Merges `otherId` into `keepId`; the Russian reason when they cannot be merged. */
export function mergeClasses(
  plan: YearTransitionPlan,
  keepId: string,
  otherId: string,
): YearTransitionPlan | string {
  const keep = plan.classes.find((c) => c.id === keepId);
  const other = plan.classes.find((c) => c.id === otherId);
  if (!keep || !other || keepId === otherId) return 'Выберите два разных класса';
  if (keep.grade !== other.grade) {
    return `Объединять можно классы одной параллели: ${keep.name} и ${other.name} — разные`;
  }
  const groups = keep.groups.map((g) => ({ ...g, studentIds: [...g.studentIds] }));
  for (const g of other.groups) {
    const same = groups.find((x) => x.name === g.name);
    if (same) {
      for (const id of g.studentIds) if (!same.studentIds.includes(id)) same.studentIds.push(id);
      continue;
    }
    let n = groups.length + 1;
    while (groups.some((x) => x.id === `${keep.id}:g${n}`)) n += 1;
    groups.push({ id: `${keep.id}:g${n}`, name: g.name, studentIds: [...g.studentIds] });
  }
  const merged: TransitionClass = {
    ...keep,
    fromClassId: keep.fromClassId ?? other.fromClassId,
    mergedFromClassIds: [
      ...new Set(
        [...sourcesOf(keep), ...sourcesOf(other)].filter(
          (id) => id !== (keep.fromClassId ?? other.fromClassId),
        ),
      ),
    ],
    groups,
  };
  return {
    ...plan,
    classes: plan.classes
      .filter((c) => c.id !== otherId)
      .map((c) => (c.id === keepId ? merged : c)),
    movements: plan.movements.map((m) =>
      m.toClassId === otherId ? { ...m, toClassId: keepId } : m,
    ),
  };
}

/** A free id for a new class of the parallel (as the wizard makes them). */
export function freeClassId(plan: YearTransitionPlan, grade: number): string {
  let n = 1;
  while (plan.classes.some((c) => c.id === `${plan.nextYear.id}:cls-${grade}-${n}`)) n += 1;
  return `${plan.nextYear.id}:cls-${grade}-${n}`;
}

/**
 * Splits `sourceId`: a new class of its parallel with `letter` continues the same classes, with
 * copies of its groups, and `studentIds` go to it (the others stay). No class teacher yet.
 */
export function splitClass(
  plan: YearTransitionPlan,
  sourceId: string,
  letter: string,
  studentIds: readonly string[] = [],
): YearTransitionPlan | string {
  const source = plan.classes.find((c) => c.id === sourceId);
  if (!source) return 'Класс не найден';
  const clean = letter.trim().toLocaleUpperCase('ru');
  if (!clean) return 'Укажите букву нового класса';
  const name = className(source.grade, clean);
  if (plan.classes.some((c) => c.name === name)) return `Класс ${name} уже есть`;
  const id = freeClassId(plan, source.grade);
  const moving = new Set(studentIds);
  const added: TransitionClass = {
    id,
    grade: source.grade,
    letter: clean,
    name,
    periodScheme: source.periodScheme,
    classTeacherId: '',
    fromClassId: source.fromClassId,
    ...(source.mergedFromClassIds ? { mergedFromClassIds: [...source.mergedFromClassIds] } : {}),
    groups: source.groups.map((g, i) => ({
      id: `${id}:g${i + 1}`,
      name: g.name,
      studentIds: [...g.studentIds],
    })),
  };
  return {
    ...plan,
    classes: [...plan.classes, added],
    movements: plan.movements.map((m) =>
      moving.has(m.studentId) && m.toClassId === sourceId ? { ...m, toClassId: id } : m,
    ),
  };
}
