// Teachers and courses of the demo school: who teaches which class and group, class teachers, and the three known demo accounts.
import type { Course } from '../course';
import type { StaffMember } from '../staff';
import {
  COMBINE_ORDER,
  SPECIALIZATIONS,
  assessmentOf,
  examSubjects,
  isSplit,
  specializationFor,
  subjectsOfGrade,
} from './curriculum';
import { randomAdult } from './names';
import type { Rng } from './random';
import type { ClassInfo } from './roster';

export interface CourseDraft {
  id: string;
  classId: string;
  grade: number;
  subjectId: string;
  groupId: string | null;
  hours: number;
  assessment: Course['assessment'];
  hasExam: boolean;
  teacherId: string;
}

export interface TeacherDraft {
  id: string;
  specs: string[];
  courses: CourseDraft[];
  hours: number;
  classTeacherOf: string | null;
  doc: Omit<StaffMember, 'id' | 'stamps'>;
}

export interface Staffing {
  staff: TeacherDraft[];
  courses: CourseDraft[];
  /** Class id → class teacher id. */
  classTeacher: Map<string, string>;
}

interface Unit {
  spec: string;
  grade: number;
  order: number;
  courses: CourseDraft[];
  hours: number;
}

const MAX_COURSES = 10;
const TARGET_HOURS = 22;
/** A teacher's weekly hours stay below this (a full load is 18, up to ~1.5 loads in practice). */
const MAX_HOURS = 26;

/** Courses of every class: class × subject, × group for split subjects. */
function draftCourses(classes: ClassInfo[]): CourseDraft[] {
  const out: CourseDraft[] = [];
  for (const c of classes) {
    const exams = examSubjects(c.grade, c.index);
    const cpart = c.id.slice(3);
    for (const [subjectId, hours] of subjectsOfGrade(c.grade)) {
      const base = {
        classId: c.id,
        grade: c.grade,
        subjectId,
        hours,
        assessment: assessmentOf(subjectId, c.grade),
        hasExam: exams.includes(subjectId),
        teacherId: '',
      };
      if (isSplit(subjectId, c.grade)) {
        for (const n of [1, 2]) {
          out.push({
            ...base,
            id: `crs-${cpart}-${subjectId}-${n}`,
            groupId: `${c.id}-${subjectId}-${n}`,
          });
        }
      } else {
        out.push({ ...base, id: `crs-${cpart}-${subjectId}`, groupId: null });
      }
    }
  }
  return out;
}

/** Units a teacher takes whole: a primary class, a class's Russian+literature, one English group… */
function buildUnits(courses: CourseDraft[]): Unit[] {
  const units = new Map<string, Unit>();
  let order = 0;
  for (const c of courses) {
    const spec = specializationFor(c.subjectId, c.grade);
    const group = c.groupId ? c.groupId.slice(-1) : '0';
    const key = `${spec}|${c.classId}|${group}`;
    let u = units.get(key);
    if (!u) {
      // Group-2 units come after all group-1 units, so the two groups of a class get different teachers.
      u = {
        spec,
        grade: c.grade,
        order: (group === '2' ? 1_000_000 : 0) + order++,
        courses: [],
        hours: 0,
      };
      units.set(key, u);
    }
    u.courses.push(c);
    u.hours += c.hours;
  }
  return [...units.values()];
}

/** Splits a specialization's units into teachers with balanced hours and at most 10 courses each. */
function partition(units: Unit[]): Unit[][] {
  if (units[0]?.spec === 'primary') return units.map((u) => [u]);
  const total = units.reduce((a, u) => a + u.hours, 0);
  const courses = units.reduce((a, u) => a + u.courses.length, 0);
  for (
    let n = Math.max(1, Math.round(total / TARGET_HOURS), Math.ceil(courses / MAX_COURSES));
    ;
    n++
  ) {
    // Balance hours and course counts together, so that no teacher ends with 3 long courses.
    const cost = (u: Unit) => u.hours + 3 * u.courses.length;
    const totalCost = units.reduce((a, u) => a + cost(u), 0);
    const chunks: Unit[][] = [];
    let acc = 0;
    let current: Unit[] = [];
    for (const u of units) {
      current.push(u);
      acc += cost(u);
      if (acc >= (totalCost * (chunks.length + 1)) / n - 0.5 && chunks.length < n - 1) {
        chunks.push(current);
        current = [];
      }
    }
    if (current.length > 0) chunks.push(current);
    const ok = chunks.every(
      (ch) =>
        ch.reduce((a, u) => a + u.courses.length, 0) <= MAX_COURSES &&
        (ch.length === 1 || ch.reduce((a, u) => a + u.hours, 0) <= MAX_HOURS),
    );
    if (ok || n > units.length) return chunks;
  }
}

interface Group {
  specs: string[];
  units: Unit[];
}

const count = (g: Group) => g.units.reduce((a, u) => a + u.courses.length, 0);
const hoursOf = (g: Group) => g.units.reduce((a, u) => a + u.hours, 0);

/** Small schools: one person teaches music and art, or PE and ОБЗР, until each has 5+ courses. */
function combine(groups: Group[]): Group[] {
  const rank = (g: Group) => COMBINE_ORDER.indexOf(g.specs[0] ?? '');
  const small = groups
    .filter((g) => g.specs[0] !== 'primary' && count(g) < 5)
    .sort((a, b) => rank(a) - rank(b));
  const rest = groups.filter((g) => !small.includes(g));
  const merged: Group[] = [];
  for (const g of small) {
    const last = merged[merged.length - 1];
    if (
      last &&
      (count(last) < 5 || count(g) < 5) &&
      count(last) + count(g) <= MAX_COURSES &&
      hoursOf(last) + hoursOf(g) <= 30
    ) {
      last.specs.push(...g.specs.filter((s) => !last.specs.includes(s)));
      last.units.push(...g.units);
    } else {
      merged.push({ specs: [...g.specs], units: [...g.units] });
    }
  }
  return [...rest, ...merged];
}

function positionOf(specs: string[]): string {
  const names = specs.map((s) => SPECIALIZATIONS.find((x) => x.id === s)?.position ?? 'учитель');
  if (names.length === 1) return names[0] ?? 'учитель';
  return `учитель (${names.map((n) => n.replace(/^учитель |^преподаватель-организатор /, '')).join(', ')})`;
}

/** Prefers a teacher with many hours in the class; Russian, maths and English teachers first on ties. */
function pickClassTeacher(
  c: ClassInfo,
  teachers: TeacherDraft[],
  rng: Rng,
): TeacherDraft | undefined {
  let best: TeacherDraft | undefined;
  let bestScore = -1;
  for (const t of teachers) {
    if (t.classTeacherOf) continue;
    const hours = t.courses.filter((x) => x.classId === c.id).reduce((a, x) => a + x.hours, 0);
    if (hours === 0) continue;
    const score =
      hours + (t.specs.includes('pe') || t.specs.includes('obzr') ? -2 : 0) + rng.next();
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best ?? teachers.find((t) => !t.classTeacherOf && t.courses.length > 0);
}

/**
 * Assigns teachers to courses. Ids: the class teacher of the first class from grade 5 is
 * `staff-class-teacher`, a busy subject teacher who leads no class is `staff-teacher`, the
 * others `staff-0001`… The deputy (`staff-deputy`) is added by the caller.
 */
export function buildStaffing(rng: Rng, classes: ClassInfo[]): Staffing {
  const courses = draftCourses(classes);
  const bySpec = new Map<string, Unit[]>();
  for (const u of buildUnits(courses)) {
    const list = bySpec.get(u.spec) ?? [];
    list.push(u);
    bySpec.set(u.spec, list);
  }
  let groups: Group[] = [];
  for (const spec of SPECIALIZATIONS) {
    const units = (bySpec.get(spec.id) ?? []).sort((a, b) => a.order - b.order);
    if (units.length > 0)
      groups.push(...partition(units).map((ch) => ({ specs: [spec.id], units: ch })));
  }
  groups = combine(groups);

  const teachers: TeacherDraft[] = groups.map((g, i) => {
    const spec = SPECIALIZATIONS.find((s) => s.id === g.specs[0]);
    const name = randomAdult(rng, rng.chance(spec?.female ?? 0.8) ? 'female' : 'male');
    const list = g.units.flatMap((u) => u.courses);
    return {
      id: `tmp-${i}`,
      specs: g.specs,
      courses: list,
      hours: list.reduce((a, c) => a + c.hours, 0),
      classTeacherOf: null,
      doc: { ...name, position: positionOf(g.specs), roles: ['teacher'], active: true },
    };
  });

  // Primary teachers lead their own class; grades 5–11 get a teacher who teaches in them.
  const classTeacher = new Map<string, string>();
  for (const c of classes) {
    const t =
      c.grade <= 4
        ? teachers.find((x) => x.specs[0] === 'primary' && x.courses[0]?.classId === c.id)
        : pickClassTeacher(c, teachers, rng);
    if (!t) throw new Error(`No class teacher for ${c.id}`);
    t.classTeacherOf = c.id;
    t.doc.roles = ['teacher', 'classTeacher'];
    classTeacher.set(c.id, t.id);
  }

  // The known demo accounts come first; the rest keep their order.
  const firstSenior = classes.find((c) => c.grade >= 5) ?? classes[0];
  const ct = teachers.find((t) => t.classTeacherOf === firstSenior?.id);
  const plain = teachers
    .filter((t) => !t.classTeacherOf && t.specs[0] !== 'primary')
    .sort((a, b) => b.courses.length - a.courses.length)[0];
  const ordered = [ct, plain, ...teachers.filter((t) => t !== ct && t !== plain)].filter(
    (t): t is TeacherDraft => t !== undefined,
  );
  const rename = new Map<string, string>();
  let n = 1;
  for (const t of ordered) {
    const id =
      t === ct
        ? 'staff-class-teacher'
        : t === plain
          ? 'staff-teacher'
          : `staff-${String(n++).padStart(4, '0')}`;
    rename.set(t.id, id);
    t.id = id;
    for (const c of t.courses) c.teacherId = id;
  }
  for (const [cid, tid] of classTeacher) classTeacher.set(cid, rename.get(tid) ?? tid);
  return { staff: ordered, courses, classTeacher };
}
