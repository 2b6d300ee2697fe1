// The stress fixture every document kind is printed from: a class of 40 with 60-character hyphenated
// surnames, 300-character addresses, 16 subjects with long names, 2,000-character topics.
import { generateSchool } from '../../../shared/demo';
import type { Snapshot } from '../../../shared/snapshot';
import type { Student } from '../../../shared/student';
import { LONG_TOPIC } from './helpers';

const FEMININE = [
  'Преображенская',
  'Римская',
  'Корсакова',
  'Оболенская',
  'Трубецкая',
  'Голицына',
  'Волконская',
  'Шереметева',
  'Долгорукова',
  'Нарышкина',
  'Бестужева',
  'Рюмина',
];
const MASCULINE = [
  'Преображенский',
  'Римский',
  'Корсаков',
  'Оболенский',
  'Трубецкой',
  'Голицын',
  'Волконский',
  'Шереметев',
  'Долгоруков',
  'Нарышкин',
  'Бестужев',
  'Рюмин',
];

/** A hyphenated surname of exactly 60 characters made of whole surnames, different for each `n`. */
export function longSurname(n: number, female: boolean): string {
  const pool = female ? FEMININE : MASCULINE;
  const parts = pool.map((_, i) => pool[(n + i) % pool.length]!);
  const search = (s: string, used: number): string | null => {
    if (s.length === 60) return s;
    if (s.length > 60) return null;
    for (let i = 0; i < parts.length; i++) {
      if (used & (1 << i)) continue;
      const found = search(s ? `${s}-${parts[i]}` : parts[i]!, used | (1 << i));
      if (found) return found;
    }
    return null;
  };
  const found = search('', 0);
  if (!found) throw new Error('no 60-character surname');
  return found;
}

/** A 300-character address made of real address parts. */
export function longAddress(n: number): string {
  const head =
    `${100000 + n * 37}, Российская Федерация, Республика Северная Осетия — Алания, ` +
    `муниципальное образование Пригородный район, сельское поселение Верхнекобанское, ` +
    `посёлок городского типа Верхний Кобан-Нижнеднепровский, микрорайон Строителей-Железнодорожников, ` +
    `улица Маршала Советского Союза Константина Константиновича Рокоссовского, дом ${n + 1}, `;
  const tail = `корпус ${n % 4}, квартира ${n + 10}`;
  return `${head}${tail}`.padEnd(300, '.').slice(0, 300);
}

export interface StressFixture {
  school: Snapshot;
  classId: string;
  className: string;
  /** The 40 active students of the class. */
  students: Student[];
}

let cached: StressFixture | undefined;
let ninth: Snapshot | undefined;

/** The 9th class of the demo school (300 students, seed 42) alone: 22 students, 16 subjects, 4 exams. */
export function ninthClass(): Snapshot {
  if (!ninth) {
    const whole = generateSchool({ students: 300, seed: 42 });
    const cls = whole.classes.find((c) => c.grade === 9)!;
    ninth = {
      ...whole,
      classes: [cls],
      students: whole.students.filter((s) => s.classId === cls.id),
      courses: whole.courses.filter((c) => c.classId === cls.id),
      lessons: whole.lessons.filter((l) => l.classId === cls.id),
      periodMarks: whole.periodMarks.filter((m) => m.classId === cls.id),
      consents: whole.consents.filter((c) => c.classId === cls.id),
    };
  }
  return structuredClone(ninth);
}

/**
 * The 9th class of the demo school (300 students), alone, made hard: 40 students (clones keep the marks
 * and absences of the student they copy), long surnames and addresses for students and guardians,
 * every subject renamed to a long name (short names stay), long topics and homework.
 */
export function stressSchool(): StressFixture {
  if (cached) return structuredClone(cached);
  // Only that class: the documents are per class, and the fixture stays small to copy.
  const school = ninthClass();
  const cls = school.classes[0]!;
  const own = school.students.filter((s) => s.classId === cls.id && s.status === 'active');
  const lessons = school.lessons.filter((l) => l.classId === cls.id);
  const marks = school.periodMarks.filter((m) => m.classId === cls.id);
  const clones: Student[] = [];
  for (let k = 0; own.length + clones.length < 40; k++) {
    const from = own[k % own.length]!;
    const id = `st-x${String(k).padStart(4, '0')}`;
    const guardians: Student['guardians'] = {};
    for (const [gid, g] of Object.entries(from.guardians)) guardians[`${gid}-x${k}`] = { ...g };
    clones.push({ ...structuredClone(from), id, guardians });
    for (const l of lessons) {
      const e = l.entries[from.id];
      if (e) l.entries[id] = structuredClone(e);
    }
    for (const m of marks) {
      const e = m.marks[from.id];
      if (e) m.marks[id] = structuredClone(e);
    }
    for (const g of cls.groups) if (g.studentIds.includes(from.id)) g.studentIds.push(id);
    for (const c of school.consents.filter((x) => x.studentId === from.id)) {
      school.consents.push({
        ...structuredClone(c),
        id: `${id}:${c.guardianId}-x${k}`,
        studentId: id,
        guardianId: `${c.guardianId}-x${k}`,
      });
    }
  }
  school.students.push(...clones);
  const students = [...own, ...clones];
  students.forEach((s, n) => {
    s.lastName = longSurname(n, s.gender === 'female');
    s.firstName = s.gender === 'female' ? 'Аполлинария' : 'Константин';
    s.middleName = s.gender === 'female' ? 'Константиновна' : 'Аполлинариевич';
    s.address = longAddress(n);
    Object.values(s.guardians).forEach((g, gi) => {
      g.lastName = longSurname(n + 5 + gi, g.kind === 'mother');
      g.address = longAddress(n + 100 + gi);
      g.email = `${'o'.repeat(40)}.${n}@${'x'.repeat(30)}.ru`;
    });
  });
  for (const subject of school.school.subjects) {
    subject.name = `${subject.name} (углублённое изучение, модуль «Проектная и исследовательская деятельность»)`;
  }
  lessons
    .filter((l) => l.status === 'held')
    .forEach((l, i) => {
      if (i % 7 === 0) l.topic = LONG_TOPIC;
      if (i % 11 === 0) l.homework = LONG_TOPIC.slice(0, 600);
    });
  cached = {
    school,
    classId: cls.id,
    className: cls.name,
    students: students.map((s) => structuredClone(s)),
  };
  return structuredClone(cached);
}
