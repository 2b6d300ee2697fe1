// Checks of a year-transition plan against the school as it is, in Russian: the wizard shows them
// before the deputy applies the plan, the server refuses a plan that has any.
import type { School } from '../school';
import type { SchoolClass } from '../school-class';
import type { Student } from '../student';
import { closedYears } from '../school-years';
import { checkAcademicYear } from '../setup/school-checks';
import { formatDate } from '../dates';
import type { YearTransitionPlan } from './plan';

export interface PlanState {
  school: School;
  /** Every class of every year (ids must not repeat). */
  classes: readonly SchoolClass[];
  students: readonly Student[];
  /** Every period of every year (next year's ids must be new). */
  periods?: readonly { id: string }[];
}

export function checkPlan(plan: YearTransitionPlan, state: PlanState): string[] {
  const problems: string[] = [];
  const { school } = state;
  const closed = closedYears(school);
  if (plan.fromYearId !== school.year.id || closed.has(plan.fromYearId)) {
    problems.push('Завершать можно только текущий учебный год');
  }
  const next = plan.nextYear;
  if (next.id === school.year.id || closed.has(next.id)) {
    problems.push('У следующего учебного года должен быть новый идентификатор');
  }
  if (next.start <= school.year.end) {
    problems.push(
      `Следующий учебный год должен начинаться после ${formatDate(school.year.end)}, окончания текущего`,
    );
  }
  for (const p of checkAcademicYear(next, 'nextYear')) problems.push(p.message);
  const periodIds = new Set<string>();
  const storedPeriods = new Set((state.periods ?? []).map((p) => p.id));
  for (const p of plan.periods) {
    if (p.yearId !== next.id) problems.push(`Период «${p.name}» относится к другому году`);
    if (periodIds.has(p.id) || storedPeriods.has(p.id)) {
      problems.push(`Период «${p.name}»: такой идентификатор уже занят`);
    }
    periodIds.add(p.id);
    if (p.start > p.end || p.start < next.start || p.end > next.end) {
      problems.push(`Даты периода «${p.name}» должны лежать внутри учебного года`);
    }
  }
  const existing = new Set(state.classes.map((c) => c.id));
  const currentClasses = new Map(
    state.classes.filter((c) => c.yearId === school.year.id).map((c) => [c.id, c]),
  );
  const planClasses = new Map<string, (typeof plan.classes)[number]>();
  const names = new Set<string>();
  for (const c of plan.classes) {
    if (existing.has(c.id) || planClasses.has(c.id)) {
      problems.push(`Класс ${c.name}: такой идентификатор уже занят`);
    }
    if (names.has(c.name)) problems.push(`Класс ${c.name} указан дважды`);
    if (c.classTeacherId === '') problems.push(`Класс ${c.name}: не выбран классный руководитель`);
    if (c.fromClassId !== null && !currentClasses.has(c.fromClassId)) {
      problems.push(`Класс ${c.name}: класс текущего года, из которого он переводится, не найден`);
    }
    for (const id of c.mergedFromClassIds ?? []) {
      const merged = currentClasses.get(id);
      const main = c.fromClassId ? currentClasses.get(c.fromClassId) : undefined;
      if (!merged || id === c.fromClassId) {
        problems.push(`Класс ${c.name}: объединяемый класс текущего года не найден`);
      } else if (!main || merged.grade !== main.grade) {
        problems.push(`Класс ${c.name}: объединять можно только классы одной параллели`);
      }
    }
    names.add(c.name);
    planClasses.set(c.id, c);
  }
  const leads = new Map<string, string>();
  for (const c of plan.classes) {
    if (c.classTeacherId === '') continue;
    const other = leads.get(c.classTeacherId);
    if (other !== undefined) {
      problems.push(`Классы ${other} и ${c.name}: у них один классный руководитель`);
    }
    leads.set(c.classTeacherId, c.name);
  }
  const moved = new Set<string>();
  const students = new Map(state.students.map((s) => [s.id, s]));
  for (const m of plan.movements) {
    const student = students.get(m.studentId);
    if (!student || !currentClasses.has(student.classId) || student.status !== 'active') {
      problems.push(`Движение ученика ${m.studentId}: ученик не учится в этом году`);
      continue;
    }
    const who = `${student.lastName} ${student.firstName}`;
    if (moved.has(m.studentId)) problems.push(`${who}: указано два движения`);
    moved.add(m.studentId);
    const leaves = m.kind === 'graduated' || m.kind === 'left';
    if (leaves && m.toClassId !== null) problems.push(`${who}: выбывающий не зачисляется в класс`);
    if (!leaves && (m.toClassId === null || !planClasses.has(m.toClassId))) {
      problems.push(`${who}: не выбран класс следующего года`);
    }
    if (m.kind === 'conditional' && m.debts.length === 0) {
      problems.push(`${who}: при условном переводе укажите предметы задолженности`);
    }
    if (m.kind !== 'conditional' && m.debts.length > 0) {
      problems.push(`${who}: задолженность бывает только при условном переводе`);
    }
    for (const d of m.debts) {
      if (d.due < next.start || d.due > next.end) {
        problems.push(`${who}: срок ликвидации задолженности должен быть в следующем учебном году`);
      }
      if (!school.subjects.some((s) => s.id === d.subjectId)) {
        problems.push(`${who}: предмет задолженности не найден`);
      }
    }
  }
  for (const s of state.students) {
    if (s.status === 'active' && currentClasses.has(s.classId) && !moved.has(s.id)) {
      problems.push(`${s.lastName} ${s.firstName}: не указано движение`);
    }
  }
  return [...new Set(problems)];
}
