// The documents a reviewed year-transition plan makes (unstamped; the server stamps and writes
// them through its one write path): next year's periods, classes, courses and draft timetables,
// each student's movement and new class, the debts as deferred marks, and the school card with the
// finished year closed. Nothing of the finished year's own documents changes.
import type { Course } from '../course';
import { courseIdFor, timetableId } from '../lesson-id';
import type { Period } from '../period';
import { periodMarksId, type PeriodMarks } from '../period-mark';
import type { School } from '../school';
import type { SchoolClass } from '../school-class';
import type { PastYear } from '../school-years';
import type { Student, StudentMovement } from '../student';
import { timetableAt, type Timetable } from '../timetable';
import { placeDebts } from './debts';
import { nextPeriodId } from './next-calendar';
import type { NextClass } from './next-classes';
import type { YearTransitionPlan } from './plan';

type Draft<T> = Omit<T, 'stamps'>;

export interface TransitionSource {
  school: School;
  periods: readonly Period[];
  classes: readonly SchoolClass[];
  courses: readonly Course[];
  timetables: readonly Timetable[];
  students: readonly Student[];
}

export interface TransitionDocuments {
  periods: Draft<Period>[];
  classes: Draft<SchoolClass>[];
  courses: Draft<Course>[];
  timetables: Draft<Timetable>[];
  /** Only the students whose document changes, in their new state. */
  students: Draft<Student>[];
  periodMarks: Draft<PeriodMarks>[];
  school: Draft<School>;
  unplacedDebts: { studentId: string; subjectId: string }[];
}

function stripStamps<T extends { stamps?: unknown }>(doc: T): Omit<T, 'stamps'> {
  const { stamps: _stamps, ...rest } = doc;
  return rest;
}

export function transitionDocuments(
  plan: YearTransitionPlan,
  source: TransitionSource,
  closing: { at: string; by: string },
): TransitionDocuments {
  const oldYear = source.school.year;
  const next = plan.nextYear;
  const current = source.classes.filter((c) => c.yearId === oldYear.id);
  const byId = new Map(current.map((c) => [c.id, c]));
  const oldPeriods = source.periods.filter((p) => p.yearId === oldYear.id);
  const periodMap = new Map(oldPeriods.map((p) => [p.id, nextPeriodId(next.id, p)]));
  const nextPeriodIds = new Set(plan.periods.map((p) => p.id));

  // Who is in each new class: the movements decide (groups keep only those students).
  const arriving = new Map<string, Set<string>>();
  for (const m of plan.movements) {
    if (m.toClassId === null) continue;
    arriving.set(m.toClassId, (arriving.get(m.toClassId) ?? new Set()).add(m.studentId));
  }

  const classes: Draft<SchoolClass>[] = [];
  const courses: Draft<Course>[] = [];
  const timetables: Draft<Timetable>[] = [];
  for (const c of plan.classes) {
    const members = arriving.get(c.id) ?? new Set<string>();
    const groups = c.groups.map((g) => ({
      ...g,
      studentIds: g.studentIds.filter((id) => members.has(id)),
    }));
    const from = c.fromClassId ? byId.get(c.fromClassId) : undefined;
    // The curriculum of the parallel the class enters: this year's class of that grade and letter
    // (else the first of the grade, else the class it continues).
    const sameGrade = current.filter((x) => x.grade === c.grade);
    const model = sameGrade.find((x) => x.letter === c.letter) ?? sameGrade[0] ?? from;
    const modelCourses = model ? source.courses.filter((x) => x.classId === model.id) : [];
    const courseMap = new Map<string, string>();
    if (plan.copyCurriculum) {
      for (const mc of modelCourses) {
        const groupIndex = mc.groupId ? model!.groups.findIndex((g) => g.id === mc.groupId) : -1;
        if (mc.groupId && groupIndex >= 0 && !groups[groupIndex]) {
          groups[groupIndex] = {
            id: `${c.id}:g${groupIndex + 1}`,
            name: model!.groups[groupIndex]!.name,
            studentIds: [],
          };
        }
        const groupId = groupIndex >= 0 ? (groups[groupIndex]?.id ?? null) : null;
        if (mc.groupId && groupId === null) continue;
        // The teacher who taught this class the subject (same group position) keeps it.
        const kept =
          plan.keepTeachers && from
            ? source.courses.find(
                (fc) =>
                  fc.classId === from.id &&
                  fc.subjectId === mc.subjectId &&
                  (fc.groupId === null
                    ? groupIndex < 0
                    : from.groups.findIndex((g) => g.id === fc.groupId) === groupIndex),
              )
            : undefined;
        const id = courseIdFor(c.id, mc.subjectId, groupId);
        courseMap.set(mc.id, id);
        const plannedByPeriod: Record<string, number> = {};
        for (const [pid, n] of Object.entries(mc.plannedByPeriod)) {
          const to = periodMap.get(pid);
          if (to && nextPeriodIds.has(to)) plannedByPeriod[to] = n;
        }
        courses.push({
          id,
          yearId: next.id,
          classId: c.id,
          subjectId: mc.subjectId,
          groupId,
          teacherId: kept?.teacherId ?? mc.teacherId,
          assessment: mc.assessment,
          hoursPerWeek: mc.hoursPerWeek,
          plannedByPeriod,
          plannedYear: mc.plannedYear,
          hasExam: mc.hasExam,
        });
      }
      if (plan.copyTimetable && model) {
        const tt = timetableAt(source.timetables, model.id, oldYear.id, oldYear.end);
        if (tt) {
          timetables.push({
            id: timetableId(c.id, next.start),
            yearId: next.id,
            classId: c.id,
            validFrom: next.start,
            name: 'Основное расписание',
            source: tt.source,
            draft: true,
            cells: tt.cells
              .filter((cell) => courseMap.has(cell.courseId))
              .map((cell) => ({ ...cell, courseId: courseMap.get(cell.courseId)! })),
          });
        }
      }
    }
    classes.push({
      id: c.id,
      yearId: next.id,
      grade: c.grade,
      letter: c.letter,
      name: c.name,
      periodScheme: c.periodScheme,
      classTeacherId: c.classTeacherId,
      groups,
    });
  }

  const students: Draft<Student>[] = [];
  const debts = new Map<string, { studentId: string; subjectId: string; due: string }[]>();
  const byStudent = new Map(source.students.map((s) => [s.id, s]));
  for (const m of plan.movements) {
    const s = byStudent.get(m.studentId);
    if (!s) continue;
    const movement: StudentMovement = {
      kind: m.kind,
      date: plan.order.date,
      orderNumber: plan.order.number,
      fromClassId: s.classId,
      toClassId: m.toClassId,
      ...(m.kind === 'conditional' ? { debts: m.debts.map((d) => d.subjectId) } : {}),
    };
    const leaves = m.toClassId === null;
    students.push({
      ...stripStamps(s),
      classId: m.toClassId ?? s.classId,
      status: leaves ? 'left' : s.status,
      movements: [...(s.movements ?? []), movement],
    });
    if (m.kind === 'conditional' && m.toClassId) {
      const list = debts.get(m.toClassId) ?? [];
      for (const d of m.debts) list.push({ studentId: m.studentId, ...d });
      debts.set(m.toClassId, list);
    }
  }

  const marks = new Map<string, Draft<PeriodMarks>>();
  const unplacedDebts: { studentId: string; subjectId: string }[] = [];
  const nextPeriods = plan.periods.map((p) => ({ ...p, stamps: {} })) as Period[];
  for (const c of plan.classes) {
    const list = debts.get(c.id);
    if (!list) continue;
    const asNext: NextClass = classes.find((x) => x.id === c.id)! as unknown as NextClass;
    const { placed, unplaced } = placeDebts(
      list,
      { ...asNext, fromClassId: c.fromClassId },
      courses as Course[],
      nextPeriods,
      oldYear.name,
    );
    unplacedDebts.push(...unplaced);
    for (const p of placed) {
      const id = periodMarksId(p.courseId, p.periodId);
      const doc = marks.get(id) ?? {
        id,
        courseId: p.courseId,
        periodId: p.periodId,
        classId: c.id,
        marks: {},
      };
      doc.marks[p.studentId] = {
        value: null,
        proposed: null,
        average: null,
        deferral: p.deferral,
        comment: '',
      };
      marks.set(id, doc);
    }
  }

  const past: PastYear = {
    year: oldYear,
    closedAt: closing.at,
    closedBy: closing.by,
    order: plan.order,
  };
  const school: Draft<School> = {
    ...stripStamps(source.school),
    year: next,
    pastYears: [...(source.school.pastYears ?? []), past],
  };
  return {
    periods: plan.periods.map((p) => ({ ...p })),
    classes,
    courses,
    timetables,
    students,
    periodMarks: [...marks.values()],
    school,
    unplacedDebts,
  };
}
